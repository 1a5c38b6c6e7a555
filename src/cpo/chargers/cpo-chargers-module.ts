import type { PartyRef } from '../../ocpi/headers.js';
import type { Tariff } from '../../ocpi/types/tariffs.js';
import { OcppGateway } from '../../ocpp/ocpp-gateway.js';
import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import type { AuthorizationService } from '../authorization/authorization-service.js';
import { AnswerFromOutside } from '../commands/charger-port.js';
import type { LocationService } from '../locations/location-service.js';
import type { SessionService } from '../sessions/session-service.js';
import { ChargerAuthorizer } from './charger-authorizer.js';
import { ChargerEventHandler } from './charger-event-handler.js';
import { ChargerRegistry } from './charger-registry.js';
import { ChargerRepository } from './charger-repository.js';
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
export function cpoChargersModule(context: ModuleContext, deps: ChargerModuleDeps): ServiceModule & { port: OcppChargerPort; gateway: OcppGateway; transactions: ChargerTransactions } {
  const { config } = context;
  const repository = new ChargerRepository(context.db);
  const registry = new ChargerRegistry(repository, deps.locations);
  const remoteStarts = new RemoteStarts();
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
  const events = new ChargerEventHandler({ repository, statuses: new EvseStatuses(deps.locations, context.log), authorizer, transactions, log: context.log });
  const gateway = new OcppGateway({
    admit: (identity, password) => registry.admit(identity, password),
    events,
    log: context.log,
    heartbeatIntervalSeconds: config.chargerHeartbeatIntervalSeconds,
    callTimeoutMs: config.commandTimeoutSeconds * 1000,
  });
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
    mounted: [],
    adminRoutes: (scope) => {
      chargersApi(scope, { hosted: context.hosted, registry, repository, versionOf: (identity) => gateway.versionOf(identity) });
      // The module has no hook of its own on the HTTP server: it takes the WebSocket upgrades of
      // the server its routes are served by, and closes the chargers' sockets before Fastify waits
      // for connections to end (Fastify's preClose exists for this).
      gateway.attach(scope.server);
      scope.addHook('preClose', async () => gateway.close());
    },
    start: () => {
      sweeper = setInterval(() => {
        // One sweep at a time; `stop` waits for the one under way before the database closes.
        sweeping ??= transactions
          .closeSilent()
          .catch((error: unknown) => context.log.error({ err: error }, 'stop timeout sweep failed'))
          .finally(() => (sweeping = null));
      }, STOP_TIMEOUT_SWEEP_MS);
    },
    stop: async () => {
      if (sweeper) clearInterval(sweeper);
      await sweeping;
    },
  };
}
