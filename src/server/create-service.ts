import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Config } from '../config/config-schema.js';
import { ADMIN_TOKEN_MISSING, adminApi, hasAdminToken } from '../api/admin-api.js';
import { peersApi } from '../api/peers-api.js';
import { serviceApi } from '../api/service-api.js';
import { ocpiTransport } from '../ocpi/fastify/ocpi-transport.js';
import { OcpiClient } from '../ocpi/ocpi-client.js';
import type { MountedInterface } from '../ocpi/versions.js';
import { outboxApi } from '../api/outbox-api.js';
import { DeliveryWorker, type DeliveryHook } from '../outbox/delivery-worker.js';
import type { RepairHook } from '../outbox/object-repair.js';
import { OutboxRepository } from '../outbox/outbox-repository.js';
import { PartnerObjectRepository } from '../partner-data/partner-object-repository.js';
import { PartnerSync } from '../partner-data/partner-sync.js';
import { SyncScheduler } from '../partner-data/sync-scheduler.js';
import { partnerSyncApi } from '../api/partner-sync-api.js';
import { credentialsOcpiRoutes } from '../peers/credentials-ocpi-routes.js';
import { CredentialsService } from '../peers/credentials-service.js';
import { HostedParties } from '../peers/hosted-parties.js';
import { PeerCallerResolver } from '../peers/peer-caller-resolver.js';
import { PeerRepository } from '../peers/peer-repository.js';
import { RegistrationService } from '../peers/registration-service.js';
import { PROMETHEUS_CONTENT_TYPE } from '../settlement/kpis/prometheus-text.js';
import { openDatabase, type OpenedDatabase } from '../store/database.js';
import { RetentionSchedule } from '../store/retention.js';
import { trafficApi } from '../traffic/traffic-api.js';
import { TrafficLog } from '../traffic/traffic-log.js';
import { dashboardFiles } from './dashboard-files.js';
import { versionsOcpiRoutes } from './versions-ocpi-routes.js';
import { PACKAGE_VERSION } from './package-version.js';
import { createModules } from './modules.js';
import type { ServiceModule } from './service-module.js';

export interface Service {
  app: FastifyInstance;
  database: OpenedDatabase;
  config: Config;
  modules: readonly ServiceModule[];
  delivery: DeliveryWorker;
  /** Stops taking requests, lets those in flight finish, then closes the database. */
  close(): Promise<void>;
}

const OCPI_VERSION = '2.2.1';

const CREDENTIALS: MountedInterface = { identifier: 'credentials', role: 'SENDER', path: 'credentials', servesRoles: ['CPO', 'EMSP', 'HUB'] };

export interface ServiceOptions {
  /** Run the outbox delivery worker and module jobs (default). Tests that drive delivery by hand turn it off. */
  background?: boolean;
}

