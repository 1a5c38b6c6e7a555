import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { authorizationHeader, type TokenEncoding } from '../src/ocpi/auth-header.js';
import type { PartyRef } from '../src/ocpi/headers.js';
import { loadRotating, POSTGRES, printTable, ratio, startBenchProcess, type BenchProcess, type RotatingLoadResult, type RotatingLoadSpec } from './support.js';

const HUB = { countryCode: 'DE', partyId: 'HUB', roles: ['HUB' as const], name: 'Bench Hub' };
const CPO = { countryCode: 'NL', partyId: 'CPO', roles: ['CPO' as const], name: 'Bench CPO' };
const EMSP = { countryCode: 'DE', partyId: 'MSP', roles: ['EMSP' as const], name: 'Bench eMSP' };
const LOCATIONS = 100;
const TOKENS = 1_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;

const locationOf = (i: number) => ({
  id: `LOC-${i}`,
  publish: true,
  name: `Bench site ${i}`,
  address: 'Stationsplein 1',
  city: 'Utrecht',
  postal_code: '3511 ED',
  country: 'NLD',
  coordinates: { latitude: '52.089444', longitude: '5.110278' },
  evses: [1, 2].map((n) => ({
    uid: `LOC-${i}-${n}`,
    evse_id: `NL*CPO*E${i}*${n}`,
    status: 'AVAILABLE',
    capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE'],
    connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 400, max_amperage: 32 }],
  })),
  time_zone: 'Europe/Amsterdam',
});
const uidOf = (i: number) => `04C0${i.toString(16).toUpperCase().padStart(10, '0')}`;
const tokenOf = (i: number) => ({ country_code: 'DE', party_id: 'MSP', uid: uidOf(i), type: 'RFID', contract_id: `DE-MSP-C${String(i).padStart(8, '0')}`, issuer: 'Bench eMSP', valid: true, whitelist: 'ALLOWED', last_updated: '2026-03-01T00:00:00Z' });

interface Route {
  origin: string;
  prefix: string;
  authorization: string;
  /** The evroam processes that serve it: the destination, and the hub when through it. */
  serving: BenchProcess[];
}

/**
 * Issue 7: what the hub costs. The same OCPI requests sent directly from one platform to the other
 * and through an evroam hub (eMSP → hub → CPO), in the same run, each evroam in a process of its
 * own with its background work running: a Location read by id, a Token push (PUT) and a real-time
 * authorization (POST, CPO → hub → eMSP). The direct figures are the baseline; the table gives the
 * hub's share of the direct throughput and the latency it adds. A second table does the same with
 * one connection, where latency is the hop's own rather than queueing. `BENCH_PROFILE=DIR` writes
 * the hub's CPU profile there.
 */
