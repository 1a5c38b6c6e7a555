import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { OutboxRepository } from '../outbox/outbox-repository.js';
import type { OutboxStatus } from '../store/tables.js';

const ListQuery = Type.Object({
  status: Type.Optional(Type.Union(['PENDING', 'IN_FLIGHT', 'DELIVERED', 'DEAD'].map((s) => Type.Literal(s)))),
  peer: Type.Optional(Type.String()),
  reference: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});
const RetryBody = Type.Object({ id: Type.Optional(Type.String({ pattern: '^\\d+$' })), peer: Type.Optional(Type.String()) });

/** The delivery backlog and dead letters, for operators; dead letters can be sent again. */
export function outboxApi(app: FastifyInstance, outbox: OutboxRepository, wake: () => void): void {
  app.get('/outbox', { schema: { querystring: ListQuery } }, async (request) => {
    const query = request.query as { status?: OutboxStatus; peer?: string; reference?: string; limit?: number };
    return outbox.list({ status: query.status, peerId: query.peer, reference: query.reference, limit: query.limit });
  });

  app.get('/outbox/backlog', async () => outbox.backlog());

  app.post('/outbox/retry', { schema: { body: RetryBody } }, async (request) => {
    const body = request.body as { id?: string; peer?: string };
    const retried = await outbox.retry({ id: body.id, peerId: body.peer });
    wake();
    return { retried };
  });
}
