import ocppRpc from 'ocpp-rpc';
import type { ChargerPlan, PlannedStep } from './charger-plan.js';
import type { ChargerProtocol, OcppCall, SimTransaction } from './charger-protocol.js';
import { FrameChecker } from './frame-checker.js';
import { OCPP16_PROTOCOL } from './ocpp16-protocol.js';
import { OCPP201_PROTOCOL } from './ocpp201-protocol.js';
import type { SimClock } from './sim-clock.js';
import type { SimErrorKind, SimStats } from './sim-stats.js';

const { RPCClient } = ocppRpc;

/** What happened at a simulated charger, for whoever narrates the run. */
export type SimEvent =
  | { type: 'connected'; charger: string; protocol: string }
  | { type: 'booted'; charger: string; status: string }
  | { type: 'tap'; charger: string; connector: number; uid: string; verdict: string }
  | { type: 'started'; charger: string; connector: number; uid: string; transactionId: string; at: string; remote: boolean }
  | { type: 'stopped'; charger: string; connector: number; uid: string; transactionId: string; startedAt: string; at: string; kwh: number; reason: string }
  | { type: 'offline'; charger: string; seconds: number }
  | { type: 'online'; charger: string; replayed: number }
  | { type: 'request'; charger: string; action: string; status: string }
  | { type: 'error'; charger: string; kind: SimErrorKind; message: string };

export interface SimulatedChargerOptions {
  /** The CSMS's OCPP endpoint without the identity: `ws://127.0.0.1:8080/ocpp`. */
  url: string;
  plan: ChargerPlan;
  clock: SimClock;
  stats: SimStats;
  onEvent?: (event: SimEvent) => void;
  /** How long the CSMS has to answer a call. */
  callTimeoutMs?: number;
  /** Certificates (PEM) to trust for a `wss://` CSMS instead of the system's, e.g. a self-signed one. */
  ca?: Buffer;
}

const PROTOCOLS: Record<ChargerPlan['version'], ChargerProtocol> = { '1.6': OCPP16_PROTOCOL, '2.0.1': OCPP201_PROTOCOL };
/** Requests the simulated charger simply grants (1.6 and 2.0.1 answer them with the same words). */
const GRANTED: Record<string, string> = { UnlockConnector: 'Unlocked', ReserveNow: 'Accepted', CancelReservation: 'Accepted' };

/**
 * One simulated charger on ocpp-rpc's client: it connects, boots, reports its connectors and
 * follows its plan's steps in simulated time; it answers the CSMS's remote start and stop,
 * unlock and reservation requests. Every frame it receives is checked with typed-ocpp; schema
 * violations, refused calls and lost connections are counted as errors in the shared stats.
 */
export class SimulatedCharger {
  readonly #options: SimulatedChargerOptions;
  readonly #protocol: ChargerProtocol;
  readonly #client: InstanceType<typeof RPCClient>;
  readonly #checker: FrameChecker;
  #online = false;
  #closing = false;
  /** While offline: the transaction messages waiting for the connection to come back, in order. */
  #queue: OcppCall[] | null = null;
  readonly #transactions = new Map<number, SimTransaction>();
  /** The energy register of each connector, in Wh. */
  readonly #registerWh = new Map<number, number>();
  /** The power each connector draws now, in kW: what it keeps drawing while offline. */
  readonly #kw = new Map<number, number>();
  readonly #states = new Map<number, string>();
  #meterEverySeconds = 60;
  #heartbeatSeconds = 300;
  /** Actions that change the charger's state run one after the other. */
  #tail: Promise<unknown> = Promise.resolve();

