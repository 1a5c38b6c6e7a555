import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { formatParty } from '../ocpi/headers.js';
import { keepsPulls, type PartnerSync, type PullMode, type PullSpec } from '../partner-data/partner-sync.js';
import type { HostedParties } from '../peers/hosted-parties.js';
import type { PeerRepository } from '../peers/peer-repository.js';
import { ApiError } from './api-error.js';

const PullBody = Type.Object({
  module: Type.String({ minLength: 1 }),
  mode: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('delta')])),
});

/** Pulls a partner's list on demand: after an outage, or when its data looks stale. */
export function partnerSyncApi(app: FastifyInstance, deps: { sync: PartnerSync; specs: readonly PullSpec[]; peers: PeerRepository; hosted: HostedParties }): void {
  app.post('/peers/:id/pull', { schema: { body: PullBody } }, async (request) => {
    const { id } = request.params as { id: string };
    const body = request.body as { module: string; mode?: PullMode };
    const peer = await deps.peers.findById(id);
    // Which pulls there are depends on our party of the connection (an eMSP's, a hub's); an unknown peer is the pull's own error.
    const local = peer ? deps.hosted.find(peer.localParty) : null;
    const specs = local ? deps.specs.filter((s) => keepsPulls(s, local.roles)) : deps.specs;
    const spec = specs.find((s) => s.module === body.module);
    if (!spec) {
      const at = local ? ` at ${formatParty(local)}` : '';
      throw new ApiError(400, `Invalid field module: "${body.module}" cannot be pulled${at} (pullable: ${[...new Set(specs.map((s) => s.module))].join(', ') || 'none'})`, 'module');
    }
    return deps.sync.pull(id, spec, body.mode ?? 'full');
  });
}
