import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { tokenCandidates } from '../auth-header.js';
import { errorEnvelope } from '../envelope.js';
import { formatParty, OcpiHeader, routingHeaderValues, sameParty, type PartyRef, type RoutingHeaders } from '../headers.js';
import { OcpiError } from '../ocpi-error.js';
import { OcpiStatus } from '../status-codes.js';
import type { OcpiTrafficSink } from '../traffic-sink.js';
import type { CallerResolver, OcpiCaller } from './ocpi-caller.js';
import { recordTraffic } from './traffic-hooks.js';

/**
 * Who may call a route: `registration` routes (versions, credentials) accept a partner during the
 * handshake too; `functional` routes need a registered partner and carry routing headers.
 */
export type OcpiAccess = 'registration' | 'functional';

/**
 * How a functional route reads `OCPI-to-*`: `party` (default) requires our party of this
 * connection; `hub` takes any party (a hub forwards to it, OCPI 2.2.1 "Message routing") and our
 * party when the headers are left out.
 */
export type OcpiRouting = 'party' | 'hub';

export interface OcpiRequestContext {
  caller: OcpiCaller;
  requestId: string;
  correlationId: string;
  /** Set on functional routes: the request's from (the partner's party) and to (our party, or on hub routes the addressee). */
  routing?: RoutingHeaders;
}

declare module 'fastify' {
  interface FastifyRequest {
    ocpi: OcpiRequestContext;
  }
  interface FastifyContextConfig {
    ocpiAccess?: OcpiAccess;
    ocpiRouting?: OcpiRouting;
  }
}

export interface OcpiTransportOptions {
  resolver: CallerResolver;
  /** Told of every request of the scope once it is answered (the operator's traffic log). */
  traffic?: OcpiTrafficSink;
}

/**
 * The OCPI transport rules for every route registered inside this plugin's scope: request and
 * correlation ids, token authentication, routing-header checks, and errors as OCPI envelopes with
 * the HTTP status the spec gives ("Status codes", "Transport and format").
 */
export async function ocpiTransport(app: FastifyInstance, options: OcpiTransportOptions): Promise<void> {
  app.decorateRequest('ocpi', null as unknown as OcpiRequestContext);
  if (options.traffic) recordTraffic(app, options.traffic);

  app.addHook('onRequest', async (request, reply) => {
    const requestId = headerValue(request, OcpiHeader.RequestId) ?? request.id;
    const correlationId = headerValue(request, OcpiHeader.CorrelationId) ?? randomUUID();
    reply.header('X-Request-ID', requestId);
    reply.header('X-Correlation-ID', correlationId);
    request.log = request.log.child({ correlationId });

    const access = request.routeOptions.config.ocpiAccess;
    if (!access) return;
    const caller = await options.resolver.resolve(tokenCandidates(headerValue(request, 'authorization')));
    // Token A or B opens only versions and credentials (OCPI 2.2.1 "Credentials", registration).
    if (!caller || (access === 'functional' && caller.stage !== 'registered')) throw OcpiError.unauthorized();
    request.ocpi = { caller, requestId, correlationId };
    if (access === 'functional') {
      const routing = checkRouting(request, caller, request.routeOptions.config.ocpiRouting ?? 'party');
      request.ocpi.routing = routing;
      request.ocpi.caller = speakingFor(caller, routing.from);
      reply.headers(routingHeaderValues({ from: routing.to, to: routing.from }));
    }
  });

  app.setErrorHandler(async (error: FastifyError | OcpiError, request, reply) => sendError(error, request, reply));

  app.setNotFoundHandler(async (request, reply) => {
    await sendError(OcpiError.notFound(`No OCPI endpoint at ${request.method} ${request.url.split('?')[0]}`), request, reply);
  });
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single === '' ? undefined : single;
}

/**
 * The from headers must name one of the caller's own parties and the to headers our party of this
 * connection (OCPI 2.2.1 "Transport and format", routing headers), or on hub routes any party the
 * hub may forward to. A partner with a single party that omits them is still understood; ambiguity
 * is an error naming the header.
 */
