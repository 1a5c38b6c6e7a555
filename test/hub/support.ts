import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { CONFIG_DEFAULTS, type Config } from '../../src/config/config-schema.js';
import type { HubModule } from '../../src/hub/hub-module.js';
import { PeerRepository } from '../../src/peers/peer-repository.js';
import { hashToken } from '../../src/peers/secret-token.js';
import { createService, type Service } from '../../src/server/create-service.js';
import { freePort } from '../support/evroam-process.js';
import type { TestBackend } from '../support/test-database.js';

export const HUB = { countryCode: 'DE', partyId: 'HUB', roles: ['HUB' as const], name: 'Test Hub' };
export const CPO = { countryCode: 'NL', partyId: 'CPO', roles: ['CPO' as const], name: 'Test CPO' };
export const EMSP = { countryCode: 'DE', partyId: 'MSP', roles: ['EMSP' as const], name: 'Test eMSP' };
/** Small, so lists through the hub span several pages. */
export const PAGE_LIMIT = 2;
const ADMIN_TOKEN = 'hub-test-admin-token-0123';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface OcpiBody<T = unknown> {
  status_code: number;
  status_message?: string;
  data?: T;
}

/** One evroam service in this process, on a real port; its outbox is delivered when the test says so. */
export interface Node {
  service: Service;
  url: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
  /** An OCPI call below `/ocpi/2.2.1/` holding `token`, with any extra headers (routing, ids). */
  ocpi<T = unknown>(method: string, path: string, token: string, headers?: Record<string, string>, body?: unknown): Promise<Reply<OcpiBody<T>>>;
  deliver(): Promise<number>;
}

export async function startNode(backend: TestBackend, parties: Config['parties'], overrides: Partial<Config> = {}): Promise<Node> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config: Config = { ...CONFIG_DEFAULTS, port, host: '127.0.0.1', publicUrl: url, database: backend.freshUrl(), adminToken: ADMIN_TOKEN, parties, logLevel: 'silent', requestTimeoutMs: 3000, pageLimit: PAGE_LIMIT, ...overrides };
  const service = await createService(config, { background: false });
  await service.app.listen({ port, host: '127.0.0.1' });
  const inject = async (method: string, path: string, headers: Record<string, string>, body: unknown) => {
    const response = await service.app.inject({ method: method as 'GET', url: path, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, payload: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers as Record<string, string> };
  };
  return {
    service,
    url,
    api: (method, path, body) => inject(method, `/api${path}`, { authorization: `Bearer ${ADMIN_TOKEN}` }, body),
    ocpi: (method, path, token, headers = {}, body) => inject(method, `/ocpi/2.2.1/${path}`, { authorization: `Token ${Buffer.from(token).toString('base64')}`, ...headers }, body),
    deliver: () => service.delivery.drain(),
  };
}

export function routingHeaders(from: { countryCode: string; partyId: string }, to: { countryCode: string; partyId: string }): Record<string, string> {
  return { 'ocpi-from-country-code': from.countryCode, 'ocpi-from-party-id': from.partyId, 'ocpi-to-country-code': to.countryCode, 'ocpi-to-party-id': to.partyId };
}

export function hubModuleOf(node: Node): HubModule {
  return node.service.modules.find((m) => m.name === 'hub') as HubModule;
}

/** A hub, a CPO platform and an eMSP platform connected only to the hub, with an agreement between the two. */
export interface HubNetwork {
  hub: Node;
  cpo: Node;
  emsp: Node;
  /** The tokens each platform calls the hub with: lets a test speak to the hub as that platform. */
  cpoToken: string;
  emspToken: string;
  /** Each platform's peer id for the hub. */
  hubAtCpo: string;
  hubAtEmsp: string;
  /** Reconciles the hub's clients and delivers every outbox until nothing moves. */
  settle(): Promise<void>;
  /**
   * Registers at the hub a platform without a process behind it, serving `party` in `role` with
   * endpoints below `baseUrl`; returns the token it calls the hub with.
   */
  fakePlatform(role: 'CPO' | 'EMSP', party: { countryCode: string; partyId: string }, baseUrl: string): Promise<{ token: string; peerId: string }>;
  close(): Promise<void>;
}

