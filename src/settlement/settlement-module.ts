import type { ModuleContext, ServiceModule } from '../server/service-module.js';
import type { FindingRole } from '../store/tables/settlement-tables.js';
import { disputesApi } from './disputes/disputes-api.js';
import { DisputeService } from './disputes/dispute-service.js';
import { kpiApi, metricsText } from './kpis/kpi-api.js';
import { KpiService, type KpiPorts } from './kpis/kpi-service.js';
import type { CpoPorts } from './reconciliation/cpo-checks.js';
import type { EmspPorts } from './reconciliation/emsp-checks.js';
import { reconciliationApi } from './reconciliation/reconciliation-api.js';
import { ReconciliationSchedule } from './reconciliation/reconciliation-schedule.js';
import { ReconciliationService } from './reconciliation/reconciliation-service.js';
import { revenueApi } from './revenue/revenue-api.js';
import { RevenueService } from './revenue/revenue-service.js';
import type { CreditIssuer, PartnerCdrFacts, RetailRevenueFacts } from './settlement-ports.js';
import { SettledStatementFacts } from './statements/settled-statement-facts.js';
import { statementsApi } from './statements/statements-api.js';
import { StatementService } from './statements/statement-service.js';

/** Everything settlement asks the role modules, wired in `src/server/modules.ts`. */
export interface SettlementPorts {
  cpo: CpoPorts;
  emsp: EmspPorts;
  /** The role modules' KPI facts; settlement adds its own (settled statements). */
  kpis: Omit<KpiPorts, 'settlement'>;
  /** The CDRs between our parties and their partners, per role: statements and disputes. */
  partnerCdrs: Record<FindingRole, PartnerCdrFacts>;
  /** The CPO's credit CDRs, for accepted disputes. */
  credits: CreditIssuer;
  /** The eMSP's retail revenue, for its margin. */
  retail: RetailRevenueFacts;
}

/**
 * The money side of roaming (docs/SETTLEMENT.md): reconciliation on a schedule and on demand,
 * KPIs, statements per partner and period, disputes and revenue reports.
 */
export function settlementModule(context: ModuleContext, ports: SettlementPorts): ServiceModule & { reconciliation: ReconciliationService; kpis: KpiService; statements: StatementService; disputes: DisputeService } {
  const reconciliation = new ReconciliationService(context.db, { cpo: ports.cpo, emsp: ports.emsp, emspCdrs: ports.partnerCdrs.EMSP });
  const kpis = new KpiService({ ...ports.kpis, settlement: new SettledStatementFacts(context.db) });
  const statements = new StatementService(context.db, ports.partnerCdrs);
  const disputes = new DisputeService(context.db, ports.partnerCdrs, ports.credits);
  const revenue = new RevenueService(context.db, ports.retail);
  const schedule = new ReconciliationSchedule(reconciliation, context.log);
  const openFindings = () => reconciliation.openSummary();
  return {
    name: 'settlement',
    reconciliation,
    kpis,
    statements,
    disputes,
    mounted: [],
    adminRoutes: (scope) => {
      reconciliationApi(scope, reconciliation);
      kpiApi(scope, kpis, openFindings);
      statementsApi(scope, context.hosted, statements);
      disputesApi(scope, context.hosted, disputes);
      revenueApi(scope, context.hosted, revenue);
    },
    metrics: () => metricsText(kpis, openFindings),
    start: () => schedule.start(),
    stop: () => schedule.stop(),
  };
}
