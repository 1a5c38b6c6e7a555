import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config/config-schema.js';
import type { OcpiClient } from '../ocpi/ocpi-client.js';
import type { MountedInterface } from '../ocpi/versions.js';
import type { DeliveryHook } from '../outbox/delivery-worker.js';
import type { RepairHook } from '../outbox/object-repair.js';
import type { PartnerObjectRepository } from '../partner-data/partner-object-repository.js';
import type { PartnerSync, PullSpec } from '../partner-data/partner-sync.js';
import type { HostedParties } from '../peers/hosted-parties.js';
import type { PeerRepository } from '../peers/peer-repository.js';
import type { Database } from '../store/database.js';
import type { TrafficLog } from '../traffic/traffic-log.js';

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
  /** Every OCPI request received and sent (the operator's traffic log). */
  traffic: TrafficLog;
}

/**
 * One functional area of the service (e.g. CPO tariffs, eMSP tokens): the OCPI interfaces it mounts
 * (which version details list), its OCPI and admin routes, delivery and repair hooks and background jobs.
 */
export interface ServiceModule {
  name: string;
  mounted: readonly MountedInterface[];
  /** Routes below `/ocpi/2.2.1`; paths start with the `path` of a mounted interface. */
  ocpiRoutes?(scope: FastifyInstance): void;
  /** Routes below `/api`. */
  adminRoutes?(scope: FastifyInstance): void;
  deliveryHooks?: Record<string, DeliveryHook>;
  /** Per outbox message kind this module sends: the PUT of the whole object that replaces one a partner answered "unknown object". */
  repairHooks?: Record<string, RepairHook>;
  /** This module's figures in the Prometheus text format, served at `/metrics` (and `/api/metrics`). */
  metrics?(): Promise<string>;
  /** Pulls of partners' Sender lists this module stores (run by `/api/peers/:id/pull` and on schedule). */
  pulls?: readonly PullSpec[];
  /** Starts background jobs (scheduled pulls, timeouts); `stop` ends them before the database closes. */
  start?(): void;
  stop?(): Promise<void>;
}
