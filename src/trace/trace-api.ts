import type { FastifyInstance } from 'fastify';
import { ApiError } from '../api/api-error.js';
import { partyParam } from '../settlement/api-params.js';
import type { HostedParties } from '../peers/hosted-parties.js';
import type { SessionTrace } from './session-trace.js';

/** `GET /api/trace/sessions/:id?party=`: one session's trace; without `party`, at whichever hosted party holds it. */
export function traceApi(app: FastifyInstance, deps: { hosted: HostedParties; trace: SessionTrace }): void {
  app.get('/trace/sessions/:id', async (request) => {
    const { id } = request.params as { id: string };
    const raw = (request.query as { party?: string }).party;
    const party = partyParam(raw, 'party');
    if (!party) return deps.trace.trace(id);
    const hosted = deps.hosted.find(party);
    if (!hosted) throw new ApiError(404, `Party ${raw} is not hosted here`, 'party');
    return deps.trace.trace(id, hosted);
  });
}
