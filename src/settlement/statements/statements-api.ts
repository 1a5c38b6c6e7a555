import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { parseOcpi } from '../../ocpi/validation.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { StatementStatus } from '../../store/tables/settlement-tables.js';
import { partyParam } from '../api-params.js';
import { hostedRole } from '../hosted-role.js';
import { AgreementInput } from './agreement.js';
import type { StatementService } from './statement-service.js';

const STATUSES: readonly StatementStatus[] = ['DRAFT', 'ISSUED', 'SETTLED'];

/**
 * Agreements and statements for operators, below `/api/settlement`. A statement's JSON (with its
 * lines) is `GET …/statements/:id`, its CSV `GET …/statements/:id/csv`; the partner's statement
 * is compared by `POST …/statements/:id/partner-statement` with the CSV as body (text/csv).
 */
export function statementsApi(app: FastifyInstance, hosted: HostedParties, service: StatementService): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const counterpartOf = (raw: unknown) => {
    const counterpart = partyParam(raw, 'counterpart');
    if (!counterpart) throw new ApiError(400, 'Invalid field counterpart: the partner party as CC-PID', 'counterpart');
    return counterpart;
  };

  app.get('/settlement/agreements/:party/:counterpart', async (request) => {
    const params = request.params as { party: string; counterpart: string };
    const { party, role } = hostedRole(hosted, params.party, (request.query as { role?: string }).role);
    return { party: params.party.toUpperCase(), counterpart: params.counterpart.toUpperCase(), role, ...(await service.agreement(party, counterpartOf(params.counterpart))) };
  });

  app.put('/settlement/agreements/:party/:counterpart', async (request) => {
    const params = request.params as { party: string; counterpart: string };
    const body = { ...((request.body ?? {}) as Record<string, unknown>) };
    const { party, role } = hostedRole(hosted, params.party, body.role);
    delete body.role;
    const changes = parseOcpi(AgreementInput, body);
    return { party: params.party.toUpperCase(), counterpart: params.counterpart.toUpperCase(), role, ...(await service.saveAgreement({ party, counterpart: counterpartOf(params.counterpart), role }, changes)) };
  });

  app.post('/settlement/statements', async (request, reply) => {
    const body = (request.body ?? {}) as { party?: unknown; counterpart?: unknown; period?: unknown; role?: unknown };
    const { party, role } = hostedRole(hosted, body.party, body.role);
    if (typeof body.period !== 'string') throw new ApiError(400, 'Invalid field period: 2026-03 (monthly) or 2026-W10 (weekly)', 'period');
    const built = await service.build({ party, counterpart: counterpartOf(body.counterpart), role }, body.period);
    reply.code(built.created ? 201 : 200);
    return built.statement;
  });

  app.get('/settlement/statements', async (request) => {
    const query = request.query as Record<string, string | undefined>;
    const status = query.status?.toUpperCase() as StatementStatus | undefined;
    if (status !== undefined && !STATUSES.includes(status)) throw new ApiError(400, `Invalid field status: one of ${STATUSES.join(', ')}`, 'status');
    return service.list({ party: partyParam(query.party, 'party'), counterpart: partyParam(query.counterpart, 'counterpart'), status });
  });

  app.get('/settlement/statements/:id', async (request) => {
    const { id } = request.params as { id: string };
    const statement = await service.get(id, true);
    if (!statement) throw new ApiError(404, `No statement ${id}`);
    return statement;
  });

  app.get('/settlement/statements/:id/csv', async (request, reply) => {
    const { id } = request.params as { id: string };
    const csv = await service.csv(id);
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="statement-${id}.csv"`);
    return csv;
  });

  app.post('/settlement/statements/:id/issue', async (request) => service.issue((request.params as { id: string }).id));
  app.post('/settlement/statements/:id/settle', async (request) => service.settle((request.params as { id: string }).id));

  app.post('/settlement/statements/:id/partner-statement', async (request) => {
    const csv = typeof request.body === 'string' ? request.body : (request.body as { csv?: unknown } | null)?.csv;
    if (typeof csv !== 'string') throw new ApiError(400, 'Invalid field csv: send the partner statement as text/csv, or as {"csv": "…"}', 'csv');
    return service.comparePartnerStatement((request.params as { id: string }).id, csv);
  });
}
