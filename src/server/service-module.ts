import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config/config-schema.js';
import type { OcpiClient } from '../ocpi/ocpi-client.js';
import type { MountedInterface } from '../ocpi/versions.js';
import type { DeliveryHook } from '../outbox/delivery-worker.js';
import type { PartnerObjectRepository } from '../partner-data/partner-object-repository.js';
import type { PartnerSync, PullSpec } from '../partner-data/partner-sync.js';
import type { HostedParties } from '../peers/hosted-parties.js';
import type { PeerRepository } from '../peers/peer-repository.js';
import type { Database } from '../store/database.js';

/** What every module is built from: shared services, never another module's tables. */
export interface ModuleContext {
  db: Database;
  peers: PeerRepository;
  hosted: HostedParties;
  client: OcpiClient;
  config: Config;
  log: FastifyBaseLogger;
  /** Nudges the delivery worker after a transaction that wrote outbox messages has committed. */
  wakeOutbox(): void;
  /** Base URL of this build's OCPI version, e.g. `https://host/ocpi/2.2.1`. */
  ocpiVersionUrl: string;
  /** Partner-owned objects we hold (their locations, tariffs, tokens). */
  partnerObjects: PartnerObjectRepository;
  partnerSync: PartnerSync;
}

/**
 * One functional area of the service (e.g. CPO tariffs, eMSP tokens): the OCPI interfaces it mounts
 * (which version details list), its OCPI and admin routes, delivery hooks and background jobs.
 */
export interface ServiceModule {
  name: string;
  mounted: readonly MountedInterface[];
  /** Routes below `/ocpi/2.2.1`; paths start with the `path` of a mounted interface. */
  ocpiRoutes?(scope: FastifyInstance): void;
  /** Routes below `/api`. */
  adminRoutes?(scope: FastifyInstance): void;
  deliveryHooks?: Record<string, DeliveryHook>;
  /** Pulls of partners' Sender lists this module stores (run by `/api/peers/:id/pull` and on schedule). */
  pulls?: readonly PullSpec[];
  /** Starts background jobs (scheduled pulls, timeouts); `stop` ends them before the database closes. */
  start?(): void;
  stop?(): Promise<void>;
}