export async function startHubNetwork(backend: TestBackend, hubOverrides: Partial<Config> = {}): Promise<HubNetwork> {
  const [hub, cpo, emsp] = await Promise.all([startNode(backend, [HUB], hubOverrides), startNode(backend, [CPO]), startNode(backend, [EMSP])]);
  const agreed = await hub.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-MSP', cpo: 'NL-CPO' });
  if (agreed.status !== 201) throw new Error(`agreement failed: ${JSON.stringify(agreed.body)}`);
  const hubAtCpo = await connect(hub, cpo, 'NL-CPO');
  const hubAtEmsp = await connect(hub, emsp, 'DE-MSP');
  const nodes = [hub, cpo, emsp];
  const settle = async () => {
    for (let round = 0; round < 20; round++) {
      await hubModuleOf(hub).clients.reconcile(HUB);
      let moved = 0;
      for (const node of nodes) moved += await node.deliver();
      if (moved === 0) return;
    }
  };
  await settle();
  let fakes = 0;
  return {
    hub,
    cpo,
    emsp,
    cpoToken: await outgoingToken(cpo, hubAtCpo),
    emspToken: await outgoingToken(emsp, hubAtEmsp),
    hubAtCpo,
    hubAtEmsp,
    settle,
    async fakePlatform(role, party, baseUrl) {
      const token = `fake-platform-${++fakes}-${Math.random().toString(36).slice(2)}`;
      const peers = new PeerRepository(hub.service.database.db);
      const peer = await peers.create(HUB, 'REGISTERING', hashToken(token));
      const modules = ['cdrs', 'chargingprofiles', 'commands', 'locations', 'sessions', 'tariffs', 'tokens', 'hubclientinfo'];
      await peers.saveCredentials(peer.id, { status: ['REGISTERING'] }, {
        incomingTokenHash: hashToken(token),
        outgoingToken: `hub-to-${token}`,
        outgoingTokenEncoding: 'base64',
        versionsUrl: `${baseUrl}/versions`,
        version: '2.2.1',
        endpoints: modules.flatMap((m) => (['SENDER', 'RECEIVER'] as const).map((r) => ({ identifier: m, role: r, url: `${baseUrl}/${r.toLowerCase()}/${m}` }))),
        roles: [{ role, country_code: party.countryCode, party_id: party.partyId, business_details: { name: `Fake ${role}` } }],
      });
      return { token, peerId: peer.id };
    },
    close: async () => {
      await Promise.all(nodes.map((n) => n.service.close()));
    },
  };
}

async function connect(hub: Node, platform: Node, party: string): Promise<string> {
  const invite = await hub.api<{ versions_url: string; token: string }>('POST', '/peers/invitations', { party: 'DE-HUB' });
  const registered = await platform.api<{ id: string }>('POST', '/peers/registrations', { party, versions_url: invite.body.versions_url, token: invite.body.token });
  if (registered.status !== 201) throw new Error(`handshake with the hub failed: ${JSON.stringify(registered.body)}`);
  return registered.body.id;
}

async function outgoingToken(node: Node, peerId: string): Promise<string> {
  return (await new PeerRepository(node.service.database.db).findById(peerId))!.outgoingToken!;
}

/** What a fake platform received. */
export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A platform's HTTP endpoint that records each request and answers after `delayMs` with `answer`
 * (an OCPI success by default).
 */
export async function recordingPlatform(options: { delayMs?: number; answer?: { status: number; body: string; headers?: Record<string, string> } } = {}): Promise<{ url: string; received: Recorded[]; close(): Promise<void> }> {
  const received: Recorded[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      const answer = options.answer ?? { status: 200, body: JSON.stringify({ status_code: 1000, timestamp: new Date().toISOString(), data: { seen: true } }) };
      setTimeout(() => response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body), options.delayMs ?? 0);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
