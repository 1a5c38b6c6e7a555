import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import Fastify from 'fastify';

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

interface AutocannonJson {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}

/**
 * Drives one URL with autocannon for `seconds` and reports throughput and latency. The load comes
 * from a separate process so it does not take event-loop time from the server it measures.
 */
export async function load(name: string, url: string, headers: Record<string, string> = {}, seconds = 5, connections = 20): Promise<LoadResult> {
  const args = [AUTOCANNON, '--json', '-d', String(seconds), '-c', String(connections)];
  for (const [key, value] of Object.entries(headers)) args.push('-H', `${key}=${value}`);
  args.push(url);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`autocannon exited with ${code}`))));
  });
  const result = JSON.parse(output) as AutocannonJson;
  return { name, requestsPerSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors + result.non2xx };
}

/** The baseline every HTTP figure is divided by: a bare Fastify route answering a small JSON object. */
export async function bareFastify(): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ status_code: 1000, data: { version: '2.2.1' }, timestamp: new Date().toISOString() }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

export function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  process.stdout.write(`\n${title}\n`);
  console.table(rows);
}

export function ratio(value: number, baseline: number): string {
  return baseline === 0 ? 'n/a' : (value / baseline).toFixed(2);
}
