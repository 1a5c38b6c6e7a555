import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isoCheckDigit } from '../src/ids/contract-id-check-digit.js';
import type { ChargerPlan, PlannedStep } from '../src/sim/charger-plan.js';
import { SimClock } from '../src/sim/sim-clock.js';
import { latencySummary, SimStats } from '../src/sim/sim-stats.js';
import { SimulatedCharger, type SimEvent } from '../src/sim/simulated-charger.js';
import { printTable, ratio, startBenchProcess, type BenchProcess } from './support.js';

const CHARGERS = Number(process.env.BENCH_CHARGERS ?? 2000);
const METER_EVERY_S = 10;
/**
 * At evroam each session charges SESSION_S seconds, a MeterValues (1.6) or TransactionEvent
 * Updated (2.0.1) every METER_EVERY_S; drivers arrive spread over ARRIVALS_S, starting SETTLE_S
 * after the boot storm. The bare server gets shorter sessions: its figures settle at once.
 */
const EVROAM_RUN = { sessionSeconds: Number(process.env.BENCH_SESSION_S ?? 40), arrivalSeconds: 20 };
const BASELINE_RUN = { sessionSeconds: 10, arrivalSeconds: 5 };
const SETTLE_S = 5;
/** Chargers that reconnect with a Basic-auth password (security profile 1), to time the scrypt check. */
const WITH_PASSWORD = Math.min(50, CHARGERS);
/** Ten EVSEs a site; a site's EVSE statuses are written one at a time (the Location is one document). */
const EVSES_PER_LOCATION = Number(process.env.BENCH_EVSES_PER_LOCATION ?? 10);
const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));

const CPO = { countryCode: 'NL', partyId: 'CPO', roles: ['CPO' as const], name: 'Bench CPO' };
const EMSP = { countryCode: 'DE', partyId: 'MSP', roles: ['EMSP' as const], name: 'Bench eMSP' };
const TARIFF = { id: 'AC', currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: 0.35, vat: 21, step_size: 1 }] }] };

const identityOf = (n: number) => `BENCH-${String(n).padStart(5, '0')}`;
const uidOf = (n: number) => `0A${n.toString(16).toUpperCase().padStart(12, '0')}`;
const evseOf = (n: number) => `E-${n}`;
const locationOf = (n: number) => `LOC-${Math.floor((n - 1) / EVSES_PER_LOCATION)}`;

/**
 * 2,000 simulated chargers (half OCPP 1.6, half 2.0.1) on one evroam CPO process, each running a
 * session with a meter reading every 10 s for a real eMSP process: how fast the gateway accepts
 * a storm of connections, how long each kind of call takes from sending to its answer (measured
 * at the charger), and the service's peak memory. The same chargers, with shorter sessions, run
 * first against a bare ocpp-rpc server that only answers, in its own process too: the floor of
 * what the library, the simulator and this machine cost. Loopback only.
 */
