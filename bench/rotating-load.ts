import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import type { RotatingLoadSpec } from './support.js';

/**
 * The child process of `loadRotating` (support.ts): autocannon run programmatically, because its
 * CLI sends one request over and over. Each request takes the next path and body of the spec in
 * turn, across all connections, so every request differs from the one before. Prints the
 * autocannon result as JSON on stdout.
 */
const spec = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as RotatingLoadSpec;
let next = 0;

const result = await autocannon({
  url: spec.origin,
  method: spec.method,
  headers: spec.headers,
  connections: spec.connections,
  ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.seconds }),
  requests: [
    {
      setupRequest: (request) => {
        const i = next++;
        request.path = spec.paths[i % spec.paths.length]!;
        if (spec.bodies) request.body = spec.bodies[i % spec.bodies.length]!;
        return request;
      },
    },
  ],
});
process.stdout.write(JSON.stringify(result));
