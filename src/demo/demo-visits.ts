import type { ChargerPlan } from '../sim/charger-plan.js';
import { scenarioSeconds } from '../sim/scenario.js';
import { SimClock } from '../sim/sim-clock.js';
import { SimStats } from '../sim/sim-stats.js';
import { SimulatedCharger, type SimEvent } from '../sim/simulated-charger.js';
import { DEMO_DRIVERS, DEMO_SPEED, type DemoCharger } from './demo-data.js';
import type { DemoLog } from './demo-log.js';
import type { DemoService } from './demo-services.js';
import { waitFor } from './wait-for.js';

interface Price {
  excl_vat: number;
  incl_vat?: number;
}

/** One driver's visit to a charger, as the demo learned it from the charger, the CPO and the eMSP. */
export interface Visit {
  charger: DemoCharger;
  driver: string;
  uid: string;
  verdict: string;
  transactionId?: string;
  sessionId?: string;
  authMethod?: string;
  /** The session's status as the eMSP holds it. */
  sessionStatus?: string;
  cdr?: { totalEnergy: number; totalTime: number; currency: string; totalCost: Price };
}

interface CpoSession {
  id: string;
  auth_method: string;
  authorization_reference?: string;
}
interface ReceivedSession {
  session: { id: string; status: string; kwh: number };
}
interface ReceivedCdr {
  cdr: { session_id: string; currency: string; total_energy: number; total_time: number; total_cost: Price };
}

/**
 * Connects the simulated chargers to the CPO and runs every visit in compressed time, narrating
 * what the chargers do and, as it arrives, what the partners learn: the session the eMSP is
 * told about, and the CDR with its price. Resolves when every visit has its CDR at the eMSP.
 */