function checkRouting(request: FastifyRequest, caller: OcpiCaller, mode: OcpiRouting): RoutingHeaders {
  const from = partyFromHeaders(request, OcpiHeader.FromCountryCode, OcpiHeader.FromPartyId);
  const to = partyFromHeaders(request, OcpiHeader.ToCountryCode, OcpiHeader.ToPartyId);

  let fromParty: PartyRef;
  if (from) {
    if (!caller.parties.some((p) => sameParty(p, from))) {
      throw new OcpiError(OcpiStatus.InvalidParameters, `Invalid header OCPI-from-party-id: ${formatParty(from)} is not a party of the authenticated platform`, 403);
    }
    fromParty = from;
  } else {
    const distinct = uniqueParties(caller.parties);
    if (distinct.length !== 1) throw OcpiError.invalid('Missing header OCPI-from-country-code / OCPI-from-party-id: the platform has several parties');
    fromParty = distinct[0]!;
  }
  if (to && !sameParty(to, caller.localParty)) {
    if (mode === 'hub') return { from: fromParty, to };
    throw new OcpiError(OcpiStatus.InvalidParameters, `Invalid header OCPI-to-party-id: ${formatParty(to)} is not reachable on this connection`, 403);
  }
  return { from: fromParty, to: caller.localParty };
}

/**
 * A hub's connection speaks for every party behind it, but each request it forwards for one: the
 * party in OCPI-from (OCPI 2.2.1 "Message routing"). Whatever a route grants "the caller's parties"
 * it then grants that party alone, so one party behind a hub never reads or writes another's
 * objects. What the hub sends as itself (broadcasts) keeps the whole connection's parties: the hub
 * vouches for the owner.
 */
function speakingFor(caller: OcpiCaller, from: PartyRef): OcpiCaller {
  const hubs = caller.parties.filter((p) => p.role === 'HUB');
  if (hubs.length === 0 || hubs.some((p) => sameParty(p, from))) return caller;
  return { ...caller, parties: caller.parties.filter((p) => sameParty(p, from)) };
}

function partyFromHeaders(request: FastifyRequest, countryHeader: string, partyHeader: string): PartyRef | null {
  const countryCode = headerValue(request, countryHeader);
  const partyId = headerValue(request, partyHeader);
  if (countryCode === undefined && partyId === undefined) return null;
  if (countryCode === undefined || partyId === undefined) {
    throw OcpiError.invalid(`Missing header ${countryCode === undefined ? countryHeader : partyHeader}: routing headers come in pairs`);
  }
  return { countryCode, partyId };
}

function uniqueParties(parties: readonly PartyRef[]): PartyRef[] {
  const out: PartyRef[] = [];
  for (const p of parties) if (!out.some((o) => sameParty(o, p))) out.push(p);
  return out;
}

async function sendError(error: FastifyError | OcpiError, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const ocpiError = toOcpiError(error);
  if (ocpiError.httpStatus >= 500) request.log.error({ err: error }, 'OCPI request failed');
  else request.log.info({ statusCode: ocpiError.statusCode, message: ocpiError.message }, 'OCPI request refused');
  await reply.code(ocpiError.httpStatus).type('application/json').send(errorEnvelope(ocpiError));
}

function toOcpiError(error: FastifyError | OcpiError): OcpiError {
  if (error instanceof OcpiError) return error;
  const code = (error as FastifyError).code ?? '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new OcpiError(OcpiStatus.ClientError, 'Request body too large', 413);
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new OcpiError(OcpiStatus.InvalidParameters, 'Unsupported Content-Type: send application/json', 415);
  // Malformed JSON never reaches the OCPI layer: HTTP 400 (OCPI 2.2.1 "Status codes").
  if (code.startsWith('FST_ERR_CTP_') || (error as SyntaxError) instanceof SyntaxError) {
    return new OcpiError(OcpiStatus.InvalidParameters, `Malformed JSON body: ${error.message}`, 400);
  }
  if ((error as FastifyError).validation) return OcpiError.invalid(`Invalid request: ${error.message}`);
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) return new OcpiError(OcpiStatus.ClientError, error.message, status);
  return new OcpiError(OcpiStatus.ServerError, 'Internal server error', 500);
}
