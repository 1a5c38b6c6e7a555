import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { OcppGateway } from './ocpp-gateway.js';

export interface OcppTlsOptions {
  /** PEM certificate (chain) and private key of the server. */
  cert: Buffer;
  key: Buffer;
  port: number;
  host: string;
}

/**
 * A `wss://` endpoint for the gateway on its own port: OCPP security profile 2 (TLS with the
 * server's certificate, HTTP Basic per charger) without a TLS proxy in front. It serves only the
 * WebSocket upgrades of `/ocpp/{id}`, admitted by the same rules as the plain endpoint; TLS 1.2
 * is the least it accepts (Node's default minimum, and what the OCPP security whitepaper asks).
 */
export class OcppTlsListener {
  readonly #server: Server;
  readonly #options: OcppTlsOptions;

  /** Throws when the certificate or key cannot be used. */
  constructor(gateway: OcppGateway, options: OcppTlsOptions) {
    this.#options = options;
    this.#server = createServer({ cert: options.cert, key: options.key, minVersion: 'TLSv1.2' }, (_request, response) => {
      response.writeHead(426, { connection: 'Upgrade', upgrade: 'websocket' }).end('Chargers connect here with a WebSocket upgrade to /ocpp/{charge_box_id}\n');
    });
    gateway.attach(this.#server);
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#options.port, this.#options.host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
  }

  /** The port it listens on (the one the system chose when configured with 0). */
  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** Stops listening; the gateway closes the charger sockets themselves. */
  async close(): Promise<void> {
    if (!this.#server.listening) return;
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }
}
