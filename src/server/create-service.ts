import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Config } from '../config/config-schema.js';
import { adminApi } from '../api/admin-api.js';
import { peersApi } from '../api/peers-api.js';
import { ocpiTransport } from '../ocpi/fastify/ocpi-transport.js';
import { OcpiClient } from '../ocpi/ocpi-client.js';
import type { MountedInterface } from '../ocpi/versions.js';
import { credentialsOcpiRoutes } from '../peers/credentials-ocpi-routes.js';
import { CredentialsService } from '../peers/credentials-service.js';
import { HostedParties } from '../peers/hosted-parties.js';
import { PeerCallerResolver } from '../peers/peer-caller-resolver.js';
import { PeerRepository } from '../peers/peer-repository.js';
import { RegistrationService } from '../peers/registration-service.js';
import { openDatabase, type OpenedDatabase } from '../store/database.js';
import { versionsOcpiRoutes } from './versions-ocpi-routes.js';
import { PACKAGE_VERSION } from './package-version.js';

export interface Service {
  app: FastifyInstance;
  database: OpenedDatabase;
  config: Config;
  /** Stops taking requests, lets those in flight finish, then closes the database. */
  close(): Promise<void>;
}

const OCPI_VERSION = '2.2.1';

/** Every module interface this build mounts; version details are derived from this list. */
const MOUNTED: readonly MountedInterface[] = [{ identifier: 'credentials', role: 'SENDER', path: 'credentials', servesRoles: ['CPO', 'EMSP', 'HUB'] }];

/** Builds the whole service from its configuration: storage, OCPI, admin API, health. */
export async function createService(config: Config): Promise<Service> {
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
  const peers = new PeerRepository(database.db);
  const client = new OcpiClient({ timeoutMs: config.requestTimeoutMs, userAgent: `evroam/${PACKAGE_VERSION}` });
  const ocpiBaseUrl = `${config.publicUrl}/ocpi`;
  const versionsUrl = `${ocpiBaseUrl}/versions`;
  const credentials = new CredentialsService({ peers, hosted, client, versionsUrl, log: app.log });
  const registration = new RegistrationService({ peers, hosted, client, credentials, versionsUrl, log: app.log });

  app.get('/health', async (_request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ok', version: PACKAGE_VERSION, database: database.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', version: PACKAGE_VERSION, database: database.kind });
    }
  });

  await app.register(
    async (ocpi) => {
      await ocpiTransport(ocpi, { resolver: new PeerCallerResolver(peers, hosted) });
      versionsOcpiRoutes(ocpi, ocpiBaseUrl, MOUNTED);
      credentialsOcpiRoutes(ocpi, `/${OCPI_VERSION}/credentials`, credentials);
    },
    { prefix: '/ocpi' },
  );

  await app.register(
    async (api) => {
      await adminApi(api, { adminToken: config.adminToken });
      peersApi(api, peers, registration);
    },
    { prefix: '/api' },
  );

  let closing: Promise<void> | null = null;
  return {
    app,
    database,
    config,
    close: () => {
      closing ??= (async () => {
        await app.close();
        await database.close();
      })();
      return closing;
    },
  };
}