export async function run(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'evroam-chargers-bench-'));
  const children: ChildProcess[] = [];
  try {
    const bare = await startBaselineServer(children);
    const baseline = await drive(`ws://127.0.0.1:${bare.port}/ocpp`, bare.pid, BASELINE_RUN, true);

    const [cpo, emsp] = await Promise.all([startBenchProcess(folder, [CPO], children), startBenchProcess(folder, [EMSP], children)]);
    const setupStart = performance.now();
    await prepare(cpo, emsp);
    const setupSeconds = (performance.now() - setupStart) / 1000;
    const idleRssMb = memory(cpo.pid).rssMb;
    const evroam = await drive(`${cpo.url.replace('http', 'ws')}/ocpp`, cpo.pid, EVROAM_RUN);
    const sessions = await cpo.total(`/parties/NL-CPO/sessions?limit=1`);
    const backlog = (await cpo.api<Array<{ count: number }>>('GET', '/outbox/backlog')).reduce((n, r) => n + r.count, 0);
    const withPassword = await reconnectWithPasswords(cpo);

    process.stdout.write(`\nsetup: ${CHARGERS} EVSEs and chargers registered, ${CHARGERS} tokens pulled by the CPO, in ${setupSeconds.toFixed(1)} s\n`);
    printTable(`Connection storm: ${CHARGERS} chargers connect at once (WebSocket upgrade + admission)`, [
      { server: 'bare ocpp-rpc server', 'accepted/s': baseline.acceptPerSecond, 'ratio vs bare': '1.00', 'all in s': baseline.connectSeconds, refused: baseline.connectErrors },
      { server: 'evroam (registry lookup, no password)', 'accepted/s': evroam.acceptPerSecond, 'ratio vs bare': ratio(evroam.acceptPerSecond, baseline.acceptPerSecond), 'all in s': evroam.connectSeconds, refused: evroam.connectErrors },
      { server: `evroam, ${WITH_PASSWORD} with Basic auth (scrypt)`, 'accepted/s': withPassword.acceptPerSecond, 'ratio vs bare': ratio(withPassword.acceptPerSecond, baseline.acceptPerSecond), 'all in s': withPassword.connectSeconds, refused: withPassword.connectErrors },
    ]);
    const actions = ['BootNotification', 'StatusNotification', 'Authorize', 'StartTransaction', 'TransactionEvent Started', 'MeterValues', 'TransactionEvent Updated', 'StopTransaction', 'TransactionEvent Ended'];
    printTable(
      `Call → answer at the charger, ms (boot storm, then ${CHARGERS} sessions: ${EVROAM_RUN.sessionSeconds} s each at evroam, ${BASELINE_RUN.sessionSeconds} s at the bare server, a reading every ${METER_EVERY_S} s)`,
      actions.map((action) => {
        const b = latencySummary(baseline.stats.latencies(action));
        const e = latencySummary(evroam.stats.latencies(action));
        return { call: action, 'bare p50': b.p50, 'bare p99': b.p99, 'evroam calls': e.count, 'evroam p50': e.p50, 'evroam p99': e.p99, 'evroam max': e.max };
      }),
    );
    const readings = (run: DriveResult, since = 0) => latencySummary([...run.stats.latencies('MeterValues', since), ...run.stats.latencies('TransactionEvent Updated', since)]);
    printTable('Meter readings of both versions (MeterValues and TransactionEvent Updated), ms', [
      { server: 'bare ocpp-rpc server', when: 'whole run', readings: readings(baseline).count, p50: readings(baseline).p50, p99: readings(baseline).p99 },
      { server: 'evroam', when: 'whole run', readings: readings(evroam).count, p50: readings(evroam).p50, p99: readings(evroam).p99 },
      { server: 'evroam', when: 'after every session started', readings: readings(evroam, evroam.allStartedAt).count, p50: readings(evroam, evroam.allStartedAt).p50, p99: readings(evroam, evroam.allStartedAt).p99 },
    ]);
    printTable('Process memory (RSS, MB)', [
      { server: 'bare ocpp-rpc server', idle: baseline.startRssMb, 'all connected': baseline.connectedRssMb, peak: baseline.peakRssMb },
      { server: 'evroam CPO', idle: idleRssMb, 'all connected': evroam.connectedRssMb, peak: evroam.peakRssMb },
    ]);
    process.stdout.write(
      `evroam: ${evroam.stats.sessionsCompleted}/${CHARGERS} sessions completed at the chargers, ${sessions} sessions recorded by the CPO, ` +
        `${evroam.stats.errors} charger errors${evroam.stats.errors ? ` (${evroam.errorSamples.slice(0, 3).join(' | ')})` : ''}; ` +
        `${backlog} OCPI pushes to the eMSP still queued when the chargers finished; ${evroam.stats.latencies().length} calls in ${evroam.seconds.toFixed(1)} s\n`,
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    await rm(folder, { recursive: true, force: true });
  }
}

interface DriveResult {
  stats: SimStats;
  acceptPerSecond: number;
  connectSeconds: number;
  connectErrors: number;
  startRssMb: number;
  connectedRssMb: number;
  peakRssMb: number;
  seconds: number;
  /** When the last session started (performance.now()); readings answered after it are the steady state. */
  allStartedAt: number;
  errorSamples: string[];
}

/**
 * Connects every charger at once and times it, boots them, then runs a session at each (the
 * taps spread over the run's arrival time), with the server's memory sampled throughout. With
 * `warmUp`, every charger first connects and leaves once, unmeasured, so the first server
 * measured does not also pay for warming up the simulator.
 */
