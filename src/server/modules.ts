import { cpoAuthorizationModule } from '../cpo/authorization/cpo-authorization-module.js';
import { cpoCdrsModule } from '../cpo/cdrs/cpo-cdrs-module.js';
import { chargerMessageView } from '../cpo/charger-messages/charger-message-log.js';
import { cpoChargersModule } from '../cpo/chargers/cpo-chargers-module.js';
import { commandTargets } from '../cpo/commands/command-targets.js';
import { cpoCommandsModule } from '../cpo/commands/cpo-commands-module.js';
import { cpoLocationsModule } from '../cpo/locations/cpo-locations-module.js';
import { pricePreviewModule } from '../cpo/price-preview/price-preview-module.js';
import { cpoSessionsModule } from '../cpo/sessions/cpo-sessions-module.js';
import { cpoTariffsModule } from '../cpo/tariffs/cpo-tariffs-module.js';
import { cpoTokensModule } from '../cpo/tokens/cpo-tokens-module.js';
import { emspCdrsModule } from '../emsp/cdrs/emsp-cdrs-module.js';
import { ReceivedCdrFacts } from '../emsp/cdrs/received-cdr-facts.js';
import { PartnerLocationTimeZones } from '../emsp/cdrs/location-time-zones.js';
import { IssuedTokenDirectory } from '../emsp/cdrs/token-directory.js';
import { emspCommandsModule } from '../emsp/commands/emsp-commands-module.js';
import { emspLocationsModule } from '../emsp/locations/emsp-locations-module.js';
import { PartnerLocationStore } from '../emsp/locations/partner-location-store.js';
import { emspRetailModule } from '../emsp/retail/emsp-retail-module.js';
import { emspSessionsModule } from '../emsp/sessions/emsp-sessions-module.js';
import { emspTariffsModule } from '../emsp/tariffs/emsp-tariffs-module.js';
import { emspTokensModule } from '../emsp/tokens/emsp-tokens-module.js';
import { IssuedTokenFacts } from '../emsp/tokens/token-facts.js';
import { hubClientModule } from '../hub/hub-client-module.js';
import { hubModule } from '../hub/hub-module.js';
import { OutboxRepository } from '../outbox/outbox-repository.js';
import { findingView } from '../settlement/reconciliation/reconciliation-api.js';
import { settlementModule } from '../settlement/settlement-module.js';
import { traceModule } from '../trace/trace-module.js';
import { trafficView } from '../traffic/traffic-api.js';
import type { ModuleContext, ServiceModule } from './service-module.js';

/**
 * Every functional module of the service, in mounting order. Modules that need another's data get
 * that module's service here, never its tables.
 */