  constructor(options: SimulatedChargerOptions) {
    this.#options = options;
    const { plan } = options;
    this.#protocol = PROTOCOLS[plan.version];
    this.#checker = new FrameChecker(plan.version);
    for (let c = 1; c <= plan.connectors; c++) this.#registerWh.set(c, plan.meterStartWh);
    this.#client = new RPCClient({
      endpoint: options.url.replace(/\/+$/, ''),
      identity: plan.identity,
      protocols: [this.#protocol.subprotocol],
      // The simulator checks what it receives with its own validator; ocpp-rpc's would be the server's.
      strictMode: false,
      reconnect: false,
      callTimeoutMs: options.callTimeoutMs ?? 30_000,
      ...(plan.password !== undefined && { password: plan.password }),
      ...(options.ca !== undefined && { wsOpts: { ca: options.ca } }),
    } as ConstructorParameters<typeof RPCClient>[0]);
    this.#client.on('call', ({ outbound, payload }: { outbound: boolean; payload: unknown[] }) => {
      if (outbound) this.#checker.sent(payload);
    });
    this.#client.on('message', ({ message, outbound }: { message: string; outbound: boolean }) => {
      if (outbound) return;
      const violation = this.#checker.received(message);
      if (violation) this.#error('schema', violation);
    });
    this.#client.on('close', ({ code }: { code?: number }) => this.#closed(code));
    this.#handleRequests();
  }

  get identity(): string {
    return this.#options.plan.identity;
  }

  /** Connects, boots, follows every step, then disconnects. */
  async run(): Promise<void> {
    if (!(await this.connect())) return;
    if (!(await this.boot())) {
      await this.close();
      return;
    }
    await this.runSteps();
    await this.close();
  }

  /** Opens the WebSocket; false (and an error counted) when the CSMS refuses it. */
  async connect(): Promise<boolean> {
    try {
      await this.#client.connect();
    } catch (error) {
      const status = (error as { code?: unknown }).code;
      this.#error('connection', `could not connect${typeof status === 'number' ? ` (HTTP ${status})` : ''}: ${(error as Error).message}`);
      return false;
    }
    this.#online = true;
    this.#options.stats.connected(this.identity);
    this.#emit({ type: 'connected', charger: this.identity, protocol: this.#client.protocol ?? '' });
    return true;
  }

  /** BootNotification, then the state of every connector; false when the CSMS does not accept the boot. */
  async boot(): Promise<boolean> {
    const answer = await this.#send(this.#protocol.boot(this.#options.plan));
    if (!answer) return false;
    const { status, interval } = answer as { status: string; interval: number };
    this.#emit({ type: 'booted', charger: this.identity, status });
    if (status !== 'Accepted') {
      this.#error('connection', `BootNotification answered ${status}`);
      return false;
    }
    if (interval > 0) this.#heartbeatSeconds = interval;
    for (let c = 1; c <= this.#options.plan.connectors; c++) await this.#status(c, 'Available');
    return true;
  }

  async runSteps(): Promise<void> {
    for (const step of this.#options.plan.steps) await this.#step(step);
  }

  async close(): Promise<void> {
    this.#closing = true;
    await this.#client.close({ code: 1000 });
  }

  async #step(step: PlannedStep): Promise<void> {
    switch (step.kind) {
      case 'tap':
        return this.#serial(() => this.#tap(step.uid, step.connector));
      case 'charge': {
        this.#meterEverySeconds = step.meterEverySeconds;
        for (const connector of this.#chargingConnectors(step.connector)) this.#kw.set(connector, step.kw);
        return this.#charge(step.minutes * 60, step.connector);
      }
      case 'offline':
        return this.#offline(step.seconds);
      case 'stop':
        return this.#serial(async () => {
          for (const connector of step.connector === null ? [...this.#transactions.keys()] : [step.connector]) await this.#stop(connector, step.reason);
        });
      case 'wait':
        return this.#idle(step.seconds);
      case 'status':
        return this.#serial(() => this.#status(step.connector, step.state));
    }
  }

  /** A card at the reader: Authorize, then the transaction; the same card again at a busy connector ends it. */
  async #tap(uid: string, connector: number): Promise<void> {
    const open = this.#transactions.get(connector);
    if (open) {
      await this.#stop(connector, 'Local');
      return;
    }
    const answer = await this.#send(this.#protocol.authorize(uid));
    const verdict = answer ? this.#protocol.verdict(answer) : 'NoAnswer';
    this.#emit({ type: 'tap', charger: this.identity, connector, uid, verdict });
    if (verdict !== 'Accepted') {
      this.#options.stats.tapsRefused++;
      return;
    }
    await this.#begin(connector, { uid, tokenType: 'ISO14443' });
  }

  /** Starts a transaction (after an accepted tap, or when the CSMS asked); a start the CSMS refuses is ended at once. */
  async #begin(connector: number, token: { uid: string; tokenType: string }, remote?: { remoteStartId?: number }): Promise<void> {
    const { clock, stats } = this.#options;
    await this.#status(connector, 'Preparing');
    const at = clock.now();
    const transaction: SimTransaction = { connector, id: this.#protocol.newTransactionId() ?? '', ...token, startedAt: at, startWh: this.#registerWh.get(connector)!, seqNo: 0 };
    if (remote?.remoteStartId !== undefined) transaction.remoteStartId = remote.remoteStartId;
    const answer = await this.#send(this.#protocol.start(transaction, at));
    if (!answer) {
      await this.#status(connector, 'Available');
      return;
    }
    const started = this.#protocol.started(answer, transaction);
    transaction.id = started.id;
    if (started.verdict !== 'Accepted') {
      // StopTransactionOnInvalidId (1.6) / StopTxOnInvalidId (2.0.1): the charger ends what the CSMS refused.
      stats.tapsRefused++;
      await this.#send(this.#protocol.stop(transaction, at, transaction.startWh, 'DeAuthorized'));
      await this.#status(connector, 'Available');
      return;
    }
    this.#transactions.set(connector, transaction);
    stats.sessionsStarted++;
    stats.sessionsActive++;
    this.#emit({ type: 'started', charger: this.identity, connector, uid: token.uid, transactionId: transaction.id, at, remote: remote !== undefined });
    await this.#status(connector, 'Charging');
  }

  async #stop(connector: number, reason: string): Promise<void> {
    const transaction = this.#transactions.get(connector);
    if (!transaction) return;
    const { clock, stats } = this.#options;
    const at = clock.now();
    const wh = this.#registerWh.get(connector)!;
    this.#transactions.delete(connector);
    this.#kw.delete(connector);
    await this.#send(this.#protocol.stop(transaction, at, wh, reason), true);
    stats.sessionsActive--;
    stats.sessionsCompleted++;
    this.#emit({ type: 'stopped', charger: this.identity, connector, uid: transaction.uid, transactionId: transaction.id, startedAt: transaction.startedAt, at, kwh: Math.round(wh - transaction.startWh) / 1000, reason });
    await this.#status(connector, 'Finishing');
    await this.#status(connector, 'Available');
  }

  /**
   * Lets `seconds` of simulated time pass with the open sessions drawing their power, sending a
   * reading every meter interval (queued while offline).
   */
  async #charge(seconds: number, only: number | null): Promise<void> {
    const { clock } = this.#options;
    let done = 0;
    while (done < seconds) {
      const step = Math.min(this.#meterEverySeconds, seconds - done);
      await clock.advance(step);
      done += step;
      await this.#serial(async () => {
        for (const connector of this.#chargingConnectors(only)) {
          const transaction = this.#transactions.get(connector)!;
          const kw = this.#kw.get(connector) ?? 0;
          const wh = this.#registerWh.get(connector)! + (kw * 1000 * step) / 3600;
          this.#registerWh.set(connector, wh);
          await this.#send(this.#protocol.meter(transaction, clock.now(), wh, kw * 1000, this.#queue !== null), true);
        }
      });
    }
  }

  /** The connection drops; sessions go on charging; on reconnection the queued messages go out in order. */
  async #offline(seconds: number): Promise<void> {
    this.#queue = [];
    this.#closing = true;
    await this.#client.close({ force: true });
    this.#closing = false;
    this.#emit({ type: 'offline', charger: this.identity, seconds });
    await this.#charge(seconds, null);
    const queued = this.#queue;
    this.#queue = null;
    if (!(await this.connect())) return;
    await this.#serial(async () => {
      for (const call of queued) await this.#send(call);
    });
    this.#emit({ type: 'online', charger: this.identity, replayed: queued.length });
  }

  /** Idle time with a Heartbeat every interval the CSMS asked for at boot. */
  async #idle(seconds: number): Promise<void> {
    let done = 0;
    while (done < seconds) {
      const step = Math.min(this.#heartbeatSeconds, seconds - done);
      await this.#options.clock.advance(step);
      done += step;
      if (step === this.#heartbeatSeconds) await this.#serial(() => this.#send(this.#protocol.heartbeat()));
    }
  }

  /** Reports a connector's state when it changed in the version's words. */
  async #status(connector: number, state: string): Promise<void> {
    const word = this.#protocol.state(state);
    if (this.#states.get(connector) === word) return;
    this.#states.set(connector, word);
    await this.#send(this.#protocol.status(connector, word, this.#options.clock.now()));
  }

  #chargingConnectors(only: number | null): number[] {
    return [...this.#transactions.keys()].filter((c) => only === null || c === only).sort((a, b) => a - b);
  }

  /**
   * Sends a call and returns its answer, or null when it failed (counted as an error). While
   * offline, transaction messages (`queueable`) wait for the connection and others are dropped,
   * as chargers do (OCPP 1.6 §4.8, 2.0.1 E04).
   */
  async #send(call: OcppCall, queueable = false): Promise<Record<string, unknown> | null> {
    if (this.#queue) {
      if (queueable) this.#queue.push(call);
      return null;
    }
    if (!this.#online) {
      this.#error('call', `${call.method} not sent: not connected`);
      return null;
    }
    const sent = performance.now();
    try {
      const answer = (await this.#client.call(call.method, call.params)) as Record<string, unknown>;
      // 2.0.1 transactions are one action with three kinds of event, timed apart.
      this.#options.stats.call(call.method === 'TransactionEvent' ? `TransactionEvent ${String(call.params.eventType)}` : call.method, performance.now() - sent);
      return answer;
    } catch (error) {
      const code = (error as { rpcErrorCode?: string }).rpcErrorCode;
      this.#error('call', `${call.method}: ${code ? `${code} ` : ''}${(error as Error).message}`);
      return null;
    }
  }

  #handleRequests(): void {
    const { remoteStart, remoteStop } = this.#protocol;
    const answer = (action: string, status: string) => {
      this.#options.stats.requestsReceived++;
      this.#emit({ type: 'request', charger: this.identity, action, status });
      return { status };
    };
    this.#client.handle(remoteStart.method, async ({ params }) => {
      const request = remoteStart.read(params ?? {});
      const connector = request.connector ?? this.#freeConnector();
      if (connector === undefined || connector > this.#options.plan.connectors || this.#transactions.has(connector)) return answer(remoteStart.method, 'Rejected');
      // The answer goes first; the transaction follows (1.6 §5.11, 2.0.1 F01).
      const remote = request.remoteStartId === undefined ? {} : { remoteStartId: request.remoteStartId };
      setImmediate(() => void this.#serial(() => this.#begin(connector, { uid: request.uid, tokenType: request.tokenType }, remote)));
      return answer(remoteStart.method, 'Accepted');
    });
    this.#client.handle(remoteStop.method, async ({ params }) => {
      const id = remoteStop.read(params ?? {});
      const connector = [...this.#transactions.values()].find((t) => t.id === id)?.connector;
      if (connector === undefined) return answer(remoteStop.method, 'Rejected');
      setImmediate(() => void this.#serial(() => this.#stop(connector, 'Remote')));
      return answer(remoteStop.method, 'Accepted');
    });
    for (const [action, status] of Object.entries(GRANTED)) this.#client.handle(action, async () => answer(action, status));
  }

  #freeConnector(): number | undefined {
    for (let c = 1; c <= this.#options.plan.connectors; c++) if (!this.#transactions.has(c)) return c;
    return undefined;
  }

  #closed(code: number | undefined): void {
    this.#checker.forgetPending();
    if (!this.#online) return;
    this.#online = false;
    this.#options.stats.disconnected();
    if (!this.#closing) this.#error('connection', `the CSMS closed the connection (code ${code ?? 'none'})`);
  }

  #serial<T>(action: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(action, action);
    this.#tail = next.catch(() => undefined);
    return next;
  }

  #error(kind: SimErrorKind, message: string): void {
    this.#options.stats.error(kind, this.identity, message);
    this.#emit({ type: 'error', charger: this.identity, kind, message });
  }

  #emit(event: SimEvent): void {
    this.#options.onEvent?.(event);
  }
}