async function drive(url: string, pid: number, run: { sessionSeconds: number; arrivalSeconds: number }, warmUp = false): Promise<DriveResult> {
  const startRssMb = memory(pid).rssMb;
  if (warmUp) {
    const warming = Array.from({ length: CHARGERS }, (_, i) => new SimulatedCharger({ url, plan: planOf(i + 1, run), clock: new SimClock(Date.now(), 1), stats: new SimStats() }));
    await Promise.all(warming.map((c) => c.connect()));
    await Promise.all(warming.map((c) => c.close()));
  }
  const stats = new SimStats();
  const start = Date.now();
  let started = 0;
  let allStartedAt = Number.POSITIVE_INFINITY;
  const onEvent = (event: SimEvent) => {
    if (event.type === 'started' && ++started === CHARGERS) allStartedAt = performance.now();
  };
  const chargers = Array.from({ length: CHARGERS }, (_, i) => new SimulatedCharger({ url, plan: planOf(i + 1, run), clock: new SimClock(start, 1), stats, onEvent, callTimeoutMs: 60_000 }));
  let peakRssMb = startRssMb;
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, memory(pid).rssMb)), 200);
  try {
    const began = performance.now();
    const connected = await Promise.all(chargers.map((c) => c.connect()));
    const connectSeconds = (performance.now() - began) / 1000;
    const ok = chargers.filter((_, i) => connected[i]);
    const connectedRssMb = memory(pid).rssMb;
    await Promise.all(ok.map((c) => c.boot()));
    await Promise.all(ok.map((c) => c.runSteps()));
    await Promise.all(ok.map((c) => c.close()));
    return {
      stats,
      acceptPerSecond: Math.round(ok.length / connectSeconds),
      connectSeconds: Number(connectSeconds.toFixed(2)),
      connectErrors: CHARGERS - ok.length,
      startRssMb,
      connectedRssMb,
      peakRssMb: Math.max(peakRssMb, memory(pid).hwmMb),
      seconds: (performance.now() - began) / 1000,
      allStartedAt,
      errorSamples: stats.summary(CHARGERS).error_samples,
    };
  } finally {
    clearInterval(sampler);
  }
}

function planOf(n: number, run: { sessionSeconds: number; arrivalSeconds: number }): ChargerPlan {
  const steps: PlannedStep[] = [
    { kind: 'wait', seconds: SETTLE_S + ((n - 1) / CHARGERS) * run.arrivalSeconds },
    { kind: 'tap', uid: uidOf(n), connector: 1 },
    { kind: 'charge', minutes: run.sessionSeconds / 60, kw: 11, meterEverySeconds: METER_EVERY_S, connector: null },
    { kind: 'stop', connector: null, reason: 'Local' },
  ];
  return { identity: identityOf(n), version: n % 2 === 1 ? '1.6' : '2.0.1', connectors: 1, vendor: 'evroam', model: 'Bench charger', meterStartWh: 0, steps };
}

/**
 * The CPO's sites, price and chargers and the eMSP's cards, loaded before the two connect over
 * OCPI; then each pulls what it needs from the other (the initial sync of a new partnership;
 * pushes of 2,000 single cards would take most of the run).
 */
async function prepare(cpo: BenchProcess, emsp: BenchProcess): Promise<void> {
  await cpo.api('POST', '/parties/NL-CPO/tariffs/import', [TARIFF]);
  const connector = { id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 16, tariff_ids: ['AC'], last_updated: '2026-01-01T00:00:00Z' };
  const locations = Array.from({ length: Math.ceil(CHARGERS / EVSES_PER_LOCATION) }, (_, l) => ({
    id: `LOC-${l}`,
    publish: true,
    address: `Bench street ${l}`,
    city: 'Utrecht',
    country: 'NLD',
    coordinates: { latitude: '52.089444', longitude: '5.110278' },
    time_zone: 'Europe/Amsterdam',
    evses: Array.from({ length: Math.min(EVSES_PER_LOCATION, CHARGERS - l * EVSES_PER_LOCATION) }, (_, e) => {
      const n = l * EVSES_PER_LOCATION + e + 1;
      return { uid: evseOf(n), evse_id: `NL*CPO*E${n}`, status: 'AVAILABLE', connectors: [connector], last_updated: '2026-01-01T00:00:00Z' };
    }),
    last_updated: '2026-01-01T00:00:00Z',
  }));
  await cpo.api('POST', '/parties/NL-CPO/locations/import', locations);
  // Whitelisted cards: the CPO decides from the list it holds, as for most roaming RFID cards.
  const tokens = Array.from({ length: CHARGERS }, (_, i) => {
    const instance = `C${String(i + 1).padStart(8, '0')}`;
    return { uid: uidOf(i + 1), type: 'RFID', contract_id: `DE-MSP-${instance}-${isoCheckDigit(`DEMSP${instance}`)}`, whitelist: 'ALWAYS' };
  });
  await emsp.api('POST', '/parties/DE-MSP/tokens/import', tokens);
  await inBatches(CHARGERS, 16, (n) => cpo.api('POST', '/parties/NL-CPO/chargers', { id: identityOf(n), location_id: locationOf(n), evse_uid: evseOf(n) }));

  const invite = await cpo.api<{ versions_url: string; token: string }>('POST', '/peers/invitations', { party: 'NL-CPO' });
  const atEmsp = await emsp.api<{ id: string }>('POST', '/peers/registrations', { party: 'DE-MSP', ...invite });
  const atCpo = (await cpo.api<Array<{ id: string; status: string }>>('GET', '/peers')).find((p) => p.status === 'REGISTERED')!;
  const pulled = await cpo.api<{ received: number }>('POST', `/peers/${atCpo.id}/pull`, { module: 'tokens' });
  if (pulled.received !== CHARGERS) throw new Error(`the CPO pulled ${pulled.received} tokens`);
  for (const module of ['tariffs', 'locations']) await emsp.api('POST', `/peers/${atEmsp.id}/pull`, { module });
}

