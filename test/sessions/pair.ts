import { CONFIG_DEFAULTS, type Config } from '../../src/config/config-schema.js';
import { PeerRepository } from '../../src/peers/peer-repository.js';
import { hashToken } from '../../src/peers/secret-token.js';
import { createService, type Service } from '../../src/server/create-service.js';
import { freePort } from '../support/evroam-process.js';
import type { OcpiBody, Reply } from '../support/in-process-replies.js';
import { CPO_PARTY as CPO, EMSP_PARTY as EMSP } from '../support/roaming-pair.js';
import type { TestBackend } from '../support/test-database.js';

export { CPO_PARTY as CPO, EMSP_PARTY as EMSP } from '../support/roaming-pair.js';
export type { OcpiBody, Reply } from '../support/in-process-replies.js';
/** Small, so Sender lists span several pages. */
export const PAGE_LIMIT = 2;


/** One evroam service in this process, listening on a real port, with delivery driven by the test. */
export interface Side {
  service: Service;
  url: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
  /** An OCPI call as the partner holding `token`; `routing` adds the OCPI-from headers. */
  ocpi<T = unknown>(method: string, path: string, token: string, body?: unknown, from?: { countryCode: string; partyId: string }): Promise<Reply<OcpiBody<T>>>;
  /** Delivers everything the outbox holds now. */
  deliver(): Promise<number>;
}

export interface Pair {
  cpo: Side;
  emsp: Side;
  /** The token the CPO calls the eMSP with: lets a test speak to the eMSP as that CPO. */
  cpoToken: string;
  /** The token the eMSP calls the CPO with. */
  emspToken: string;
  /** Registers at `side` another partner holding `party` in `role`, without a process behind it; returns its token. */
  otherPartner(side: 'cpo' | 'emsp', role: 'CPO' | 'EMSP', party: { countryCode: string; partyId: string }): Promise<string>;
  close(): Promise<void>;
}

const ADMIN_TOKEN = 'sessions-test-admin-token';

async function startSide(backend: TestBackend, parties: Config['parties'], extra: Partial<Config>): Promise<Side> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return serveSide({ ...CONFIG_DEFAULTS, port, host: '127.0.0.1', publicUrl: url, database: backend.freshUrl(), adminToken: ADMIN_TOKEN, parties, logLevel: 'silent', requestTimeoutMs: 3000, pageLimit: PAGE_LIMIT, ...extra });
}