/** Builds the whole service from its configuration: storage, OCPI, admin API, health, background work. */
export async function createService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const database = await openDatabase(config.database);
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Credentials tokens and the admin token never reach the logs.
      redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.token'], censor: '[redacted]' },
    },
    bodyLimit: config.bodyLimit,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: true,
  });

  const hosted = new HostedParties(config.parties);
  let resolver: PeerCallerResolver | null = null;
  const peers = new PeerRepository(database.db, () => resolver?.forget());
  resolver = new PeerCallerResolver(peers, hosted);
  const callers = resolver;
  const traffic = new TrafficLog(database.db, app.log);
  const trafficRetention = new RetentionSchedule('OCPI traffic log', config.logRetentionDays, (before) => traffic.prune(before), app.log);
  const client = new OcpiClient({ timeoutMs: config.requestTimeoutMs, userAgent: `evroam/${PACKAGE_VERSION}`, traffic });
  const ocpiBaseUrl = `${config.publicUrl}/ocpi`;
  const versionsUrl = `${ocpiBaseUrl}/versions`;
  const credentials = new CredentialsService({ peers, hosted, client, versionsUrl, log: app.log });
  const registration = new RegistrationService({ peers, hosted, client, credentials, versionsUrl, log: app.log });
  const outbox = new OutboxRepository(database.db);
  const partnerObjects = new PartnerObjectRepository(database.db);
  const partnerSync = new PartnerSync({ db: database.db, peers, client, objects: partnerObjects, log: app.log });
  let delivery: DeliveryWorker | null = null;
  const modules = createModules({
    db: database.db,
    peers,
    hosted,
    client,
    config,
    log: app.log,
    wakeOutbox: () => delivery?.wake(),
    ocpiVersionUrl: `${ocpiBaseUrl}/${OCPI_VERSION}`,
    partnerObjects,
    partnerSync,
    traffic,
  });
  const hooks = Object.assign({}, ...modules.map((m) => m.deliveryHooks ?? {})) as Record<string, DeliveryHook>;
  const repairs = Object.assign({}, ...modules.map((m) => m.repairHooks ?? {})) as Record<string, RepairHook>;
  delivery = new DeliveryWorker({ outbox, peers, client, log: app.log, hooks, repairs, perPeer: config.partnerDeliveryConcurrency });
  const mounted = [CREDENTIALS, ...modules.flatMap((m) => m.mounted)];

  app.get('/health', async (_request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ok', version: PACKAGE_VERSION, database: database.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', version: PACKAGE_VERSION, database: database.kind });
    }
  });

  // Where Prometheus looks by default. Behind the admin token unless `metricsAuth` is `none` (docs/CONFIGURATION.md).
  app.get('/metrics', async (request, reply) => {
    if (config.metricsAuth === 'admin-token' && !hasAdminToken(request.headers.authorization, config.adminToken)) {
      return reply.code(401).send({ error: { status: 401, message: ADMIN_TOKEN_MISSING } });
    }
    const texts = await Promise.all(modules.map((m) => m.metrics?.() ?? ''));
    return reply.type(PROMETHEUS_CONTENT_TYPE).send(texts.join(''));
  });

  await app.register(
    async (ocpi) => {
      await ocpiTransport(ocpi, { resolver: callers, traffic });
      versionsOcpiRoutes(ocpi, ocpiBaseUrl, mounted);
      credentialsOcpiRoutes(ocpi, `/${OCPI_VERSION}/credentials`, credentials);
      await ocpi.register(
        async (version) => {
          for (const module of modules) module.ocpiRoutes?.(version);
        },
        { prefix: `/${OCPI_VERSION}` },
      );
    },
    { prefix: '/ocpi' },
  );

  await app.register(
    async (api) => {
      await adminApi(api, { adminToken: config.adminToken });
      peersApi(api, peers, registration);
      outboxApi(api, outbox, () => delivery.wake());
      partnerSyncApi(api, { sync: partnerSync, specs: modules.flatMap((m) => m.pulls ?? []), peers, hosted });
      trafficApi(api, traffic);
      serviceApi(api, { version: PACKAGE_VERSION, publicUrl: config.publicUrl, hosted });
      for (const module of modules) module.adminRoutes?.(api);
    },
    { prefix: '/api' },
  );
  await dashboardFiles(app);

  const scheduler = new SyncScheduler(
    { db: database.db, peers, hosted, sync: partnerSync, specs: modules.flatMap((m) => m.pulls ?? []), log: app.log },
    { intervalMs: config.syncIntervalMinutes * 60_000, retryMs: 10 * 60_000, checkEveryMs: 60_000 },
  );
  if (options.background ?? true) {
    delivery.start();
    scheduler.start();
    trafficRetention.start();
    for (const module of modules) module.start?.();
  }

  let closing: Promise<void> | null = null;
  const worker = delivery;
  return {
    app,
    database,
    config,
    modules,
    delivery: worker,
    close: () => {
      closing ??= (async () => {
        await app.close();
        await worker.stop();
        await scheduler.stop();
        for (const module of modules) await module.stop?.();
        await trafficRetention.stop();
        // Requests answered or sent while stopping are in the log too.
        await traffic.flush();
        await database.close();
      })();
      return closing;
    },
  };
}
