import type { FastifyBaseLogger } from 'fastify';
import { OcpiClient, type OcpiResponse } from '../ocpi/ocpi-client.js';
import { OcpiError } from '../ocpi/ocpi-error.js';
import { joinUrl } from '../ocpi/versions.js';
import { endpointUrl } from '../peers/peer.js';
import type { PeerRepository } from '../peers/peer-repository.js';
import type { OutboxRepository, OutboxRow } from './outbox-repository.js';
import { DEFAULT_RETRY_POLICY, isRetriable, retryDelayMs, type RetryPolicy } from './retry-policy.js';

/** Called after a message of a given kind was accepted, e.g. to keep a CDR's `Location`. */
export type DeliveryHook = (message: OutboxRow, response: OcpiResponse<unknown>) => Promise<void>;

export interface DeliveryWorkerOptions {
  outbox: OutboxRepository;
  peers: PeerRepository;
  client: OcpiClient;
  log: FastifyBaseLogger;
  hooks?: Record<string, DeliveryHook>;
  retry?: RetryPolicy;
  pollIntervalMs?: number;
  batchSize?: number;
  leaseMs?: number;
}

/**
 * Delivers the outbox: claims each partner's oldest message, sends it, and settles it as
 * delivered, retried later with backoff, or dead. Partners are served in parallel; one partner's
 * messages strictly one after another.
 */
export class DeliveryWorker {
  #running = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  constructor(private readonly options: DeliveryWorkerOptions) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
  }

  /** Looks for work now instead of at the next poll: called after a change commits. */
  wake(): void {
    this.#wake?.();
  }

  /** Delivers everything deliverable now; returns how many messages were attempted. Used by tests and the CLI. */
  async drain(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const claimed = await this.options.outbox.claim(this.options.batchSize ?? 20, this.options.leaseMs ?? 60_000);
      if (claimed.length === 0) return attempted;
      attempted += claimed.length;
      await Promise.all(claimed.map((m) => this.#deliver(m)));
    }
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let attempted = 0;
      try {
        attempted = await this.drain();
      } catch (error) {
        this.options.log.error({ err: error }, 'outbox delivery round failed');
      }
      if (!this.#running) break;
      if (attempted === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollIntervalMs ?? 500);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = null;
      }
    }
  }

  async #deliver(message: OutboxRow): Promise<void> {
    const { outbox, peers, client, log } = this.options;
    const peer = await peers.findById(message.peer_id);
    if (!peer || peer.status !== 'REGISTERED' || !peer.outgoingToken) {
      await outbox.failed(message.id, `partner ${message.peer_id} is not registered`, null, null);
      return;
    }
    const base = message.target_url ?? endpointUrl(peer, message.module, message.interface_role);
    if (!base) {
      await outbox.failed(message.id, `partner published no ${message.module} ${message.interface_role} endpoint`, null, null);
      return;
    }
    let url = message.target_url ?? joinUrl(base, ...message.path);
    if (message.query) url += `?${new URLSearchParams(message.query).toString()}`;
    try {
      const response = await client.request<unknown>(message.method, url, {
        token: peer.outgoingToken,
        encoding: peer.outgoingTokenEncoding,
        routing: { from: { countryCode: message.from_country_code, partyId: message.from_party_id }, to: { countryCode: message.to_country_code, partyId: message.to_party_id } },
      }, message.body ?? undefined);
      await outbox.delivered(message.id, response.httpStatus, response.headers.get('location'));
      const hook = this.options.hooks?.[message.kind];
      if (hook) await hook(message, response);
    } catch (error) {
      const ocpi = error instanceof OcpiError ? error : null;
      const reason = error instanceof Error ? error.message : String(error);
      const policy = this.options.retry ?? DEFAULT_RETRY_POLICY;
      const retriable = isRetriable(ocpi?.statusCode ?? null, ocpi?.httpStatus ?? null) && message.attempts < policy.maxAttempts;
      const retryAt = retriable ? new Date(Date.now() + retryDelayMs(policy, message.attempts)) : null;
      await outbox.failed(message.id, reason, ocpi?.httpStatus ?? null, retryAt);
      log.warn({ outboxId: message.id, kind: message.kind, peerId: message.peer_id, attempts: message.attempts, retryAt, reason }, retryAt ? 'delivery failed; will retry' : 'delivery failed; dead letter');
    }
  }
}