/** A service on `config.port`: a side's config again is that side restarted on its database. */
export async function serveSide(config: Config): Promise<Side> {
  const { port } = config;
  const url = `http://127.0.0.1:${port}`;
  const service = await createService(config, { background: false });
  await service.app.listen({ port, host: '127.0.0.1' });
  const inject = async (method: string, path: string, headers: Record<string, string>, body: unknown) => {
    const response = await service.app.inject({ method: method as 'GET', url: path, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, payload: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers };
  };
  return {
    service,
    url,
    api: (method, path, body) => inject(method, `/api${path}`, { authorization: `Bearer ${config.adminToken}` }, body),
    ocpi: (method, path, token, body, from) =>
      inject(method, `/ocpi/2.2.1/${path}`, { authorization: `Token ${Buffer.from(token).toString('base64')}`, ...(from ? { 'ocpi-from-country-code': from.countryCode, 'ocpi-from-party-id': from.partyId } : {}) }, body),
    deliver: () => service.delivery.drain(),
  };
}

async function outgoingToken(side: Side): Promise<string> {
  const peers = await new PeerRepository(side.service.database.db).list();
  return peers.find((p) => p.status === 'REGISTERED')!.outgoingToken!;
}

/** A CPO and an eMSP service connected by the real credentials handshake over HTTP; `extra` configures both. */
export async function startPair(backend: TestBackend, extra: Partial<Config> = {}): Promise<Pair> {
  const [cpo, emsp] = await Promise.all([startSide(backend, [CPO], extra), startSide(backend, [EMSP], extra)]);
  const invite = await cpo.api<{ versions_url: string; token: string }>('POST', '/peers/invitations', { party: 'NL-CPO' });
  const registered = await emsp.api('POST', '/peers/registrations', { party: 'DE-MSP', versions_url: invite.body.versions_url, token: invite.body.token });
  if (registered.status !== 201) throw new Error(`handshake failed: ${JSON.stringify(registered.body)}`);
  // The driver's token is one the eMSP issued: its CDR check refuses tokens it does not know.
  const issued = await emsp.api('POST', '/parties/DE-MSP/tokens', { uid: TOKEN.uid, type: TOKEN.type, contract_id: TOKEN.contract_id });
  if (issued.status !== 201) throw new Error(`issuing the driver token failed: ${JSON.stringify(issued.body)}`);
  let others = 0;
  return {
    cpo,
    emsp,
    cpoToken: await outgoingToken(cpo),
    emspToken: await outgoingToken(emsp),
    async otherPartner(side, role, party) {
      const token = `other-partner-${++others}-${Math.random().toString(36).slice(2)}`;
      const at = side === 'cpo' ? { service: cpo, local: CPO } : { service: emsp, local: EMSP };
      const peers = new PeerRepository(at.service.service.database.db);
      const peer = await peers.create(at.local, 'REGISTERING', hashToken(token));
      await peers.saveCredentials(peer.id, { status: ['REGISTERING'] }, {
        incomingTokenHash: hashToken(token),
        outgoingToken: `unused-${token}`,
        outgoingTokenEncoding: 'base64',
        versionsUrl: 'http://127.0.0.1:9/ocpi/versions',
        version: '2.2.1',
        endpoints: [],
        roles: [{ role, country_code: party.countryCode, party_id: party.partyId, business_details: { name: `Other ${role}` } }],
      });
      return token;
    },
    close: async () => {
      await Promise.all([cpo.service.close(), emsp.service.close()]);
    },
  };
}

export const TOKEN = { country_code: 'DE', party_id: 'MSP', uid: '04A2B3C4D5E680', type: 'RFID', contract_id: 'DE-MSP-C00012345-T' };

/** ENERGY and PARKING_TIME: a session that parks gets a second period, priced differently. */
export const TARIFF = {
  country_code: 'NL',
  party_id: 'CPO',
  id: 'AC-1',
  currency: 'EUR',
  elements: [
    {
      price_components: [
        { type: 'FLAT', price: 0.5, vat: 21, step_size: 1 },
        { type: 'ENERGY', price: 0.3, vat: 21, step_size: 1 },
        { type: 'PARKING_TIME', price: 2, vat: 21, step_size: 60 },
      ],
    },
  ],
  last_updated: '2025-01-01T00:00:00Z',
};

export const LOCATION = {
  id: 'LOC-1',
  name: 'Stationsplein',
  address: 'Stationsplein 1',
  city: 'Utrecht',
  postal_code: '3511 ED',
  country: 'NLD',
  coordinates: { latitude: '52.089444', longitude: '5.110278' },
  evse_uid: 'EVSE-1',
  evse_id: 'NL*CPO*E0001*1',
  connector_id: '1',
  connector_standard: 'IEC_62196_T2',
  connector_format: 'SOCKET',
  connector_power_type: 'AC_3_PHASE',
};

/** The admin API body that starts a session at LOC-1 on `start`. */
export function startBody(start: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { cdr_token: TOKEN, auth_method: 'WHITELIST', authorization_reference: 'AUTH-1', start_date_time: start, meter_start_kwh: 1000, location: LOCATION, time_zone: 'Europe/Amsterdam', tariff: TARIFF, ...overrides };
}

/** `minutes` after `start`, as an OCPI DateTime. */
export function after(start: string, minutes: number): string {
  return new Date(new Date(start).getTime() + minutes * 60_000).toISOString();
}