export function createModules(context: ModuleContext): ServiceModule[] {
  const cpoTariffs = cpoTariffsModule(context);
  const cpoLocations = cpoLocationsModule(context);
  const cpoCdrs = cpoCdrsModule(context);
  const cpoSessions = cpoSessionsModule(context, cpoCdrs.service, {
    location: (party, id) => cpoLocations.service.get(party, id),
    tariff: (party, id) => cpoTariffs.service.get(party, id),
  });
  const cpoAuthorization = cpoAuthorizationModule(context);
  // Charger commands go to the OCPP gateway; EVSEs no registered charger serves keep the admin result endpoint.
  const cpoChargers = cpoChargersModule(context, {
    locations: cpoLocations.service,
    sessions: cpoSessions.service,
    authorization: cpoAuthorization.service,
    tariff: (party, id) => cpoTariffs.service.get(party, id),
  });
  const cpoCommands = cpoCommandsModule(context, commandTargets(cpoLocations.service, cpoSessions.service), cpoChargers.port);
  cpoChargers.port.answerTo(cpoCommands.service);
  const emspSessions = emspSessionsModule(context);
  const emspTokens = emspTokensModule(context, emspSessions.service);
  const emspRetail = emspRetailModule(context);
  const emspCommands = emspCommandsModule(context);
  const modules: ServiceModule[] = [
    cpoTariffs,
    cpoLocations,
    cpoTokensModule(context),
    cpoAuthorization,
    cpoCdrs,
    cpoSessions,
    pricePreviewModule(context, { location: (party, id) => cpoLocations.service.get(party, id), tariff: (party, id) => cpoTariffs.service.get(party, id) }),
    cpoCommands,
    cpoChargers,
    emspTariffsModule(context),
    emspLocationsModule(context),
    emspTokens,
    emspSessions,
    emspRetail,
    emspCdrsModule(context, {
      tokens: new IssuedTokenDirectory(emspTokens.service),
      timeZones: new PartnerLocationTimeZones(new PartnerLocationStore(context.db, context.partnerObjects)),
      retail: emspRetail.service,
    }),
    emspCommands,
  ];
  const cdrFacts = new ReceivedCdrFacts(context.db);
  const tokenFacts = new IssuedTokenFacts(context.db);
  const outbox = new OutboxRepository(context.db);
  const cdrPull = () => modules.flatMap((m) => m.pulls ?? []).find((p) => p.module === 'cdrs' && p.ownerRole === 'CPO')!;
  // Settlement reads the role modules' facts through its ports; the charger's meter facts come from the CPO sessions the gateway drives.
  const settlement = settlementModule(context, {
    cpo: { sessions: cpoSessions.service, cdrs: cpoCdrs.service, gateway: { meterDisagreements: (w, tolerance) => cpoSessions.service.meterDisagreements(w, tolerance) } },
    emsp: {
      sessions: emspSessions.service,
      cdrs: cdrFacts,
      tokens: tokenFacts,
      puller: {
        pullCdrs: async (peerId) => {
          const report = await context.partnerSync.pull(peerId, cdrPull(), 'delta');
          return { received: report.received, refused: report.refused.length };
        },
      },
    },
    kpis: {
      cpo: {
        authorizations: (w) => cpoAuthorization.service.decisionCounts(w),
        startCommands: (w) => cpoCommands.service.startOutcomes(w),
        endedSessions: (w) => cpoSessions.service.endedCounts(w),
        cdrs: (w) => cpoCdrs.service.timings(w),
      },
      emsp: {
        authorizations: (w) => tokenFacts.authorizationCounts(w),
        startCommands: (w) => emspCommands.service.startOutcomes(w),
        endedSessions: (w) => emspSessions.service.endedCounts(w),
        cdrs: (w) => cdrFacts.timings(w),
        refusedCdrs: (w) => cdrFacts.refusedCounts(w),
      },
      delivery: { partnerCalls: (w) => outbox.partnerCalls(w) },
    },
    partnerCdrs: {
      CPO: { cdrsBetween: (local, emsp, windows) => cpoCdrs.service.issuedTo(local, emsp, windows), find: (local, emsp, id) => cpoCdrs.service.issuedFor(local, emsp, id) },
      EMSP: { cdrsBetween: (local, cpo, windows) => cdrFacts.receivedFrom(local, cpo, windows), find: (local, cpo, id) => cdrFacts.find(local, cpo, id) },
    },
    credits: cpoCdrs.service,
    retail: emspRetail.service,
  });
  // The support desk's trace reads each part of a session's story from the module that owns it.
  const trace = traceModule({
    hosted: context.hosted,
    cpo: {
      session: (party, id) => cpoSessions.service.get(party, id),
      cdr: async (party, sessionId) => (await cpoCdrs.service.forSessions(party, [sessionId]))[0] ?? null,
      chargerMessages: async (party, sessionId) => (await cpoChargers.sessionMessages(party, sessionId)).map(chargerMessageView),
    },
    emsp: { session: (local, id) => emspSessions.service.findById(local, id), cdr: (local, cpo, sessionId) => cdrFacts.forSession(local, cpo, sessionId) },
    ocpiTraffic: async (party, objectIds) => (await context.traffic.search({ objectIds, party, limit: 500 })).reverse().map(trafficView),
    findings: async (party, about) => (await settlement.reconciliation.list({ party, about })).map(findingView),
    statementLines: async (party, about) =>
      (await settlement.statements.linesAbout(party, about)).map(({ statement, line }) => ({
        statement_id: statement.id,
        period: statement.period,
        state: statement.status,
        amount: line.total_incl_vat,
        currency: line.currency,
        cdr_id: line.cdr_id,
        disputed: line.disputed,
      })),
    disputes: async (party, about) => {
      const found = [...(about.cdrId ? await settlement.disputes.list({ party, cdrId: about.cdrId }) : []), ...(await settlement.disputes.list({ party, sessionId: about.sessionId }))];
      return [...new Map(found.map((d) => [d.id, d])).values()];
    },
  });
  return [...modules, settlement, trace, hubModule(context), hubClientModule(context)];
}
