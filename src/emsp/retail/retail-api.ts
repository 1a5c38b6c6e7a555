import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { parsePageRequest } from '../../ocpi/pagination.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { RetailLineRow } from './retail-repository.js';
import type { RetailService } from './retail-service.js';

/** Money and volumes leave the API as JSON numbers; they are stored as exact decimals. */
function lineView(row: RetailLineRow): Record<string, unknown> {
  return {
    seq: String(row.seq),
    cdr_seq: String(row.cdr_seq),
    cdr_id: row.cdr_id,
    country_code: row.country_code,
    party_id: row.party_id,
    credit: row.credit,
    token_type: row.token_type,
    token_uid: row.token_uid,
    group_id: row.group_id,
    channel: row.channel,
    plan_id: row.plan?.id ?? null,
    model: row.plan?.model ?? 'PASS_THROUGH',
    currency: row.currency,
    gross: Number(row.gross),
    net: Number(row.net),
    vat_percent: Number(row.vat_percent),
    vat_amount: Number(row.vat_amount),
    vat_source: row.vat_source,
    cpo_cost: Number(row.cpo_cost),
    margin: Number(row.margin),
    energy_kwh: Number(row.energy_kwh),
    session_end: row.session_end.toISOString(),
    priced_at: row.created_at.toISOString(),
  };
}

/** An eMSP party's retail plans, and the retail lines of its accepted CDRs for billing and revenue reports. */
export function retailApi(app: FastifyInstance, hosted: HostedParties, service: RetailService): void {
  const partyOf = (params: unknown) => hostedPartyParam(hosted, (params as { party: string }).party, 'EMSP');

  app.post('/parties/:party/retail-plans', async (request, reply) => {
    const plan = await service.createPlan(partyOf(request.params), request.body);
    reply.code(201);
    return plan;
  });

  app.get('/parties/:party/retail-plans', async (request) => service.listPlans(partyOf(request.params)));

  app.get('/parties/:party/retail-plans/:id', async (request) => {
    const { id } = request.params as { id: string };
    const plan = await service.getPlan(partyOf(request.params), id);
    if (!plan) throw new ApiError(404, `No retail plan ${id}`);
    return plan;
  });

  app.delete('/parties/:party/retail-plans/:id', async (request) => {
    const { id } = request.params as { id: string };
    if (!(await service.deletePlan(partyOf(request.params), id))) throw new ApiError(404, `No retail plan ${id}`);
    return { deleted: id };
  });

  // `date_from` (inclusive) and `date_to` (exclusive) select lines by the session's end.
  app.get('/parties/:party/retail-lines', async (request, reply) => {
    const result = await service.listLines(partyOf(request.params), parsePageRequest(request.query as Record<string, unknown>, 1000));
    reply.header('x-total-count', String(result.total));
    return result.items.map(lineView);
  });

  app.get('/parties/:party/retail-lines/summary', async (request) => {
    // The pagination helper reads and checks date_from/date_to; a summary has no pages.
    const { dateFrom, dateTo } = parsePageRequest(request.query as Record<string, unknown>, 1);
    const rows = await service.summary(partyOf(request.params), { ...(dateFrom ? { dateFrom } : {}), ...(dateTo ? { dateTo } : {}) });
    return rows.map((r) => ({
      currency: r.currency,
      lines: Number(r.lines),
      gross: Number(r.gross),
      net: Number(r.net),
      vat_amount: Number(r.vat_amount),
      cpo_cost: Number(r.cpo_cost),
      margin: Number(r.margin),
      energy_kwh: Number(r.energy_kwh),
    }));
  });
}
