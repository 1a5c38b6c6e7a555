import { readFileSync } from 'node:fs';
import { ConfigError } from '../../config/config-error.js';
import type { Config } from '../../config/config-schema.js';
import { parsePartyIdentity } from '../../ids/party-id.js';
import type { PartyRef } from '../../ocpi/headers.js';
import type { Tariff } from '../../ocpi/types/tariffs.js';
import { OcppGateway } from '../../ocpp/ocpp-gateway.js';
import { OcppTlsListener } from '../../ocpp/ocpp-tls-listener.js';
import { RetentionSchedule } from '../../store/retention.js';
import { ChargerMessageLog, type SessionMessages } from '../charger-messages/charger-message-log.js';
import { chargerMessagesApi } from '../charger-messages/charger-messages-api.js';
import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import type { AuthorizationService } from '../authorization/authorization-service.js';
import { AnswerFromOutside } from '../commands/charger-port.js';
import type { LocationService } from '../locations/location-service.js';
import type { SessionService } from '../sessions/session-service.js';
import { ChargerAuthorizer } from './charger-authorizer.js';
import { ChargerEventHandler } from './charger-event-handler.js';
import { ChargerRegistry } from './charger-registry.js';
import { ChargerRepository } from './charger-repository.js';
import { ChargerStateRepository } from './charger-state-repository.js';
import { ChargerTransactions } from './charger-transactions.js';
import { chargersApi } from './chargers-api.js';
import { EvseStatuses } from './evse-statuses.js';
import { OcppChargerPort } from './ocpp-charger-port.js';
import { RemoteStarts } from './remote-starts.js';

export interface ChargerModuleDeps {
  locations: LocationService;
  sessions: SessionService;
  authorization: AuthorizationService;
  tariff(party: PartyRef, id: string): Promise<Tariff | null>;
}

/** How often open transactions are checked against the stop timeout. */
const STOP_TIMEOUT_SWEEP_MS = 60_000;

/**
 * The CPO's chargers: the OCPP gateway at `/ocpp/{charge_box_id}` on the service's own HTTP
 * server, the charger registry and its admin routes, the sessions and EVSE statuses chargers
 * drive, the ChargerPort that turns OCPI commands into OCPP requests, and the sweep that closes
 * transactions whose charger never sent the stop.
 */
export function cpoChargersModule(
  context: ModuleContext,
  deps: ChargerModuleDeps,
): ServiceModule & { port: OcppChargerPort; gateway: OcppGateway; transactions: ChargerTransactions; tls: OcppTlsListener | null; sessionMessages: SessionMessages } {
  const { config } = context;
  const repository = new ChargerRepository(context.db);
  const state = new ChargerStateRepository(context.db);
  const registry = new ChargerRegistry(repository, deps.locations, {
    autoRegistration: config.chargerAutoRegistration === undefined ? null : parsePartyIdentity(config.chargerAutoRegistration),
    accepted: (identity) => gateway.disconnect(identity),
  });
  const remoteStarts = new RemoteStarts(state);
  const authorizer = new ChargerAuthorizer(deps.authorization, remoteStarts);
  const transactions = new ChargerTransactions({
    repository,
    sessions: deps.sessions,
    locations: deps.locations,
    tariff: deps.tariff,
    authorizer,
    log: context.log,
    meterIntervalMs: config.chargerMeterIntervalSeconds * 1000,
    stopTimeoutMs: config.chargerStopTimeoutMinutes * 60_000,
  });
  const messages = new ChargerMessageLog(context.db, context.log);
  const messageRetention = new RetentionSchedule('OCPP message log', config.logRetentionDays, (before) => messages.prune(before), context.log);
  const events = new ChargerEventHandler({ repository, statuses: new EvseStatuses(deps.locations, state, context.log), authorizer, transactions, log: context.log });
  const gateway = new OcppGateway({
    admit: (identity, password) => registry.admit(identity, password),
    events,
    log: context.log,
    heartbeatIntervalSeconds: config.chargerHeartbeatIntervalSeconds,
    callTimeoutMs: config.commandTimeoutSeconds * 1000,
    frames: messages,
  });
  const tls = config.ocppTls ? tlsListener(gateway, config.ocppTls, config.host) : null;
  let sweeper: NodeJS.Timeout | null = null;
  let sweeping: Promise<unknown> | null = null;
  const port = new OcppChargerPort({
    link: gateway,
    registry,
    repository,
    remoteStarts,
    fallback: new AnswerFromOutside(config.commandTimeoutSeconds),
    timeoutSeconds: config.commandTimeoutSeconds,
    log: context.log,
  });
  return {
    name: 'cpo-chargers',
    port,
    gateway,
    transactions,
    tls,
    // The OCPP side of a session's trace: the frames of the transaction that drove it.
    sessionMessages: async (party, sessionId) => {
      const transaction = await repository.transactionOfSession(party, sessionId);
      if (!transaction) return [];
      return messages.ofTransaction({ chargeBoxId: transaction.charger_key, transactionId: transaction.transaction_id, recordedAt: transaction.created_at, lastMessageAt: transaction.last_message_at });
    },
    mounted: [],
    adminRoutes: (scope) => {
      chargersApi(scope, { hosted: context.hosted, registry, repository, versionOf: (identity) => gateway.versionOf(identity), lastMessageAt: (identities) => messages.lastMessageAt(identities) });
      chargerMessagesApi(scope, { hosted: context.hosted, messages, isRegistered: async (party, id) => (await registry.get(party, id)) !== null || (await registry.pending(party, id)) !== null });
      // The module has no hook of its own on the HTTP server: it takes the WebSocket upgrades of
      // the server its routes are served by, and closes the chargers' sockets before Fastify waits
      // for connections to end (Fastify's preClose exists for this).
      gateway.attach(scope.server);
      // The wss:// listener opens with the service (Fastify's ready, which listen awaits) and closes with it.
      if (tls) scope.addHook('onReady', async () => tls.listen());
      scope.addHook('preClose', async () => {
        await gateway.close();
        await tls?.close();
      });
    },
    start: () => {
      sweeper = setInterval(() => {
        // One sweep at a time; `stop` waits for the one under way before the database closes.
        sweeping ??= transactions
          .closeSilent()
          .catch((error: unknown) => context.log.error({ err: error }, 'stop timeout sweep failed'))
          .finally(() => (sweeping = null));
      }, STOP_TIMEOUT_SWEEP_MS);
      messageRetention.start();
    },
    stop: async () => {
      if (sweeper) clearInterval(sweeper);
      await sweeping;
      await messageRetention.stop();
      // The gateway closed in preClose: the chargers' last frames are in the batch.
      await messages.flush();
    },
  };
}

/** The wss:// listener of `ocppTls`; a certificate or key that cannot be read or used is a configuration error. */
function tlsListener(gateway: OcppGateway, tls: NonNullable<Config['ocppTls']>, host: string): OcppTlsListener {
  const read = (field: 'certFile' | 'keyFile') => {
    try {
      return readFileSync(tls[field]);
    } catch (error) {
      throw new ConfigError(`ocppTls.${field}`, `cannot read ${tls[field]} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  };
  const [cert, key] = [read('certFile'), read('keyFile')];
  try {
    return new OcppTlsListener(gateway, { cert, key, port: tls.port, host });
  } catch (error) {
    throw new ConfigError('ocppTls', `the certificate and key cannot be used: ${(error as Error).message}`);
  }
}
