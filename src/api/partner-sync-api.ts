import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { PartnerSync, PullMode, PullSpec } from '../partner-data/partner-sync.js';
import { ApiError } from './api-error.js';

const PullBody = Type.Object({
  module: Type.String({ minLength: 1 }),
  mode: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('delta')])),
});

/** Pulls a partner's list on demand: after an outage, or when its data looks stale. */
export function partnerSyncApi(app: FastifyInstance, sync: PartnerSync, specs: readonly PullSpec[]): void {
  app.post('/peers/:id/pull', { schema: { body: PullBody } }, async (request) => {
    const { id } = request.params as { id: string };
    const body = request.body as { module: string; mode?: PullMode };
    const spec = specs.find((s) => s.module === body.module);
    if (!spec) throw new ApiError(400, `Invalid field module: "${body.module}" cannot be pulled here (pullable: ${specs.map((s) => s.module).join(', ') || 'none'})`, 'module');
    return sync.pull(id, spec, body.mode ?? 'full');
  });
}
