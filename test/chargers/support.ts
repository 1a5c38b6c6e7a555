import type { Config } from '../../src/config/config-schema.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import { serveSide, startPair, TARIFF, TOKEN, type Pair } from '../sessions/pair.js';
import type { TestBackend } from '../support/test-database.js';
import { SimulatedCharger, type SimulatedChargerOptions } from './simulated-charger.js';

export { TOKEN };

const connector = { standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, tariff_ids: ['AC-1'], last_updated: '2025-01-01T00:00:00Z' };

/** One Location with eight single-connector EVSEs, so each test drives its own. */
export const LOCATION = {
  id: 'LOC-1',
  publish: true,
  name: 'Stationsplein',
  address: 'Stationsplein 1',
  city: 'Utrecht',
  postal_code: '3511 ED',
  country: 'NLD',
  coordinates: { latitude: '52.089444', longitude: '5.110278' },
  time_zone: 'Europe/Amsterdam',
  evses: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
    uid: `EVSE-${n}`,
    evse_id: `NL*CPO*E0001*${n}`,
    status: 'AVAILABLE',
    capabilities: ['REMOTE_START_STOP_CAPABLE', 'RFID_READER'],
    connectors: [{ id: '1', ...connector }],
    last_updated: '2025-01-01T00:00:00Z',
  })),
  last_updated: '2025-01-01T00:00:00Z',
};

/** The CPO's answer to an OCPP 1.6 StartTransaction. */
export interface StartAnswer {
  transactionId: number;
  idTagInfo: { status: string };
}

/** A charger's transaction as the admin API lists it (`GET /parties/NL-CPO/chargers/:id/transactions`). */
export interface Transaction {
  transaction_id: string;
  session_id: string | null;
  status: string;
  flags: string[];
  evidence: Array<{ kind: string; message: string; reported: unknown; used?: unknown }>;
}

export interface ChargerPair extends Pair {
  /** `ws://127.0.0.1:PORT/ocpp` of the CPO. */
  ocppUrl: string;
  /** Registers a charger for an EVSE of LOC-1 through the admin API. */
  register(id: string, evse: string, extra?: Record<string, unknown>): Promise<void>;
  connect(options: Omit<SimulatedChargerOptions, 'endpoint'>): Promise<SimulatedCharger>;
  /** The CPO's sessions at an EVSE. */
  sessionsAt(evse: string): Promise<Session[]>;
  /** Closes the CPO service (and so its chargers' connections) and starts it again on the same database and port, with `changes` to its configuration. */
  restartCpo(changes?: Partial<Config>): Promise<void>;
}

/** A CPO with LOC-1 and tariff AC-1, an eMSP whose driver token the CPO knows, connected in this process. */
export async function startChargerPair(backend: TestBackend, config: Partial<Config> = {}): Promise<ChargerPair> {
  const pair = await startPair(backend, config);
  const { country_code: _cc, party_id: _pid, last_updated: _lu, ...tariff } = TARIFF;
  for (const [module, objects] of [['tariffs', [tariff]], ['locations', [LOCATION]]] as const) {
    const imported = await pair.cpo.api('POST', `/parties/NL-CPO/${module}/import`, objects);
    if (imported.status !== 200) throw new Error(`import ${module}: ${JSON.stringify(imported.body)}`);
  }
  // The driver token reaches the CPO, and the station reaches the eMSP.
  await pair.emsp.deliver();
  await pair.cpo.deliver();
  return {
    ...pair,
    ocppUrl: `${pair.cpo.url.replace('http', 'ws')}/ocpp`,
    async register(id, evse, extra = {}) {
      const registered = await pair.cpo.api('POST', '/parties/NL-CPO/chargers', { id, location_id: 'LOC-1', evse_uid: evse, ...extra });
      if (registered.status !== 201) throw new Error(`register ${id}: ${JSON.stringify(registered.body)}`);
    },
    connect: (options) => SimulatedCharger.connect({ endpoint: `${pair.cpo.url.replace('http', 'ws')}/ocpp`, ...options }),
    async sessionsAt(evse) {
      const sessions = await pair.cpo.api<Session[]>('GET', '/parties/NL-CPO/sessions?limit=1000');
      return sessions.body.filter((s) => s.evse_uid === evse);
    },
    async restartCpo(changes = {}) {
      await pair.cpo.service.close();
      // In place: the pair's close() and every helper above hold this object.
      Object.assign(pair.cpo, await serveSide({ ...pair.cpo.service.config, ...changes }));
    },
  };
}

/** `minutes` after `start`, as the charger writes it. */
export function at(start: string, minutes: number): string {
  return new Date(Date.parse(start) + minutes * 60_000).toISOString();
}

/** A 1.6 MeterValues payload with the import register in Wh. */
export function meterValues16(transactionId: number, timestamp: string, wh: number, extra: Array<Record<string, string>> = []): Record<string, unknown> {
  return { connectorId: 1, transactionId, meterValue: [{ timestamp, sampledValue: [{ value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic' }, ...extra] }] };
}
