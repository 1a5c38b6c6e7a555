import type { FastifyBaseLogger } from 'fastify';
import { OcpiClient, type OcpiResponse } from '../ocpi/ocpi-client.js';
import { OcpiError } from '../ocpi/ocpi-error.js';
import { joinUrl } from '../ocpi/versions.js';
import { endpointUrl } from '../peers/peer.js';
import type { PeerRepository } from '../peers/peer-repository.js';
import { isUnknownObject, type RepairHook } from './object-repair.js';
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
  /** Per message kind: the PUT of the whole object that replaces a message the partner could not apply for want of the object. */
  repairs?: Record<string, RepairHook>;
  retry?: RetryPolicy;
  pollIntervalMs?: number;
  /** Deliveries in flight at once, over all partners. */
  maxInFlight?: number;
  /** Deliveries in flight at once to one partner (each about another object). */
  perPeer?: number;
  leaseMs?: number;
}

/**
 * Delivers the outbox: claims the oldest unfinished message of each receiving party and object,
 * sends it, and settles it as delivered, retried later with backoff, replaced by a PUT of the
 * whole object, or dead. Messages about one object go strictly one after another; different
 * objects and partners are served side by side, up to `perPeer` deliveries to one partner.
 */
export class DeliveryWorker {
  #running = false;
  #stopping = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  constructor(private readonly options: DeliveryWorkerOptions) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stopping = false;
    this.#loop = this.#run();
  }

  /** Claims nothing more and waits for the deliveries under way. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
  }

  /** Looks for work now instead of at the next poll: called after a change commits. */
  wake(): void {
    this.#wake?.();
  }

  /**
   * Delivers everything deliverable now; returns how many messages were attempted. Used by the
   * worker's loop, tests and the CLI. A slot that frees up is filled at once, so one slow partner
   * or object does not hold the others back.
   */
  async drain(): Promise<number> {
    const { outbox, log } = this.options;
    const inFlight = new Set<Promise<void>>();
    let attempted = 0;
    for (;;) {
      const free = this.#stopping ? 0 : (this.options.maxInFlight ?? 32) - inFlight.size;
      const claimed = await outbox.claim(free, this.options.leaseMs ?? 60_000, this.options.perPeer ?? 8);
      attempted += claimed.length;
      for (const message of claimed) {
        const delivery: Promise<void> = this.#deliver(message)
          .catch((error: unknown) => log.error({ err: error, outboxId: message.id }, 'outbox delivery failed to settle'))
          .finally(() => inFlight.delete(delivery));
        inFlight.add(delivery);
      }
      if (inFlight.size === 0) return attempted;
      // A finished delivery frees a slot and may unblock its object's next message. New messages
      // wait for that or the poll interval: claiming at every wake() (each change that commits)
      // would cost a query per change while the partners' slots are full anyway.
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.options.pollIntervalMs ?? 500);
        for (const delivery of inFlight) void delivery.then(resolve);
      });
      clearTimeout(timer);
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
      if (ocpi && isUnknownObject(ocpi.statusCode, ocpi.httpStatus) && (await this.#repair(message, reason, ocpi.httpStatus))) return;
      const policy = this.options.retry ?? DEFAULT_RETRY_POLICY;
      const retriable = isRetriable(ocpi?.statusCode ?? null, ocpi?.httpStatus ?? null) && message.attempts < policy.maxAttempts;
      const retryAt = retriable ? new Date(Date.now() + retryDelayMs(policy, message.attempts)) : null;
      await outbox.failed(message.id, reason, ocpi?.httpStatus ?? null, retryAt);
      log.warn({ outboxId: message.id, kind: message.kind, peerId: message.peer_id, attempts: message.attempts, retryAt, reason }, retryAt ? 'delivery failed; will retry' : 'delivery failed; dead letter');
    }
  }

  /**
   * The partner does not hold the object a message changes (a PATCH after it lost the object, or
   * before our PUT ever reached it): the message becomes a PUT of the whole object as it is now,
   * from the module that owns it, sent next. Later messages of the object then apply on top.
   */
  async #repair(message: OutboxRow, reason: string, httpStatus: number): Promise<boolean> {
    const hook = this.options.repairs?.[message.kind];
    const replacement = hook ? await hook(message) : null;
    if (!replacement) return false;
    await this.options.outbox.replace(message.id, replacement, reason, httpStatus);
    this.options.log.info({ outboxId: message.id, kind: message.kind, replacement: replacement.kind, peerId: message.peer_id, reason }, 'partner lacks the object; sending it whole');
    return true;
  }
}
