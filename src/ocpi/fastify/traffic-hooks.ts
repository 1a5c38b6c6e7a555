import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OcpiHeader, type PartyRef } from '../headers.js';
import { isSuccess } from '../status-codes.js';
import type { OcpiTrafficSink } from '../traffic-sink.js';

interface Answer {
  ocpiStatus: number | null;
  message: string | null;
}

/** Envelopes we and partners write start with `status_code` or end with it; searching both ends stays cheap on long lists. */
const STATUS_CODE = '"status_code":';

/**
 * Reports every request of the scope to `sink` once its answer is sent: ids, parties, statuses and
 * latency. The answer's OCPI status is read from the serialized body in `onSend`, so routes, the
 * error handler and passed-through answers (a hub) are all seen the same way.
 */
export function recordTraffic(app: FastifyInstance, sink: OcpiTrafficSink): void {
  const answers = new WeakMap<FastifyRequest, Answer>();

  app.addHook('onSend', async (request, _reply, payload) => {
    if (typeof payload === 'string') answers.set(request, readAnswer(payload));
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const answer = answers.get(request) ?? { ocpiStatus: null, message: null };
    const latencyMs = reply.elapsedTime;
    const { from, to } = parties(request);
    sink.record({
      direction: 'in',
      startedAt: new Date(Date.now() - latencyMs),
      method: request.method,
      url: request.url,
      httpStatus: reply.statusCode,
      ocpiStatus: answer.ocpiStatus,
      requestId: headerOf(reply, OcpiHeader.RequestId) ?? request.id,
      correlationId: headerOf(reply, OcpiHeader.CorrelationId) ?? '',
      from,
      to,
      body: request.body,
      latencyMs: Math.round(latencyMs),
      error: answer.message,
    });
  });
}

function readAnswer(payload: string): Answer {
  let at = payload.indexOf(STATUS_CODE);
  if (at < 0 || at > 200) at = payload.lastIndexOf(STATUS_CODE);
  if (at < 0) return { ocpiStatus: null, message: null };
  const status = Number.parseInt(payload.slice(at + STATUS_CODE.length, at + STATUS_CODE.length + 8).trim(), 10);
  if (!Number.isFinite(status)) return { ocpiStatus: null, message: null };
  // Refusals are rare and short: only their message is worth a parse.
  if (isSuccess(status) || payload.length > 4096) return { ocpiStatus: status, message: null };
  try {
    const message = (JSON.parse(payload) as { status_message?: unknown }).status_message;
    return { ocpiStatus: status, message: typeof message === 'string' ? message : null };
  } catch {
    return { ocpiStatus: status, message: null };
  }
}

/** Routing headers on functional routes; the caller's connection otherwise; nothing for a stranger. */
function parties(request: FastifyRequest): { from: PartyRef | null; to: PartyRef | null } {
  const context = request.ocpi;
  if (!context) return { from: null, to: null };
  if (context.routing) return context.routing;
  const own = context.caller.parties;
  return { from: own.length === 1 ? own[0]! : null, to: context.caller.localParty };
}

function headerOf(reply: FastifyReply, name: string): string | undefined {
  const value = reply.getHeader(name);
  return typeof value === 'string' ? value : undefined;
}
