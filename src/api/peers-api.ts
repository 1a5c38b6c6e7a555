import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { parsePartyIdentity } from '../ids/party-id.js';
import { summarizePeer } from '../peers/peer.js';
import type { PeerRepository } from '../peers/peer-repository.js';
import type { RegistrationService } from '../peers/registration-service.js';
import { ApiError } from './api-error.js';

const PartyField = Type.String({ description: 'hosted party as CC-PID, e.g. NL-CPO', minLength: 1 });
const InviteBody = Type.Object({ party: PartyField });
const RegisterBody = Type.Object({
  party: PartyField,
  versions_url: Type.String({ pattern: '^https?://\\S+$' }),
  token: Type.String({ minLength: 1, maxLength: 64 }),
});
const PeerParams = Type.Object({ id: Type.String({ minLength: 1 }) });

/** Partner connections for operators: invite, register, list, rotate, unregister. */
export function peersApi(app: FastifyInstance, peers: PeerRepository, registration: RegistrationService): void {
  app.get('/peers', async () => (await peers.list()).map(summarizePeer));

  app.get('/peers/:id', { schema: { params: PeerParams } }, async (request) => {
    const { id } = request.params as { id: string };
    const peer = await peers.findById(id);
    if (!peer) throw new ApiError(404, `No peer ${id}`);
    return summarizePeer(peer);
  });

  app.post('/peers/invitations', { schema: { body: InviteBody } }, async (request, reply) => {
    const { party } = request.body as { party: string };
    reply.code(201);
    return registration.invite(parsePartyIdentity(party));
  });

  app.post('/peers/registrations', { schema: { body: RegisterBody } }, async (request, reply) => {
    const body = request.body as { party: string; versions_url: string; token: string };
    const peer = await registration.register(parsePartyIdentity(body.party), body.versions_url, body.token);
    reply.code(201);
    return summarizePeer(peer);
  });

  app.post('/peers/:id/rotation', { schema: { params: PeerParams } }, async (request) => {
    const { id } = request.params as { id: string };
    return summarizePeer(await registration.rotate(id));
  });

  app.post('/peers/:id/check', { schema: { params: PeerParams } }, async (request) => {
    const { id } = request.params as { id: string };
    return registration.check(id);
  });

  app.delete('/peers/:id', { schema: { params: PeerParams } }, async (request) => {
    const { id } = request.params as { id: string };
    await registration.unregister(id);
    const peer = await peers.findById(id);
    return summarizePeer(peer!);
  });
}
