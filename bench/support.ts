import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import pg from 'pg';
import { CONFIG_DEFAULTS, type Config } from '../src/config/config-schema.js';
import type { PartyRef } from '../src/ocpi/headers.js';
import { PeerRepository } from '../src/peers/peer-repository.js';
import { hashToken } from '../src/peers/secret-token.js';
import { createService, type Service } from '../src/server/create-service.js';

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const ROTATING_LOAD = fileURLToPath(new URL('./rotating-load.ts', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

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

/** A load whose requests differ: request i goes to `paths[i % n]` with `bodies[i % m]`. */
export interface RotatingLoadSpec {
  /** `http://127.0.0.1:port`; the paths carry the rest. */
  origin: string;
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  paths: string[];
  bodies?: string[];
  connections: number;
  /** Run for this long, unless `amount` is given: then stop after that many requests. */
  seconds?: number;
  amount?: number;
}

export interface RotatingLoadResult extends LoadResult {
  /** Requests answered, and the seconds from the first sent to the last answered. */
  total: number;
  seconds: number;
  statusCodes: Record<string, number>;
}

interface AutocannonRunJson extends AutocannonJson {
  requests: { average: number; total: number };
  duration: number;
  statusCodeStats?: Record<string, { count?: number }>;
}

/**
 * Like {@link load}, but each request takes the next path and body of `spec` in turn (autocannon
 * run programmatically in a separate process, bench/rotating-load.ts). Throughput is requests
 * answered divided by the run's duration.
 */
export async function loadRotating(name: string, spec: RotatingLoadSpec): Promise<RotatingLoadResult> {
  const folder = await mkdtemp(join(tmpdir(), 'evroam-bench-'));
  try {
    const specFile = join(folder, 'spec.json');
    await writeFile(specFile, JSON.stringify(spec));
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', ROTATING_LOAD, specFile], { cwd: REPOSITORY, stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`rotating load exited with ${code}`))));
    });
    const result = JSON.parse(output) as AutocannonRunJson;
    const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]));
    return {
      name,
      requestsPerSecond: Math.round(result.requests.total / result.duration),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.non2xx,
      total: result.requests.total,
      seconds: result.duration,
      statusCodes,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
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

export const POSTGRES = process.env.EVROAM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ADMIN_TOKEN = 'bench-admin-token-0123456789';

/** An evroam service in this process on its own fresh PostgreSQL schema, listening on 127.0.0.1. */
export interface BenchService {
  service: Service;
  /** `http://127.0.0.1:port`, also the service's public URL. */
  url: string;
  /** A connection on the service's schema, for seeding and counting. */
  sql: pg.Client;
  /** An admin API call; throws unless the answer is 2xx. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Closes the service and drops its schema. */
  close(): Promise<void>;
}

/**
 * Starts a service with the default configuration (page limit included) and no background work.
 * Its log is silent unless `BENCH_LOG` names a level (`BENCH_LOG=error npm run bench`).
 */
export async function startBenchService(parties: Config['parties']): Promise<BenchService> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const database = new URL(POSTGRES);
  database.searchParams.set('schema', schema);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config: Config = { ...CONFIG_DEFAULTS, port, host: '127.0.0.1', publicUrl: url, database: database.toString(), adminToken: ADMIN_TOKEN, parties, logLevel: (process.env.BENCH_LOG ?? 'silent') as Config['logLevel'], syncIntervalMinutes: 0 };
  const service = await createService(config, { background: false });
  await service.app.listen({ port, host: '127.0.0.1' });
  const sql = new pg.Client({ connectionString: POSTGRES, options: `-c search_path=${schema}` });
  await sql.connect();
  return {
    service,
    url,
    sql,
    async api<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} /api${path} answered ${response.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text) as T;
    },
    async close() {
      await service.close();
      await sql.query(`drop schema if exists "${schema}" cascade`);
      await sql.end();
    },
  };
}

/** `evroam serve` in a process of its own. */
export interface BenchProcess {
  pid: number;
  /** `http://127.0.0.1:port`, also the service's public URL. */
  url: string;
  /** Its database, `postgres://…?schema=…`: a schema of its own. */
  database: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** The `x-total-count` of an admin list. */
  total(path: string): Promise<number>;
}

/**
 * Starts `evroam serve` in its own process on a fresh PostgreSQL schema, so its memory and CPU are
 * its own; its background work runs as in production, scheduled pulls aside. The caller ends the
 * processes pushed to `children`. `nodeOptions` go to that Node process (e.g. `--cpu-prof`).
 */
export async function startBenchProcess(folder: string, parties: Config['parties'], children: ChildProcess[], nodeOptions: string[] = []): Promise<BenchProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const adminToken = randomBytes(18).toString('base64url');
  const database = new URL(POSTGRES);
  database.searchParams.set('schema', `bench_${randomBytes(4).toString('hex')}`);
  const name = parties.map((p) => p.partyId.toLowerCase()).join('-');
  const configFile = join(folder, `${name}.config.json`);
  await writeFile(configFile, JSON.stringify({ port, host: '127.0.0.1', publicUrl: url, database: database.toString(), adminToken, parties, logLevel: process.env.BENCH_LOG ?? 'error', syncIntervalMinutes: 0 }));
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', MAIN, 'serve', '--config', configFile], { cwd: REPOSITORY, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`evroam (${name}) exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      if (tries > 300) throw new Error(`evroam (${name}) did not start`);
    }
    await sleep(100);
  }
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /api${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return response;
  };
  return {
    pid: child.pid!,
    url,
    database: database.toString(),
    api: async <T>(method: string, path: string, body?: unknown) => {
      const text = await (await request(method, path, body)).text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    total: async (path) => Number((await request('GET', path)).headers.get('x-total-count')),
  };
}

/**
 * Registers a partner at `local` without a process behind it (no handshake): it calls us with
 * `token`. Returns its peer id and the `Authorization` header it sends.
 */
export async function registerPartnerDirectly(service: Service, local: PartyRef, partner: PartyRef & { role: string }, token: string): Promise<{ peerId: string; authorization: string }> {
  const peers = new PeerRepository(service.database.db);
  const peer = await peers.create(local, 'REGISTERING', hashToken(token));
  await peers.saveCredentials(peer.id, { status: ['REGISTERING'] }, {
    incomingTokenHash: hashToken(token),
    outgoingToken: `unused-${token}`,
    outgoingTokenEncoding: 'base64',
    versionsUrl: 'http://127.0.0.1:9/ocpi/versions',
    version: '2.2.1',
    endpoints: [],
    roles: [{ role: partner.role, country_code: partner.countryCode, party_id: partner.partyId, business_details: { name: `Bench ${partner.role}` } }],
  });
  return { peerId: peer.id, authorization: `Token ${Buffer.from(token).toString('base64')}` };
}

/** Rows in a table of the connection's schema. */
export async function countRows(sql: pg.Client, table: string): Promise<number> {
  const { rows } = await sql.query<{ n: string }>(`select count(*) as n from ${table}`);
  return Number(rows[0]!.n);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
