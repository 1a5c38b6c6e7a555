import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import ocppRpc from 'ocpp-rpc';
import type * as ServerClient from 'ocpp-rpc/lib/server-client.js';
import type { ChargerEvents, ChargerRef, OcppVersion } from './charger-events.js';
import { ChargerNoAnswerError, ChargerOfflineError, type ChargerAnswer, type ChargerRequest } from './charger-requests.js';
import { OCPP16_ADAPTER } from './ocpp16-adapter.js';
import { FrameReader, type OcppFrameSink } from './ocpp-frames.js';
import { OCPP201_ADAPTER } from './ocpp201-adapter.js';
import type { GatewayLog, RpcHandlers, VersionAdapter } from './version-adapter.js';

const { RPCServer, TimeoutError } = ocppRpc;

/** The server side of one charger's connection. */
type RpcServerClient = ServerClient.default;

/** Chargers connect to `ws(s)://HOST/ocpp/{charge_box_id}`. */
export const OCPP_PATH = '/ocpp';

/** The versions served, in order of preference when a charger offers both. */
const ADAPTERS: readonly VersionAdapter[] = [OCPP201_ADAPTER, OCPP16_ADAPTER];

export interface OcppGatewayOptions {
  /**
   * Whether the charger may connect. `password` is the HTTP Basic password (security profile 1)
   * as bytes, absent when the charger sent none; OCPP's AuthorizationKey may be binary.
   */
  admit(identity: string, password: Buffer | undefined): Promise<boolean>;
  events: ChargerEvents;
  log: GatewayLog;
  heartbeatIntervalSeconds?: number;
  /** When a charger answered Pending or Rejected boots again. */
  bootRetryIntervalSeconds?: number;
  /** How long a charger has to answer one of our requests. */
  callTimeoutMs?: number;
  /** Told of every frame in and out (the operator's message log per charger). */
  frames?: OcppFrameSink;
}

interface Connection {
  client: RpcServerClient;
  adapter: VersionAdapter;
  charger: ChargerRef;
}

/**
 * The OCPP-J endpoint: WebSocket upgrades on the HTTP server the rest of the service uses, with
 * ocpp-rpc's framing and strict schema validation of every message, both ways. A charger is
 * admitted only when it offers a subprotocol we speak and passes `admit`; its messages go to the
 * version adapter, which turns them into events.
 */
export class OcppGateway {
  readonly #server: InstanceType<typeof RPCServer>;
  readonly #connections = new Map<string, Connection>();
  readonly #options: OcppGatewayOptions;