export async function run(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'evroam-hub-bench-'));
  const children: ChildProcess[] = [];
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const nodes: BenchProcess[] = [];
  try {
    nodes.push(...(await Promise.all([startBenchProcess(folder, [HUB], children, profile), startBenchProcess(folder, [CPO], children), startBenchProcess(folder, [EMSP], children)])));
    const [hub, cpo, emsp] = nodes as [BenchProcess, BenchProcess, BenchProcess];
    const peers = await prepare(hub, cpo, emsp);
    const headers = (route: Route, from: PartyRef, to: PartyRef, json = false) => ({
      authorization: route.authorization,
      'ocpi-from-country-code': from.countryCode,
      'ocpi-from-party-id': from.partyId,
      'ocpi-to-country-code': to.countryCode,
      'ocpi-to-party-id': to.partyId,
      ...(json ? { 'content-type': 'application/json' } : {}),
    });
    const kinds: Array<{ name: string; direct: Route; viaHub: Route; spec(route: Route): Omit<RotatingLoadSpec, 'connections' | 'seconds'> }> = [
      {
        name: 'GET one Location (eMSP → CPO)',
        direct: { origin: cpo.url, prefix: '/ocpi/2.2.1/sender/locations', authorization: peers.emspAtCpo, serving: [cpo] },
        viaHub: { origin: hub.url, prefix: '/ocpi/2.2.1/hub/sender/locations', authorization: peers.emspAtHub, serving: [hub, cpo] },
        spec: (route) => ({ origin: route.origin, method: 'GET', headers: headers(route, EMSP, CPO), paths: Array.from({ length: LOCATIONS }, (_, i) => `${route.prefix}/LOC-${i}`) }),
      },
      {
        name: 'PUT a Token (eMSP → CPO)',
        direct: { origin: cpo.url, prefix: '/ocpi/2.2.1/receiver/tokens', authorization: peers.emspAtCpo, serving: [cpo] },
        viaHub: { origin: hub.url, prefix: '/ocpi/2.2.1/hub/receiver/tokens', authorization: peers.emspAtHub, serving: [hub, cpo] },
        spec: (route) => ({
          origin: route.origin,
          method: 'PUT',
          headers: headers(route, EMSP, CPO, true),
          paths: Array.from({ length: TOKENS }, (_, i) => `${route.prefix}/DE/MSP/${uidOf(i)}?type=RFID`),
          bodies: Array.from({ length: TOKENS }, (_, i) => JSON.stringify(tokenOf(i))),
        }),
      },
      {
        name: 'POST real-time authorization (CPO → eMSP)',
        direct: { origin: emsp.url, prefix: '/ocpi/2.2.1/sender/tokens', authorization: peers.cpoAtEmsp, serving: [emsp] },
        viaHub: { origin: hub.url, prefix: '/ocpi/2.2.1/hub/sender/tokens', authorization: peers.cpoAtHub, serving: [hub, emsp] },
        spec: (route) => ({ origin: route.origin, method: 'POST', headers: headers(route, CPO, EMSP), paths: Array.from({ length: TOKENS }, (_, i) => `${route.prefix}/${uidOf(i)}/authorize?type=RFID`) }),
      },
    ];

    for (const kind of kinds) {
      for (const route of [kind.direct, kind.viaHub]) await checkAnswers(kind.spec(route));
    }
    const loggedBefore = await hubMessages(hub);
    let answeredThroughHub = 0;
    const cpuRows: Array<Record<string, string | number>> = [];
    for (const connections of [CONNECTIONS, 1]) {
      const rows: Array<Record<string, string | number>> = [];
      for (const kind of kinds) {
        const direct = await measure(`${kind.name} direct`, { ...kind.spec(kind.direct), connections, seconds: SECONDS }, kind.direct.serving);
        const viaHub = await measure(`${kind.name} via hub`, { ...kind.spec(kind.viaHub), connections, seconds: SECONDS }, kind.viaHub.serving);
        answeredThroughHub += viaHub.total;
        if (connections === CONNECTIONS) {
          const [hubCpu, destinationCpu] = viaHub.cpuMsPerRequest;
          cpuRows.push({ request: kind.name, 'destination, direct': direct.cpuMsPerRequest[0]!.toFixed(3), 'hub': hubCpu!.toFixed(3), 'destination, via hub': destinationCpu!.toFixed(3), 'all via hub / direct': ratio(hubCpu! + destinationCpu!, direct.cpuMsPerRequest[0]!) });
        }
        rows.push({
          request: kind.name,
          'direct req/s': direct.requestsPerSecond,
          'via hub req/s': viaHub.requestsPerSecond,
          'hub / direct': ratio(viaHub.requestsPerSecond, direct.requestsPerSecond),
          'direct p50 ms': direct.p50Ms,
          'via hub p50 ms': viaHub.p50Ms,
          'added p50 ms': round(viaHub.p50Ms - direct.p50Ms),
          'direct p99 ms': direct.p99Ms,
          'via hub p99 ms': viaHub.p99Ms,
          'added p99 ms': round(viaHub.p99Ms - direct.p99Ms),
        });
      }
      printTable(`Hub forwarding overhead (PostgreSQL; ${connections} connection${connections === 1 ? '' : 's'}, ${SECONDS} s each)`, rows);
    }
    printTable(`CPU time per request, ms (user + system of each evroam process; ${CONNECTIONS} connections)`, cpuRows);
    // Every request the hub answered is in its message log: the figure cannot be smaller.
    await sleep(1000);
    printTable('Hub message log', [{ 'requests answered through the hub': answeredThroughHub, 'entries logged meanwhile': (await hubMessages(hub)) - loggedBefore }]);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    for (const node of nodes) await withSchema(node, (sql) => sql.query(`drop schema if exists "${new URL(node.database).searchParams.get('schema')!}" cascade`));
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * The three processes as operators connect them: the CPO and the eMSP each registered with the
 * hub and, for the direct figures, with each other; an agreement between the two at the hub; 100
 * Locations at the CPO, 1,000 Tokens at the eMSP, every push delivered before the measuring starts.
 * Returns the `Authorization` each platform sends to the other and to the hub.
 */
async function prepare(hub: BenchProcess, cpo: BenchProcess, emsp: BenchProcess): Promise<{ emspAtCpo: string; emspAtHub: string; cpoAtEmsp: string; cpoAtHub: string }> {
  await hub.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-MSP', cpo: 'NL-CPO' });
  const cpoHub = await connect(hub, 'DE-HUB', cpo, 'NL-CPO');
  const emspHub = await connect(hub, 'DE-HUB', emsp, 'DE-MSP');
  const emspCpo = await connect(cpo, 'NL-CPO', emsp, 'DE-MSP');
  // The hub tells each platform the other's party is CONNECTED: from then on each accepts requests from it over the hub connection.
  await until(async () => (await reachable(cpo, cpoHub.guest)).includes('DE-MSP') && (await reachable(emsp, emspHub.guest)).includes('NL-CPO'), 'ClientInfo of both parties at both platforms');
  await cpo.api('POST', '/parties/NL-CPO/locations/import', Array.from({ length: LOCATIONS }, (_, i) => locationOf(i)));
  await emsp.api('POST', '/parties/DE-MSP/tokens/import', Array.from({ length: TOKENS }, (_, i) => tokenOf(i)));
  await until(async () => (await Promise.all([hub, cpo, emsp].map(backlog))).every((n) => n === 0), 'every push delivered');
  return {
    emspAtCpo: await outgoing(emsp, emspCpo.guest),
    emspAtHub: await outgoing(emsp, emspHub.guest),
    cpoAtEmsp: await outgoing(cpo, emspCpo.host),
    cpoAtHub: await outgoing(cpo, cpoHub.guest),
  };
}

/** An invitation at `host` for `hostParty`, accepted by `guest` for `guestParty`: the connection's peer id on each side. */
async function connect(host: BenchProcess, hostParty: string, guest: BenchProcess, guestParty: string): Promise<{ host: string; guest: string }> {
  const before = new Set((await host.api<Array<{ id: string }>>('GET', '/peers')).map((p) => p.id));
  const invite = await host.api<{ versions_url: string; token: string }>('POST', '/peers/invitations', { party: hostParty });
  const registered = await guest.api<{ id: string }>('POST', '/peers/registrations', { party: guestParty, versions_url: invite.versions_url, token: invite.token });
  const created = (await host.api<Array<{ id: string }>>('GET', '/peers')).find((p) => !before.has(p.id));
  if (!created) throw new Error(`${hostParty} lists no new connection`);
  return { host: created.id, guest: registered.id };
}

async function reachable(platform: BenchProcess, hubPeerId: string): Promise<string[]> {
  const parties = await platform.api<Array<{ country_code: string; party_id: string; status: string }>>('GET', `/peers/${hubPeerId}/hub-client-info`);
  return parties.filter((p) => p.status === 'CONNECTED').map((p) => `${p.country_code}-${p.party_id}`);
}

async function backlog(node: BenchProcess): Promise<number> {
  return (await node.api<Array<{ count: number }>>('GET', '/outbox/backlog')).reduce((n, r) => n + r.count, 0);
}

/** The `Authorization` header `node` sends on its connection `peerId`, read from its database (the admin API never shows tokens). */
async function outgoing(node: BenchProcess, peerId: string): Promise<string> {
  return withSchema(node, async (sql) => {
    const { rows } = await sql.query<{ outgoing_token: string; outgoing_token_encoding: TokenEncoding }>('select outgoing_token, outgoing_token_encoding from peer where id = $1', [peerId]);
    return authorizationHeader(rows[0]!.outgoing_token, rows[0]!.outgoing_token_encoding);
  });
}

async function hubMessages(hub: BenchProcess): Promise<number> {
  return withSchema(hub, async (sql) => Number((await sql.query<{ n: string }>('select count(*) as n from hub_message')).rows[0]!.n));
}

async function withSchema<T>(node: BenchProcess, work: (sql: pg.Client) => Promise<T>): Promise<T> {
  const schema = new URL(node.database).searchParams.get('schema')!;
  const sql = new pg.Client({ connectionString: POSTGRES, options: `-c search_path=${schema}` });
  await sql.connect();
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** A few requests of the load, one by one: each must be an OCPI success, or the figures mean nothing. */
async function checkAnswers(spec: Omit<RotatingLoadSpec, 'connections' | 'seconds'>): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const path = spec.paths[i]!;
    const response = await fetch(`${spec.origin}${path}`, { method: spec.method, headers: spec.headers, body: spec.bodies?.[i] });
    const body = (await response.json()) as { status_code?: number };
    if (response.status !== 200 || body.status_code !== 1000) throw new Error(`${spec.method} ${spec.origin}${path} answered ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}

/** A load, and the CPU each serving process spent per request answered. */
async function measure(name: string, spec: RotatingLoadSpec, serving: readonly BenchProcess[]): Promise<RotatingLoadResult & { cpuMsPerRequest: number[] }> {
  const before = serving.map((p) => cpuMs(p.pid));
  const result = await loadRotating(name, spec);
  const after = serving.map((p) => cpuMs(p.pid));
  if (result.errors > 0) throw new Error(`${name}: ${result.errors} failed requests (${JSON.stringify(result.statusCodes)})`);
  return { ...result, cpuMsPerRequest: after.map((ms, i) => (ms - before[i]!) / result.total) };
}

/** User and system CPU a process has used, from /proc (utime and stime, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
