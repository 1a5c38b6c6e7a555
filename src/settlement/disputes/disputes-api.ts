import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { DisputeStatus } from '../../store/tables/settlement-tables.js';
import { partyParam, reasonParam } from '../api-params.js';
import { hostedRole } from '../hosted-role.js';
import type { DisputeService } from './dispute-service.js';

const STATUSES: readonly DisputeStatus[] = ['OPEN', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'];

/** Disputes for operators, below `/api/settlement/disputes`: open one, accept, reject or withdraw it, read its audit trail. */
export function disputesApi(app: FastifyInstance, hosted: HostedParties, service: DisputeService): void {
  app.post('/settlement/disputes', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { party, role } = hostedRole(hosted, body.party, body.role);
    const optionalText = (field: string, max: number) => {
      const value = body[field];
      if (value === undefined) return undefined;
      if (typeof value !== 'string' || value.length === 0 || value.length > max) throw new ApiError(400, `Invalid field ${field}: a string of 1 to ${max} characters`, field);
      return value;
    };
    const amount = body.amount_claimed;
    if (amount !== undefined && (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)) throw new ApiError(400, 'Invalid field amount_claimed: a number, 0 or more', 'amount_claimed');
    const dispute = await service.open({
      party,
      role,
      counterpart: partyParam(body.counterpart, 'counterpart'),
      cdr_id: optionalText('cdr_id', 39),
      finding_id: optionalText('finding_id', 18),
      reason: reasonParam(body),
      amount_claimed: amount as number | undefined,
      note: optionalText('note', 2000),
    });
    reply.code(201);
    return dispute;
  });

  app.get('/settlement/disputes', async (request) => {
    const query = request.query as Record<string, string | undefined>;
    const status = query.status?.toUpperCase() as DisputeStatus | undefined;
    if (status !== undefined && !STATUSES.includes(status)) throw new ApiError(400, `Invalid field status: one of ${STATUSES.join(', ')}`, 'status');
    return service.list({ status, party: partyParam(query.party, 'party'), cdrId: query.cdr_id });
  });

  app.get('/settlement/disputes/:id', async (request) => {
    const { id } = request.params as { id: string };
    const dispute = await service.get(id);
    if (!dispute) throw new ApiError(404, `No dispute ${id}`);
    return dispute;
  });

  const note = (body: unknown) => {
    const value = (body as { note?: unknown } | null)?.note;
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || value.length > 2000) throw new ApiError(400, 'Invalid field note: a string of at most 2000 characters', 'note');
    return value;
  };
  app.post('/settlement/disputes/:id/accept', async (request) => service.accept((request.params as { id: string }).id, note(request.body)));
  app.post('/settlement/disputes/:id/reject', async (request) => service.reject((request.params as { id: string }).id, note(request.body)));
  app.post('/settlement/disputes/:id/withdraw', async (request) => service.withdraw((request.params as { id: string }).id, note(request.body)));
}
