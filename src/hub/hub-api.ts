import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../api/api-error.js';
import { hostedPartyParam } from '../api/hosted-party-param.js';
import { parsePartyIdentity } from '../ids/party-id.js';
import { parseOcpiDateTime } from '../ocpi/datetime.js';
import { formatParty, sameParty, type PartyRef } from '../ocpi/headers.js';
import type { HostedParties } from '../peers/hosted-parties.js';
import type { Agreement, AgreementBook } from './agreement-book.js';
import type { ClientInfoService } from './client-info-service.js';
import type { MessageLog, MessageSearch } from './message-log.js';

const AgreementBody = Type.Object({
  emsp: Type.String({ minLength: 1, description: 'the eMSP party, e.g. DE-MSP' }),
  cpo: Type.String({ minLength: 1, description: 'the CPO party, e.g. NL-CPO' }),
});

const MessageQuery = Type.Object({
  correlation_id: Type.Optional(Type.String({ minLength: 1 })),
  request_id: Type.Optional(Type.String({ minLength: 1 })),
  party: Type.Optional(Type.String({ minLength: 1, description: 'either end of the request, e.g. NL-CPO' })),
  module: Type.Optional(Type.String({ minLength: 1 })),
  object_id: Type.Optional(Type.String({ minLength: 1, description: 'location, session, token or CDR id' })),
  outcome: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('failed')])),
  since: Type.Optional(Type.String({ description: 'DateTime, inclusive' })),
  until: Type.Optional(Type.String({ description: 'DateTime, exclusive' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

/**
 * Operators' view of a HUB party: its roaming agreements (the allow-list), the parties connected to
 * it with their status, and the message log of everything it forwarded.
 */
export function hubApi(app: FastifyInstance, deps: { hosted: HostedParties; agreements: AgreementBook; clients: ClientInfoService; messages: MessageLog }): void {
  const hubOf = (params: unknown) => hostedPartyParam(deps.hosted, (params as { party: string }).party, 'HUB');

  app.get('/parties/:party/hub/agreements', async (request) => (await deps.agreements.list(hubOf(request.params))).map(agreementView));

  app.post('/parties/:party/hub/agreements', { schema: { body: AgreementBody } }, async (request, reply) => {
    const hub = hubOf(request.params);
    const body = request.body as { emsp: string; cpo: string };
    const emsp = partyField(body.emsp, 'emsp');
    const cpo = partyField(body.cpo, 'cpo');
    if (sameParty(emsp, cpo)) throw new ApiError(400, 'Invalid field cpo: an agreement is between two parties', 'cpo');
    const created = await deps.agreements.add(hub, emsp, cpo);
    if (created) await deps.clients.agreementChanged(hub, emsp, cpo);
    reply.code(created ? 201 : 200);
    return agreementView((await deps.agreements.list(hub)).find((a) => sameParty(a.emsp, emsp) && sameParty(a.cpo, cpo))!);
  });

  app.delete('/parties/:party/hub/agreements/:emsp/:cpo', async (request) => {
    const hub = hubOf(request.params);
    const params = request.params as { emsp: string; cpo: string };
    const emsp = partyField(params.emsp, 'emsp');
    const cpo = partyField(params.cpo, 'cpo');
    if (!(await deps.agreements.remove(hub, emsp, cpo))) throw new ApiError(404, `No agreement between ${formatParty(emsp)} and ${formatParty(cpo)}`);
    await deps.clients.agreementChanged(hub, emsp, cpo);
    return { removed: { emsp: formatParty(emsp), cpo: formatParty(cpo) } };
  });

  app.get('/parties/:party/hub/clients', async (request) =>
    (await deps.clients.rows(hubOf(request.params))).map((r) => ({ country_code: r.country_code, party_id: r.party_id, role: r.role, status: r.status, peer_id: r.peer_id, last_updated: new Date(r.last_updated).toISOString() })),
  );

  app.get('/parties/:party/hub/messages', { schema: { querystring: MessageQuery } }, async (request) => {
    const hub = hubOf(request.params);
    const query = request.query as { correlation_id?: string; request_id?: string; party?: string; module?: string; object_id?: string; outcome?: 'ok' | 'failed'; since?: string; until?: string; limit?: number };
    const filter: MessageSearch = {};
    if (query.correlation_id) filter.correlationId = query.correlation_id;
    if (query.request_id) filter.requestId = query.request_id;
    if (query.party) filter.party = partyField(query.party, 'party');
    if (query.module) filter.module = query.module;
    if (query.object_id) filter.objectId = query.object_id;
    if (query.outcome) filter.outcome = query.outcome;
    if (query.since) filter.since = dateField(query.since, 'since');
    if (query.until) filter.until = dateField(query.until, 'until');
    if (query.limit) filter.limit = query.limit;
    return deps.messages.search(hub, filter);
  });
}

function agreementView(a: Agreement) {
  return { emsp: formatParty(a.emsp), cpo: formatParty(a.cpo), created_at: new Date(a.createdAt).toISOString() };
}

function partyField(raw: string, field: string): PartyRef {
  try {
    return parsePartyIdentity(raw);
  } catch (error) {
    throw new ApiError(400, `Invalid field ${field}: ${error instanceof Error ? error.message : String(error)}`, field);
  }
}

function dateField(raw: string, field: string): Date {
  const date = parseOcpiDateTime(raw);
  if (!date) throw new ApiError(400, `Invalid field ${field}: expected a DateTime such as 2026-03-01T00:00:00Z`, field);
  return date;
}
