import { CONFIG_DEFAULTS, type Config } from '../../src/config/config-schema.js';
import type { StoredCredentialsRole } from '../../src/store/tables.js';
import { PeerRepository } from '../../src/peers/peer-repository.js';
import { hashToken } from '../../src/peers/secret-token.js';
import { createService, type Service } from '../../src/server/create-service.js';
import type { OcpiBody, Reply } from '../support/in-process-replies.js';
import type { TestBackend } from '../support/test-database.js';

export { CPO_PARTY as CPO, EMSP_PARTY as EMSP } from '../support/roaming-pair.js';
export type { OcpiBody, Reply } from '../support/in-process-replies.js';
/** The server cap of a page, small so that lists span several pages. */
export const PAGE_LIMIT = 3;


/** One evroam service in this process (no background delivery), driven through HTTP injection. */
export interface TestService {
  service: Service;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
  ocpi<T = unknown>(method: string, path: string, token: string, body?: unknown): Promise<Reply<OcpiBody<T>>>;
  /** Registers a partner platform of `local` holding `roles`, as a finished handshake would; returns its token. */
  connect(local: { countryCode: string; partyId: string }, roles: Array<{ role: string; countryCode: string; partyId: string }>): Promise<{ peerId: string; token: string }>;
  /** Forgets partners, Locations and messages, so the next test starts from an empty service. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const ADMIN_TOKEN = 'locations-test-admin-token';

export async function startService(backend: TestBackend, parties: Config['parties']): Promise<TestService> {
  const config: Config = {
    ...CONFIG_DEFAULTS,
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://evroam.test',
    database: backend.freshUrl(),
    adminToken: ADMIN_TOKEN,
    parties,
    logLevel: 'silent',
    requestTimeoutMs: 2000,
    pageLimit: PAGE_LIMIT,
    // No scheduled pulls: the tests drive every exchange.
    syncIntervalMinutes: 0,
  };
  const service = await createService(config, { background: false });
  let partners = 0;
  const inject = async (method: string, url: string, headers: Record<string, string>, body: unknown) => {
    const response = await service.app.inject({ method: method as 'GET', url, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, payload: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers };
  };
  return {
    service,
    api: (method, path, body) => inject(method, `/api${path}`, { authorization: `Bearer ${ADMIN_TOKEN}` }, body),
    ocpi: (method, path, token, body) => inject(method, `/ocpi/2.2.1/${path}`, { authorization: `Token ${Buffer.from(token).toString('base64')}` }, body),
    async connect(local, roles) {
      const token = `partner-token-${++partners}-${Math.random().toString(36).slice(2)}`;
      const peers = new PeerRepository(service.database.db);
      const peer = await peers.create(local, 'REGISTERING', hashToken(token));
      const stored: StoredCredentialsRole[] = roles.map((r) => ({ role: r.role, country_code: r.countryCode, party_id: r.partyId, business_details: { name: `${r.countryCode}-${r.partyId}` } }));
      await peers.saveCredentials(peer.id, { status: ['REGISTERING'] }, {
        incomingTokenHash: hashToken(token),
        outgoingToken: `our-token-for-${token}`,
        outgoingTokenEncoding: 'base64',
        versionsUrl: 'http://127.0.0.1:9/ocpi/versions',
        version: '2.2.1',
        endpoints: [{ identifier: 'locations', role: 'RECEIVER', url: 'http://127.0.0.1:9/ocpi/2.2.1/receiver/locations' }],
        roles: stored,
      });
      return { peerId: peer.id, token };
    },
    async reset() {
      const db = service.database.db;
      for (const table of ['outbox', 'partner_sync', 'partner_object', 'peer_party', 'peer', 'cpo_location'] as const) await db.deleteFrom(table).execute();
    },
    close: () => service.close(),
  };
}

/** An OCPI Location of NL-CPO with two EVSEs, as an operator would send it (owner and timestamps left out). */
export function locationInput(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    publish: true,
    name: `Car park ${id}`,
    address: 'Stationsplein 1',
    city: 'Utrecht',
    postal_code: '3511 ED',
    country: 'NLD',
    coordinates: { latitude: '52.089444', longitude: '5.110278' },
    time_zone: 'Europe/Amsterdam',
    evses: [evseInput(`${id}-1`, 'NL*CPO*E0001*1'), evseInput(`${id}-2`, 'NL*CPO*E0001*2')],
    ...overrides,
  };
}

export function evseInput(uid: string, evseId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uid,
    evse_id: evseId,
    status: 'AVAILABLE',
    connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, tariff_ids: ['AC-STANDARD'] }],
    ...overrides,
  };
}
