import type { FastifyBaseLogger } from 'fastify';
import type { ChargerEvents, ChargerRef, OcppVersion } from './charger-events.js';
import type { ChargerRequest } from './charger-requests.js';

export type GatewayLog = Pick<FastifyBaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

/** The part of an ocpp-rpc connection an adapter registers its handlers on. */
export interface RpcHandlers {
  handle(method: string, handler: (call: { params?: Record<string, unknown> }) => Promise<Record<string, unknown>>): void;
}

export interface AdapterOptions {
  log: GatewayLog;
  /** Heartbeat interval the charger is told when its boot is accepted. */
  heartbeatIntervalSeconds: number;
  /** When a charger whose boot was not accepted is to boot again (BootNotification `interval`). */
  bootRetryIntervalSeconds: number;
}

/** One OCPP version: its subprotocol, the handlers that turn its messages into events, and its requests. */
export interface VersionAdapter {
  version: OcppVersion;
  subprotocol: string;
  bind(rpc: RpcHandlers, charger: ChargerRef, events: ChargerEvents, options: AdapterOptions): void;
  /** The OCPP call for a request: method and payload. */
  request(request: ChargerRequest): { method: string; params: Record<string, unknown> };
}

/**
 * Runs a handler and answers `fallback` when it fails, after logging: a charger answered with a
 * CALLERROR retries transaction messages again and again, and a failure on our side is not cured
 * by the charger sending the same message again.
 */
export async function answerAlways<T>(log: GatewayLog, charger: ChargerRef, action: string, fallback: T, handle: () => Promise<T>): Promise<T> {
  try {
    return await handle();
  } catch (error) {
    log.error({ err: error, charger: charger.identity, action }, 'charger message could not be processed; answered regardless');
    return fallback;
  }
}