export async function runVisits(chargers: readonly DemoCharger[], cpo: DemoService, emsp: DemoService, log: DemoLog): Promise<{ visits: Visit[]; stats: SimStats }> {
  const stats = new SimStats();
  const visits: Visit[] = [];
  const followUps: Array<Promise<void>> = [];
  const sessionOf = new Map<Visit, Promise<string | undefined>>();
  const startMs = SimClock.startFor(Math.max(...chargers.map((c) => scenarioSeconds(c.steps))), DEMO_SPEED);
  const url = `${cpo.url.replace(/^http/, 'ws')}/ocpp`;
  const driverName = (uid: string) => DEMO_DRIVERS.find((d) => d.uid === uid)?.name ?? 'a stranger';
  const simTime = (at: string) => at.slice(11, 16);
  const openVisit = (charger: DemoCharger) => [...visits].reverse().find((v) => v.charger === charger && v.transactionId !== undefined);

  const narrate = (charger: DemoCharger, event: SimEvent) => {
    switch (event.type) {
      case 'booted':
        return log.line('charger', `${charger.id} connected over OCPP ${charger.version}, BootNotification ${event.status}, connector Available`);
      case 'tap': {
        visits.push({ charger, driver: driverName(event.uid), uid: event.uid, verdict: event.verdict });
        const known = DEMO_DRIVERS.some((d) => d.uid === event.uid);
        return log.line('tap', `${known ? `${driverName(event.uid)}'s card` : 'a card no partner issued,'} ${event.uid} at ${charger.id}: ${event.verdict}`);
      }
      case 'started': {
        const visit = [...visits].reverse().find((v) => v.charger === charger)!;
        visit.transactionId = event.transactionId;
        log.line('start', `${charger.id} starts transaction ${event.transactionId} at ${simTime(event.at)} (simulated time)`);
        const session = followSession(visit);
        sessionOf.set(visit, session);
        followUps.push(session.then(() => undefined));
        return;
      }
      case 'offline':
        return log.line('offline', `${charger.id} loses its connection for ${event.seconds / 60} min; it keeps charging and queues its meter values`);
      case 'online':
        return log.line('online', `${charger.id} is back and replays ${event.replayed} queued messages`);
      case 'stopped': {
        log.line('stop', `${charger.id} stops at ${simTime(event.at)}: ${event.kwh.toFixed(3)} kWh`);
        const visit = openVisit(charger)!;
        followUps.push(followCdr(visit, sessionOf.get(visit)!));
        return;
      }
      case 'error':
        return log.line('error', `${charger.id}: ${event.message}`);
      default:
        return;
    }
  };

  async function followSession(visit: Visit): Promise<string | undefined> {
    const base = `/parties/${cpo.partyKey}/chargers/${encodeURIComponent(visit.charger.id)}`;
    const sessionId = await waitFor(`the session of ${visit.charger.id}`, async () => {
      const transactions = await cpo.api.call<Array<{ transaction_id: string; session_id: string | null }>>('GET', `${base}/transactions`);
      return transactions.find((t) => t.transaction_id === visit.transactionId)?.session_id ?? undefined;
    });
    visit.sessionId = sessionId;
    const session = await cpo.api.call<CpoSession>('GET', `/parties/${cpo.partyKey}/sessions/${encodeURIComponent(sessionId)}`);
    visit.authMethod = session.auth_method;
    const received = await waitFor(`session ${sessionId} at ${emsp.partyKey}`, async () => (await receivedSessions()).find((r) => r.session.id === sessionId));
    const how = session.auth_method === 'AUTH_REQUEST' ? `authorized in real time by ${emsp.partyKey}${session.authorization_reference ? ` (reference ${session.authorization_reference})` : ''}` : `authorized from the token list ${emsp.partyKey} pushed (${session.auth_method})`;
    log.line('session', `${emsp.partyKey} receives session ${sessionId}: ${received.session.status}, ${how}`);
    return sessionId;
  }

  async function followCdr(visit: Visit, session: Promise<string | undefined>): Promise<void> {
    const sessionId = await session;
    const received = await waitFor(`the CDR of ${visit.charger.id} at ${emsp.partyKey}`, async () => (await receivedCdrs()).find((r) => r.cdr.session_id === sessionId));
    const { cdr } = received;
    visit.cdr = { totalEnergy: cdr.total_energy, totalTime: cdr.total_time, currency: cdr.currency, totalCost: cdr.total_cost };
    visit.sessionStatus = (await receivedSessions()).find((r) => r.session.id === sessionId)?.session.status ?? 'unknown';
    const incl = cdr.total_cost.incl_vat === undefined ? '' : ` (${money(cdr.total_cost.incl_vat, cdr.currency)} incl. VAT)`;
    log.line('CDR', `${emsp.partyKey} receives the CDR of ${visit.driver}'s session: ${cdr.total_energy} kWh, ${hours(cdr.total_time)} → ${money(cdr.total_cost.excl_vat, cdr.currency)} excl. VAT${incl}`);
  }

  const receivedSessions = () => emsp.api.call<ReceivedSession[]>('GET', `/parties/${emsp.partyKey}/received/sessions?limit=1000`);
  const receivedCdrs = () => emsp.api.call<ReceivedCdr[]>('GET', `/parties/${emsp.partyKey}/received/cdrs?limit=1000`);

  const simulated = chargers.map((charger) => {
    const plan: ChargerPlan = { identity: charger.id, password: charger.password, version: charger.version, connectors: 1, vendor: 'evroam', model: 'Demo charger', meterStartWh: 1_250_000, steps: charger.steps };
    return new SimulatedCharger({ url, plan, clock: new SimClock(startMs, DEMO_SPEED), stats, onEvent: (event) => narrate(charger, event) });
  });
  await Promise.all(simulated.map((charger) => charger.run()));
  await Promise.all(followUps);
  return { visits, stats };
}

/** An amount as the CDR states it: at least cents, and up to four decimals when it has them. */
export function money(amount: number, currency: string): string {
  const decimals = String(amount).split('.')[1]?.length ?? 0;
  return `${amount.toFixed(Math.min(4, Math.max(2, decimals)))} ${currency}`;
}

export function hours(value: number): string {
  const minutes = Math.round(value * 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
