import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { dateParam, partyParam } from '../settlement/api-params.js';
import { MODULES } from './request-subject.js';
import type { TrafficLog, TrafficRow, TrafficSearch } from './traffic-log.js';

const TrafficQuery = Type.Object({
  session_id: Type.Optional(Type.String()),
  cdr_id: Type.Optional(Type.String()),
  request_id: Type.Optional(Type.String()),
  correlation_id: Type.Optional(Type.String()),
  party: Type.Optional(Type.String()),
  module: Type.Optional(Type.Union([...MODULES].map((m) => Type.Literal(m)))),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  before: Type.Optional(Type.String()),
});

/**
 * `GET /api/traffic`: the OCPI requests this process received and sent, newest first, by session,
 * CDR, request or correlation id, party (either end) or module; `session_id` and `cdr_id` together
 * find entries about either. `before` pages on: an entry id, or a time.
 */
export function trafficApi(app: FastifyInstance, traffic: TrafficLog): void {
  app.get('/traffic', { schema: { querystring: TrafficQuery } }, async (request) => {
    const query = request.query as Static<typeof TrafficQuery>;
    const search: TrafficSearch = { limit: query.limit ?? 100 };
    const objectIds = [query.session_id, query.cdr_id].filter((id): id is string => id !== undefined && id !== '');
    if (objectIds.length > 0) search.objectIds = objectIds;
    if (query.request_id) search.requestId = query.request_id;
    if (query.correlation_id) search.correlationId = query.correlation_id;
    const party = partyParam(query.party, 'party');
    if (party) search.party = party;
    if (query.module) search.module = query.module;
    if (query.before) search.before = /^\d{1,18}$/.test(query.before) ? { id: query.before } : { at: dateParam(query.before, 'before')! };
    return { entries: (await traffic.search(search)).map(trafficView) };
  });
}

export function trafficView(row: TrafficRow) {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    direction: row.direction,
    method: row.method,
    url: row.url,
    module: row.module,
    http_status: row.http_status,
    ocpi_status: row.ocpi_status,
    request_id: row.request_id,
    correlation_id: row.correlation_id,
    from_party: row.from_party,
    to_party: row.to_party,
    object_ids: row.object_ids,
    latency_ms: row.latency_ms,
    error: row.error,
  };
}
