import { run as ocpiTransport } from './ocpi-transport.bench.js';

/**
 * `npm run bench`: every benchmark, one after the other. Each prints its own figures next to a
 * baseline measured in the same run, because absolute numbers on shared machines mean little.
 */
const benches: Array<[string, () => Promise<void>]> = [['ocpi-transport', ocpiTransport]];

const only = process.argv[2];
for (const [name, run] of benches) {
  if (only && only !== name) continue;
  process.stdout.write(`\n=== ${name} ===\n`);
  await run();
}