/** Gives WITH_PASSWORD chargers a password, then connects them all at once: the Basic-auth check is scrypt. */
async function reconnectWithPasswords(cpo: BenchProcess): Promise<{ acceptPerSecond: number; connectSeconds: number; connectErrors: number }> {
  await inBatches(WITH_PASSWORD, 16, (n) => cpo.api('POST', '/parties/NL-CPO/chargers', { id: identityOf(n), location_id: locationOf(n), evse_uid: evseOf(n), password: `bench-secret-${n}` }));
  const stats = new SimStats();
  const url = `${cpo.url.replace('http', 'ws')}/ocpp`;
  const chargers = Array.from({ length: WITH_PASSWORD }, (_, i) => new SimulatedCharger({ url, plan: { ...planOf(i + 1, BASELINE_RUN), password: `bench-secret-${i + 1}`, steps: [] }, clock: new SimClock(Date.now(), 1), stats }));
  const began = performance.now();
  const connected = await Promise.all(chargers.map((c) => c.connect()));
  const seconds = (performance.now() - began) / 1000;
  await Promise.all(chargers.filter((_, i) => connected[i]).map((c) => c.close()));
  const ok = connected.filter(Boolean).length;
  return { acceptPerSecond: Math.round(ok / seconds), connectSeconds: Number(seconds.toFixed(2)), connectErrors: WITH_PASSWORD - ok };
}

async function inBatches(count: number, parallel: number, task: (n: number) => Promise<unknown>): Promise<void> {
  let next = 1;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next <= count) await task(next++);
    }),
  );
}

/** RSS now and its high-water mark, in MB, from /proc (Linux). */
function memory(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), hwmMb: Math.round(kb('VmHWM') / 1024) };
}

/**
 * The baseline: an OCPP-J server that accepts every charger and answers every call at once with a
 * valid minimal answer: ocpp-rpc without validation, storage or logic, in a plain Node process
 * that loads nothing else.
 */
const BASELINE_SERVER = `
const { RPCServer } = require('ocpp-rpc');
const server = new RPCServer({ protocols: ['ocpp1.6', 'ocpp2.0.1'], pingIntervalMs: 30000 });
let transactions = 0;
server.on('client', (client) => {
  const accepted = client.protocol === 'ocpp1.6' ? { idTagInfo: { status: 'Accepted' } } : { idTokenInfo: { status: 'Accepted' } };
  client.handle('BootNotification', async () => ({ status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 }));
  client.handle('Heartbeat', async () => ({ currentTime: new Date().toISOString() }));
  for (const method of ['StatusNotification', 'MeterValues', 'StopTransaction']) client.handle(method, async () => ({}));
  client.handle('Authorize', async () => accepted);
  client.handle('StartTransaction', async () => ({ transactionId: ++transactions, ...accepted }));
  client.handle('TransactionEvent', async ({ params }) => (params.idToken ? accepted : {}));
});
server.listen(0, '127.0.0.1').then((http) => process.stdout.write(http.address().port + '\\n'));
`;

async function startBaselineServer(children: ChildProcess[]): Promise<{ pid: number; port: number }> {
  const child = spawn(process.execPath, ['-e', BASELINE_SERVER], { cwd: REPOSITORY, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('exit', (code) => reject(new Error(`baseline server exited with ${code}`)));
  });
  return { pid: child.pid!, port };
}
