import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { PricePreviewService } from './price-preview-service.js';

/** `POST /api/tariffs/preview`: what a planned session at one of our EVSEs will cost. */
export function pricePreviewApi(app: FastifyInstance, hosted: HostedParties, service: PricePreviewService): void {
  app.post('/tariffs/preview', async (request) => {
    const body = request.body as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || typeof body.party !== 'string') throw new ApiError(400, 'Invalid field party: the CPO party, e.g. NL-CPO', 'party');
    const party = hostedPartyParam(hosted, body.party, 'CPO');
    return { party: `${party.countryCode}-${party.partyId}`, ...(await service.preview(party, body)) };
  });
}
