import type { FastifyInstance } from 'fastify';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { SearchQuery, searchText } from '../../api/search-query.js';
import { parsePageRequest } from '../../ocpi/pagination.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { ReceivedCdrService } from './received-cdr-service.js';

/** The CDRs an eMSP party accepted (and those flagged by re-pricing), and those it refused with the reasons, for its operators. */
export function receivedCdrsApi(app: FastifyInstance, hosted: HostedParties, service: ReceivedCdrService): void {
  const partyOf = (params: unknown) => hostedPartyParam(hosted, (params as { party: string }).party, 'EMSP');

  app.get('/parties/:party/received/cdrs', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const result = await service.list(partyOf(request.params), parsePageRequest(request.query as Record<string, unknown>, 1000), searchText(request.query));
    reply.header('x-total-count', String(result.total));
    return result.items.map((row) => ({
      seq: String(row.seq),
      cdr: row.data,
      peer_id: row.peer_id,
      // A credit CDR's link to the CDR it credits.
      credits_seq: row.credits_seq === null ? null : String(row.credits_seq),
      received_at: row.received_at.toISOString(),
      repricing_flagged: row.repricing_flagged,
      repricing: row.repricing,
    }));
  });

  // Accepted CDRs whose costs differ from their own tariff applied to their periods: to settle with the CPO.
  app.get('/parties/:party/received/cdrs/flagged', async (request, reply) => {
    const result = await service.listFlagged(partyOf(request.params), parsePageRequest(request.query as Record<string, unknown>, 1000));
    reply.header('x-total-count', String(result.total));
    return result.items.map((row) => ({
      seq: String(row.seq),
      cdr_id: row.data.id,
      country_code: row.country_code,
      party_id: row.party_id,
      currency: row.data.currency,
      stated_total_cost: row.repricing?.stated_total_cost,
      repriced_total_cost: row.repricing?.repriced_total_cost,
      differences: row.repricing?.differences,
      tariff_id: row.repricing?.tariff_id,
      time_zone: row.repricing?.time_zone,
      received_at: row.received_at.toISOString(),
    }));
  });

  app.get('/parties/:party/received/cdrs/rejected', async (request, reply) => {
    const result = await service.listRejected(partyOf(request.params), parsePageRequest(request.query as Record<string, unknown>, 1000));
    reply.header('x-total-count', String(result.total));
    return result.items.map((row) => ({
      cdr_id: row.body.id,
      country_code: row.country_code,
      party_id: row.party_id,
      peer_id: row.peer_id,
      problems: row.problems,
      attempts: row.attempts,
      first_received_at: row.first_received_at.toISOString(),
      last_received_at: row.last_received_at.toISOString(),
      cdr: row.body,
    }));
  });
}
