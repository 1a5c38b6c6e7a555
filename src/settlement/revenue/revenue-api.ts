import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import { dateParam } from '../api-params.js';
import { hostedRole } from '../hosted-role.js';
import type { RevenueService } from './revenue-service.js';

/** `GET /api/settlement/revenue?party=&role=&from=&to=`: gross and net revenue (CPO) or roaming cost and margin (eMSP). */
export function revenueApi(app: FastifyInstance, hosted: HostedParties, service: RevenueService): void {
  app.get('/settlement/revenue', async (request) => {
    const query = request.query as Record<string, string | undefined>;
    const { party, role } = hostedRole(hosted, query.party, query.role);
    const from = dateParam(query.from, 'from');
    const to = dateParam(query.to, 'to');
    if (!from || !to) throw new ApiError(400, `Invalid field ${from ? 'to' : 'from'}: the report covers the statements of the periods starting from … to …`, from ? 'to' : 'from');
    if (from >= to) throw new ApiError(400, 'Invalid field from: must be before to', 'from');
    return service.report(party, role, { from, to });
  });
}
