import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { formatParty } from '../../ocpi/headers.js';
import type { FindingStatus } from '../../store/tables/settlement-tables.js';
import { dateParam, partyParam, reasonParam } from '../api-params.js';
import { moneyNumber } from '../money.js';
import type { FindingRow } from './finding-repository.js';
import type { ReconciliationService } from './reconciliation-service.js';

const STATUSES: readonly FindingStatus[] = ['OPEN', 'RESOLVED', 'IGNORED'];

/** What operators and `evroam reconcile --json` see of a finding. */
export function findingView(row: FindingRow) {
  return {
    id: String(row.id),
    type: row.type,
    role: row.role,
    party: formatParty({ countryCode: row.local_country_code, partyId: row.local_party_id }),
    counterpart: formatParty({ countryCode: row.counterpart_country_code, partyId: row.counterpart_party_id }),
    session_id: row.session_id,
    cdr_id: row.cdr_id,
    amount_at_risk: moneyNumber(row.amount_at_risk),
    currency: row.currency,
    status: row.status,
    evidence: row.evidence,
    occurred_at: new Date(row.occurred_at).toISOString(),
    first_found_at: new Date(row.first_found_at).toISOString(),
    last_seen_at: new Date(row.last_seen_at).toISOString(),
    closed_by: row.closed_by,
    close_reason: row.close_reason,
    closed_at: row.closed_at === null ? null : new Date(row.closed_at).toISOString(),
  };
}

/** A finding as the admin API answers it (and the CLI reads it). */
export type FindingView = ReturnType<typeof findingView>;

/**
 * Reconciliation for operators: run it now, list findings (open by default), and resolve or
 * ignore one with a reason. `party` matches our party or the counterpart.
 */
export function reconciliationApi(app: FastifyInstance, service: ReconciliationService): void {
  app.post('/reconciliation/runs', async (request) => {
    const body = (request.body ?? {}) as { since?: unknown };
    return service.run({ since: dateParam(body.since, 'since') });
  });

  app.get('/reconciliation/findings', async (request) => {
    const query = request.query as Record<string, string | undefined>;
    const status = (query.status ?? 'OPEN').toUpperCase() as FindingStatus;
    if (!STATUSES.includes(status)) throw new ApiError(400, `Invalid field status: one of ${STATUSES.join(', ')}`, 'status');
    const rows = await service.list({ status, party: partyParam(query.party, 'party'), since: dateParam(query.since, 'since'), type: query.type });
    return rows.map(findingView);
  });

  app.get('/reconciliation/findings/:id', async (request) => findingView(await found(service, (request.params as { id: string }).id)));

  for (const [action, status] of [['resolve', 'RESOLVED'], ['ignore', 'IGNORED']] as const) {
    app.post(`/reconciliation/findings/:id/${action}`, async (request) => {
      const { id } = request.params as { id: string };
      const reason = reasonParam(request.body);
      const current = await found(service, id);
      const closed = await service.close(String(current.id), status, reason);
      if (!closed) throw new ApiError(409, `Finding ${id} is ${current.status}, not OPEN`);
      return findingView(closed);
    });
  }
}

async function found(service: ReconciliationService, id: string): Promise<FindingRow> {
  const row = /^\d{1,18}$/.test(id) ? await service.get(id) : null;
  if (!row) throw new ApiError(404, `No finding ${id}`);
  return row;
}
