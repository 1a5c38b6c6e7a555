import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { searchText, SearchText } from '../../api/search-query.js';
import { parsePageRequest } from '../../ocpi/pagination.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import { adminView, storedUid } from './issued-token.js';
import { checkedBlockReason, optionalText } from './token-input.js';
import type { TokenSearch } from './token-repository.js';
import type { EmspTokenService } from './token-service.js';
import { tokenTypeParam } from '../../ocpi/token-type-param.js';

const ImportBody = Type.Array(Type.Unknown(), { description: 'OCPI Token objects' });
const TokenBody = Type.Object({}, { additionalProperties: true });
const SearchQuery = Type.Object({
  q: Type.Optional(SearchText),
  type: Type.Optional(Type.String()),
  contract_id: Type.Optional(Type.String()),
  group_id: Type.Optional(Type.String()),
  valid: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  offset: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String()),
  date_from: Type.Optional(Type.String()),
  date_to: Type.Optional(Type.String()),
});

/**
 * Operators' management of an eMSP party's tokens: issue RFID cards and app tokens to drivers and
 * fleets, change, block and unblock them, bulk import. Every change reaches the party's CPOs.
 */
export function tokensApi(app: FastifyInstance, hosted: HostedParties, service: EmspTokenService): void {
  const partyOf = (params: unknown) => hostedPartyParam(hosted, (params as { party: string }).party, 'EMSP');
  const uidOf = (params: unknown) => (params as { uid: string }).uid;

  app.get('/parties/:party/tokens', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const search: TokenSearch = {};
    if (query.type !== undefined) search.type = query.type;
    if (query.contract_id !== undefined) search.contract_id = query.contract_id;
    if (query.group_id !== undefined) search.group_id = query.group_id;
    if (query.valid !== undefined) search.valid = query.valid === 'true';
    const text = searchText(query);
    if (text !== undefined) search.text = text;
    const result = await service.search(partyOf(request.params), parsePageRequest(query, 1000), search);
    reply.header('x-total-count', String(result.total));
    return result.items.map(adminView);
  });

  app.post('/parties/:party/tokens', { schema: { body: TokenBody } }, async (request, reply) => {
    const issued = await service.create(partyOf(request.params), request.body);
    reply.code(201);
    return adminView(issued);
  });

  app.post('/parties/:party/tokens/import', { schema: { body: ImportBody } }, async (request) => {
    const results = await service.putMany(partyOf(request.params), request.body as unknown[]);
    const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
    return { created: count('created'), updated: count('updated'), unchanged: count('unchanged') };
  });

  app.get('/parties/:party/tokens/:uid', async (request) => {
    const type = tokenTypeParam(request.query);
    const issued = await service.get(partyOf(request.params), type, uidOf(request.params));
    if (!issued) throw new ApiError(404, `No ${type} token ${uidOf(request.params)}`);
    return adminView(issued);
  });

  app.put('/parties/:party/tokens/:uid', { schema: { body: TokenBody } }, async (request, reply) => {
    const type = tokenTypeParam(request.query);
    const uid = uidOf(request.params);
    const body = request.body as Record<string, unknown>;
    if (body.type !== undefined && body.type !== type) throw new ApiError(400, `Invalid field type: ${JSON.stringify(body.type)} does not match the URL's ${type}`, 'type');
    if (typeof body.uid === 'string' && storedUid(type, body.uid) !== storedUid(type, uid)) {
      throw new ApiError(400, `Invalid field uid: ${JSON.stringify(body.uid)} does not match the URL's ${JSON.stringify(uid)}`, 'uid');
    }
    const result = await service.put(partyOf(request.params), { ...body, uid, type });
    reply.code(result.outcome === 'created' ? 201 : 200);
    return adminView(result.issued);
  });

  app.patch('/parties/:party/tokens/:uid', { schema: { body: TokenBody } }, async (request) => {
    const issued = await service.update(partyOf(request.params), tokenTypeParam(request.query), uidOf(request.params), request.body as Record<string, unknown>);
    return adminView(issued);
  });

  // The body is optional ({reason, note}), so it is checked here rather than by a schema.
  app.post('/parties/:party/tokens/:uid/block', async (request) => {
    const body = (request.body ?? {}) as { reason?: unknown; note?: unknown };
    const issued = await service.block(partyOf(request.params), tokenTypeParam(request.query), uidOf(request.params), checkedBlockReason(body.reason, 'reason'), optionalText(body.note, 'note'));
    return adminView(issued);
  });

  app.post('/parties/:party/tokens/:uid/unblock', async (request) => adminView(await service.unblock(partyOf(request.params), tokenTypeParam(request.query), uidOf(request.params))));
}
