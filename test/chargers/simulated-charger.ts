import ocppRpc from 'ocpp-rpc';
import { OCPP16, OCPP20 } from 'typed-ocpp';

const { RPCClient } = ocppRpc;

export type SimulatedVersion = '1.6' | '2.0.1';

type Handler = (params: Record<string, unknown>) => Record<string, unknown>;

export interface SimulatedChargerOptions {
  /** `ws://HOST:PORT/ocpp` */
  endpoint: string;
  identity: string;
  version: SimulatedVersion;
  password?: string;
  /** Certificates (PEM) to trust for a `wss://` endpoint. */
  ca?: Buffer;
  /** Answers to the CSMS's requests (RemoteStartTransaction, …); unhandled ones get NotImplemented. */
  handlers?: Record<string, Handler>;
}

/**
 * A charger for tests, on ocpp-rpc's client. Every frame it receives is checked against the
 * official schemas with typed-ocpp, a validator independent of the one the server uses, so a
 * schema slip on our side shows up as a `problems` entry instead of being masked.
 */
export class SimulatedCharger {
  readonly problems: string[] = [];
  /** Requests the CSMS sent, in order: `[method, params]`. */
  readonly requests: Array<[string, Record<string, unknown>]> = [];
  readonly #client: InstanceType<typeof RPCClient>;
  readonly #sent = new Map<string, unknown[]>();
  readonly #validator: typeof OCPP16 | typeof OCPP20;

  private constructor(readonly options: SimulatedChargerOptions) {
    this.#validator = options.version === '1.6' ? OCPP16 : OCPP20;
    this.#client = new RPCClient({
      endpoint: options.endpoint,
      identity: options.identity,
      protocols: [options.version === '1.6' ? 'ocpp1.6' : 'ocpp2.0.1'],
      strictMode: false,
      reconnect: false,
      ...(options.password !== undefined && { password: options.password }),
      ...(options.ca !== undefined && { wsOpts: { ca: options.ca } }),
    } as ConstructorParameters<typeof RPCClient>[0]);
    this.#client.on('message', ({ message, outbound }: { message: string; outbound: boolean }) => this.#check(JSON.parse(message) as unknown[], outbound));
    for (const [method, handler] of Object.entries(options.handlers ?? {})) {
      this.#client.handle(method, async ({ params }) => {
        this.requests.push([method, params ?? {}]);
        return handler(params ?? {});
      });
    }
  }

  static async connect(options: SimulatedChargerOptions): Promise<SimulatedCharger> {
    const charger = new SimulatedCharger(options);
    await charger.#client.connect();
    return charger;
  }

  get protocol(): string | undefined {
    return this.#client.protocol;
  }

  async call<T = Record<string, unknown>>(method: string, params: Record<string, unknown>): Promise<T> {
    return (await this.#client.call(method, params)) as T;
  }

  async close(): Promise<void> {
    await this.#client.close({ code: 1000 });
  }

  #check(frame: unknown[], outbound: boolean): void {
    if (outbound) {
      if (frame[0] === 2) this.#sent.set(String(frame[1]), frame);
      return;
    }
    const validator = this.#validator as typeof OCPP16;
    if (frame[0] === 3) {
      const call = this.#sent.get(String(frame[1]));
      if (!call) this.problems.push(`result to an unknown call ${String(frame[1])}`);
      else if (!validator.checkCallResult(frame as never, call as never)) this.problems.push(`${String(call[2])} result: ${JSON.stringify(validator.checkCallResult.errors)}`);
    } else if (!validator.validate(frame)) {
      this.problems.push(`${JSON.stringify(frame)}: ${JSON.stringify(validator.validate.errors)}`);
    }
  }
}
