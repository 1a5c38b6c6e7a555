import type { FastifyInstance } from 'fastify';
import { formatParty } from '../ocpi/headers.js';
import type { HostedParties } from '../peers/hosted-parties.js';

/** `GET /api/service`: what this deployment is and which parties it hosts; the dashboard checks its token with it. */
export function serviceApi(app: FastifyInstance, deps: { version: string; publicUrl: string; hosted: HostedParties }): void {
  app.get('/service', async () => ({
    version: deps.version,
    public_url: deps.publicUrl,
    parties: deps.hosted.all.map((p) => ({ party: formatParty(p).toUpperCase(), roles: p.roles, name: p.name })),
  }));
}