  constructor(options: OcppGatewayOptions) {
    this.#options = options;
    const protocols = ADAPTERS.map((a) => a.subprotocol);
    this.#server = new RPCServer({ protocols, strictMode: protocols, callTimeoutMs: options.callTimeoutMs ?? 30_000, pingIntervalMs: 30_000 });
    this.#server.auth((accept, reject, handshake) => {
      void this.#authenticate(handshake.endpoint, handshake.identity, handshake.protocols, handshake.password).then(
        (verdict) => (verdict.ok ? accept({}, verdict.protocol) : reject(verdict.code, verdict.message)),
        (error: unknown) => {
          options.log.error({ err: error, charger: handshake.identity }, 'charger admission failed');
          reject(500, 'Internal Server Error');
        },
      );
    });
    this.#server.on('client', (client: RpcServerClient) => this.#connected(client));
  }

  /** Takes the WebSocket upgrades of `server` (the HTTP server of the service). */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
      void this.#server.handleUpgrade(request, socket, head);
    });
  }

  /** The OCPP version a charger speaks now, or undefined when it is not connected. */
  versionOf(identity: string): OcppVersion | undefined {
    return this.#connections.get(key(identity))?.charger.version;
  }

  connectedCount(): number {
    return this.#connections.size;
  }

  /** Sends a request to a connected charger and resolves with its answer; rejects when it is offline or does not answer in time. */
  async send(identity: string, request: ChargerRequest): Promise<ChargerAnswer> {
    const connection = this.#connections.get(key(identity));
    if (!connection) throw new ChargerOfflineError(identity);
    const { method, params } = connection.adapter.request(request);
    try {
      const response = (await connection.client.call(method, params)) as { status: string };
      return { status: response.status };
    } catch (error) {
      // A timeout, or a disconnect while waiting (ocpp-rpc rejects pending calls with a plain Error).
      if (error instanceof TimeoutError || (error instanceof Error && !('rpcErrorCode' in error))) throw new ChargerNoAnswerError(identity, error.message);
      throw error;
    }
  }

  /** Closes one charger's connection, so that it connects again under the rules that apply to it now. */
  disconnect(identity: string): void {
    const connection = this.#connections.get(key(identity));
    if (connection) void closeSoon(connection.client);
  }

  /** Closes every charger connection (1001 Going Away) and stops taking new ones. */
  async close(): Promise<void> {
    const closing = [...this.#connections.values()].map((c) => closeSoon(c.client));
    this.#connections.clear();
    await Promise.all(closing);
    await this.#server.close({ code: 1001, force: true });
  }

  async #authenticate(
    endpoint: string,
    identity: string,
    offered: Set<string>,
    password: Buffer | undefined,
  ): Promise<{ ok: true; protocol: string } | { ok: false; code: number; message: string }> {
    if (endpoint !== OCPP_PATH || identity === '') return { ok: false, code: 404, message: 'Not Found' };
    // ocpp-rpc would otherwise accept a charger offering no subprotocol, or only ones we do not speak.
    const protocol = ADAPTERS.map((a) => a.subprotocol).find((p) => offered.has(p));
    if (!protocol) return { ok: false, code: 400, message: `Offer one of the subprotocols ${ADAPTERS.map((a) => a.subprotocol).join(', ')}` };
    if (!(await this.#options.admit(identity, password))) {
      this.#options.log.warn({ charger: identity }, 'charger refused: unknown or wrong password');
      return { ok: false, code: 401, message: 'Unauthorized' };
    }
    return { ok: true, protocol };
  }

  #connected(client: RpcServerClient): void {
    const adapter = ADAPTERS.find((a) => a.subprotocol === client.protocol)!;
    const charger: ChargerRef = { identity: client.identity!, version: adapter.version };
    const { log, events } = this.#options;
    // A charger that reconnects before its old socket timed out: the new connection replaces it.
    const previous = this.#connections.get(key(charger.identity));
    if (previous) void closeSoon(previous.client);
    const connection: Connection = { client, adapter, charger };
    this.#connections.set(key(charger.identity), connection);
    const frames = this.#options.frames;
    if (frames) {
      const reader = new FrameReader(charger.identity);
      client.on('message', (event: { message: Buffer | string; outbound: boolean }) => frames.record(reader.read(String(event.message), event.outbound)));
    }
    adapter.bind(client as unknown as RpcHandlers, charger, events, {
      log,
      heartbeatIntervalSeconds: this.#options.heartbeatIntervalSeconds ?? 300,
      bootRetryIntervalSeconds: this.#options.bootRetryIntervalSeconds ?? 60,
    });
    client.on('strictValidationFailure', (failure: { method?: string; error?: Error }) => {
      log.warn({ charger: charger.identity, method: failure.method, err: failure.error }, 'OCPP message failed schema validation');
    });
    client.once('close', () => {
      if (this.#connections.get(key(charger.identity)) !== connection) return;
      this.#connections.delete(key(charger.identity));
      events.disconnected(charger);
    });
    log.info({ charger: charger.identity, version: charger.version }, 'charger connected');
    events.connected(charger);
  }
}

/** Charge box identities compare without case (1.6 chargeBoxIdentity is a CiString). */
function key(identity: string): string {
  return identity.toUpperCase();
}

/** A polite close, cut short when the charger does not complete the closing handshake in time. */
async function closeSoon(client: RpcServerClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const forced = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      void client.close({ force: true }).finally(resolve);
    }, 2000);
  });
  await Promise.race([client.close({ code: 1001, reason: 'Server closing' }).then(() => undefined), forced]);
  clearTimeout(timer);
}
