import type { DeliveryHook } from '../outbox/delivery-worker.js';
import { PACKAGE_VERSION } from '../server/package-version.js';
import type { ModuleContext, ServiceModule } from '../server/service-module.js';
import { RetentionSchedule } from '../store/retention.js';
import { AgreementBook } from './agreement-book.js';
import { BROADCAST_KIND, Broadcaster } from './broadcaster.js';
import { ClientInfoService } from './client-info-service.js';
import { Forwarder } from './forwarder.js';
import { hubApi } from './hub-api.js';
import { HUB_INTERFACES } from './hub-interfaces.js';
import { hubOcpiRoutes } from './hub-ocpi-routes.js';
import { hubPullSpecs } from './hub-pulls.js';
import { HubRouter, objectId } from './hub-router.js';
import { MergedLists } from './merged-lists.js';
import { MessageLog } from './message-log.js';
import { PushedObjects } from './pushed-objects.js';
import { RoutingTable } from './routing-table.js';
import { UrlStandIns } from './url-stand-ins.js';

export interface HubTiming {
  /** How often registrations are compared with the published ClientInfo. */
  reconcileEveryMs: number;
  /** How often OFFLINE platforms (and CONNECTED ones silent for `silentAfterMs`) are probed. */
  probeEveryMs: number;
  silentAfterMs: number;
}

const DEFAULT_TIMING: HubTiming = { reconcileEveryMs: 1000, probeEveryMs: 5000, silentAfterMs: 5 * 60_000 };

export type HubModule = ServiceModule & { router: HubRouter; clients: ClientInfoService; agreements: AgreementBook; messages: MessageLog };

/**
 * The HUB role (OCPI 2.2.1 "Message routing", "HubClientInfo"): a HUB party's version details list
 * every routed module in both roles and HubClientInfo; requests are forwarded between the platforms
 * connected to it under the roaming agreements, broadcast, or answered from what passed through;
 * connection statuses are tracked and pushed; everything is logged for support.
 */
export function hubModule(context: ModuleContext, timing: HubTiming = DEFAULT_TIMING): HubModule {
  const hubs = context.hosted.all.filter((p) => p.roles.includes('HUB'));
  const routing = new RoutingTable(context.peers);
  const agreements = new AgreementBook(context.db);
  const clients = new ClientInfoService({ db: context.db, routing, agreements, client: context.client, wakeOutbox: context.wakeOutbox, log: context.log }, { silentAfterMs: timing.silentAfterMs });
  const pushed = new PushedObjects(context.partnerObjects, context.log);
  const messages = new MessageLog(context.db, context.log);
  const messageRetention = new RetentionSchedule('hub message log', context.config.logRetentionDays, (before) => messages.prune(before), context.log);
  const router = new HubRouter({
    peers: context.peers,
    routing,
    agreements,
    clients,
    forwarder: new Forwarder({ timeoutMs: context.config.requestTimeoutMs, userAgent: `evroam/${PACKAGE_VERSION}` }),
    standIns: new UrlStandIns(context.db, context.ocpiVersionUrl),
    pushed,
    broadcaster: new Broadcaster({ db: context.db, routing, agreements, pushed, wakeOutbox: context.wakeOutbox }),
    lists: new MergedLists({ agreements, pushed, pageLimit: context.config.pageLimit }),
    log: messages,
  });

  // Each delivery of a broadcast is a forwarded request too.
  const logDelivery: DeliveryHook = async (message, response) => {
    messages.record({
      hub_country_code: message.from_country_code,
      hub_party_id: message.from_party_id,
      kind: 'BROADCAST_DELIVERY',
      request_id: response.requestId,
      forwarded_request_id: response.requestId,
      correlation_id: response.headers.get('x-correlation-id') ?? response.requestId,
      method: message.method,
      module: message.module,
      interface_role: message.interface_role,
      path: `/${message.path.join('/')}`,
      object_id: objectId(message.module, 'RECEIVER', message.path, message.body),
      from_country_code: message.from_country_code,
      from_party_id: message.from_party_id,
      to_country_code: message.to_country_code,
      to_party_id: message.to_party_id,
      caller_peer_id: null,
      destination_peer_id: message.peer_id,
      http_status: response.httpStatus,
      ocpi_status: response.envelope.status_code,
      latency_ms: 0,
      error: null,
    });
  };

  const timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> = Promise.resolve();
  const every = (ms: number, job: () => Promise<void>, what: string) => {
    timers.push(
      setInterval(() => {
        running = running.then(job).catch((error: unknown) => context.log.error({ err: error }, `hub ${what} failed`));
      }, ms),
    );
  };

  return {
    name: 'hub',
    router,
    clients,
    agreements,
    messages,
    mounted: HUB_INTERFACES,
    ocpiRoutes: (scope) => hubOcpiRoutes(scope, router, clients, context.config.publicUrl, context.config.pageLimit),
    adminRoutes: (scope) => hubApi(scope, { hosted: context.hosted, agreements, clients, messages }),
    deliveryHooks: { [BROADCAST_KIND]: logDelivery },
    pulls: hubPullSpecs(context.partnerObjects),
    start: () => {
      // Also without a HUB party: entries logged while one was hosted still age out.
      messageRetention.start();
      if (hubs.length === 0) return;
      every(timing.reconcileEveryMs, async () => {
        for (const hub of hubs) await clients.reconcile(hub);
      }, 'client reconciliation');
      every(timing.probeEveryMs, async () => {
        for (const hub of hubs) await clients.probe(hub);
      }, 'still-alive probe');
    },
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      await running;
      await messageRetention.stop();
      await pushed.flush();
      await messages.flush();
    },
  };
}
