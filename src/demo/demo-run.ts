import { Decimal } from 'decimal.js';
import { DEMO_CHARGERS, DEMO_CPO, DEMO_DRIVERS, DEMO_EMSP, DEMO_LOCATIONS, DEMO_TARIFFS } from './demo-data.js';
import type { DemoLog } from './demo-log.js';
import { startDemoService, type DemoService } from './demo-services.js';
import { money, runVisits, type Visit } from './demo-visits.js';
import { summaryTable } from './summary-table.js';
import { waitFor } from './wait-for.js';

export interface DemoOptions {
  /** Where the two embedded databases go. */
  folder: string;
  cpoPort?: number;
  emspPort?: number;
  log: DemoLog;
}

export interface Demo {
  cpo: DemoService;
  emsp: DemoService;
  visits: Visit[];
  close(): Promise<void>;
}

interface OutboxMessage {
  module: string;
  method: string;
}

/**
 * The whole roaming story on one machine: a CPO and an eMSP service start on the embedded
 * database, register with each other over OCPI through their admin APIs, load their locations,
 * prices and driver cards, which reach the partner by push; simulated chargers connect to the
 * CPO and drivers charge. Every step is told as it happens; the services keep running for the
 * caller to close.
 */
export async function runDemo(options: DemoOptions): Promise<Demo> {
  const { log } = options;
  log.heading('evroam demo: a CPO and an eMSP roaming over OCPI 2.2.1, with simulated chargers');
  const started = await Promise.allSettled([startDemoService(DEMO_CPO, options.folder, options.cpoPort), startDemoService(DEMO_EMSP, options.folder, options.emspPort)]);
  const services = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(services.map((s) => s.service.close()));
    throw failed.reason;
  }
  const [cpo, emsp] = services as [DemoService, DemoService];
  const close = async () => {
    await Promise.all([cpo.service.close(), emsp.service.close()]);
  };
  try {
    for (const [role, side] of [['CPO', cpo], ['eMSP', emsp]] as const) log.line('start', `${role} ${side.partyKey} "${side.party.name}" at ${side.url} (embedded database ${side.databaseFolder})`);
    await handshake(cpo, emsp, log);
    await loadData(cpo, emsp, log);
    await registerChargers(cpo, log);
    const { visits, stats } = await runVisits(DEMO_CHARGERS, cpo, emsp, log);
    await reportTraffic(cpo, emsp, log);
    log.heading('Summary');
    log.text(summaryTable(visits));
    const cdrs = visits.filter((v) => v.cdr);
    const total = cdrs.reduce((sum, v) => sum.plus(v.cdr!.totalCost.excl_vat), new Decimal(0)).toNumber();
    log.text(`\n  ${cdrs.length} sessions with a CDR at ${emsp.partyKey}, ${money(total, 'EUR')} excl. VAT in all; ${visits.length - cdrs.length} card refused; ${stats.errors} charger errors.`);
    return { cpo, emsp, visits, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The credentials handshake (OCPI 2.2.1 §7): the CPO invites with token A, the eMSP registers with it. */
async function handshake(cpo: DemoService, emsp: DemoService, log: DemoLog): Promise<void> {
  const invite = await cpo.api.call<{ versions_url: string; token: string }>('POST', '/peers/invitations', { party: cpo.partyKey });
  log.line('handshake', `${cpo.partyKey} issues token A for a new partner; versions at ${invite.versions_url}`);
  const peer = await emsp.api.call<{ version: string; endpoints: Array<{ identifier: string; role: string }> }>('POST', '/peers/registrations', { party: emsp.partyKey, ...invite });
  const modules = [...new Set(peer.endpoints.map((e) => e.identifier))].filter((m) => m !== 'credentials').join(', ');
  log.line('handshake', `${emsp.partyKey} registers with token A: OCPI ${peer.version}, credentials exchanged both ways; ${cpo.partyKey} offers ${modules}`);
}

/** Locations and tariffs at the CPO, driver cards at the eMSP; each reaches the other by push. */
async function loadData(cpo: DemoService, emsp: DemoService, log: DemoLog): Promise<void> {
  await cpo.api.call('POST', `/parties/${cpo.partyKey}/tariffs/import`, DEMO_TARIFFS);
  await cpo.api.call('POST', `/parties/${cpo.partyKey}/locations/import`, DEMO_LOCATIONS);
  const evses = DEMO_LOCATIONS.reduce((n, l) => n + l.evses.length, 0);
  log.line('import', `${cpo.partyKey}: ${DEMO_LOCATIONS.length} locations with ${evses} EVSEs, tariffs ${DEMO_TARIFFS.map((t) => t.id).join(' and ')}`);
  await emsp.api.call('POST', `/parties/${emsp.partyKey}/tokens/import`, DEMO_DRIVERS.map((d) => ({ uid: d.uid, type: 'RFID', contract_id: d.contract_id, whitelist: d.whitelist })));
  log.line('import', `${emsp.partyKey}: RFID cards of ${DEMO_DRIVERS.map((d) => `${d.name} (whitelist ${d.whitelist})`).join(', ')}`);
  for (const [from, to] of [[emsp, cpo], [cpo, emsp]] as const) {
    const delivered = await delivery(from);
    log.line('push', `${from.partyKey} → ${to.partyKey}: ${delivered}`);
  }
}

/** The chargers of the CPO, each mapped to its EVSE, with its Basic-auth password (OCPP security profile 1). */
async function registerChargers(cpo: DemoService, log: DemoLog): Promise<void> {
  for (const charger of DEMO_CHARGERS) {
    await cpo.api.call('POST', `/parties/${cpo.partyKey}/chargers`, { id: charger.id, location_id: charger.location_id, evse_uid: charger.evse_uid, password: charger.password });
    log.line('register', `${cpo.partyKey}: charger ${charger.id} (OCPP ${charger.version}) serves ${charger.location_id} ${charger.evse_uid}`);
  }
}

async function reportTraffic(cpo: DemoService, emsp: DemoService, log: DemoLog): Promise<void> {
  for (const [from, to] of [[cpo, emsp], [emsp, cpo]] as const) log.line('traffic', `OCPI pushes ${from.partyKey} → ${to.partyKey} in all: ${await delivery(from)}`);
}

/** Waits until the service's outbox is empty and says what it delivered, per module and method. */
async function delivery(side: DemoService): Promise<string> {
  const backlog = await waitFor(`the deliveries of ${side.partyKey}`, async () => {
    const rows = await side.api.call<Array<{ status: string; count: number }>>('GET', '/outbox/backlog');
    return rows.some((r) => r.status !== 'DEAD') ? undefined : rows;
  });
  const messages = await side.api.call<OutboxMessage[]>('GET', '/outbox?status=DELIVERED&limit=1000');
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(`${m.module} ${m.method}`, (counts.get(`${m.module} ${m.method}`) ?? 0) + 1);
  const dead = backlog.reduce((n, r) => n + r.count, 0);
  return `${[...counts].map(([what, n]) => `${what} ×${n}`).join(', ') || 'nothing'}${dead > 0 ? `; ${dead} refused by the partner (dead letters)` : ''}`;
}
