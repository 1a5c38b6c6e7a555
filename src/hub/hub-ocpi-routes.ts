import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { successEnvelope } from '../ocpi/envelope.js';
import type { OcpiCaller } from '../ocpi/fastify/ocpi-caller.js';
import { OcpiError } from '../ocpi/ocpi-error.js';
import { pageHeaders, parsePageRequest } from '../ocpi/pagination.js';
import type { ClientInfoService } from './client-info-service.js';
import type { HubAnswer, HubCall } from './hub-call.js';
import { HUB_CLIENT_INFO_PATH, HUB_PROXY_PATH, hubPath, INTERFACE_ROLES, ROUTED_MODULES } from './hub-interfaces.js';
import type { HubRouter } from './hub-router.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Binds the hub's interfaces: every routed module in both roles at `hub/{sender|receiver}/{module}`
 * (and everything below it), the stand-in URLs at `hub/proxy/{id}`, and the HubClientInfo Sender
 * list. Routing headers may name any party (`ocpiRouting: 'hub'`).
 */
export function hubOcpiRoutes(app: FastifyInstance, router: HubRouter, clients: ClientInfoService, publicUrl: string, pageLimit: number): void {
  const config = { ocpiAccess: 'functional' as const, ocpiRouting: 'hub' as const };
  for (const module of ROUTED_MODULES) {
    for (const role of INTERFACE_ROLES) {
      const handler = async (request: FastifyRequest, reply: FastifyReply) => {
        requireHub(request.ocpi.caller);
        const rest = (request.params as { '*'?: string })['*'] ?? '';
        return send(reply, await router.handle({ ...callOf(request, publicUrl), module, role, path: rest.split('/').filter((s) => s !== '') }));
      };
      const base = `/${hubPath(module, role)}`;
      app.route({ method: [...METHODS], url: base, config, handler });
      app.route({ method: [...METHODS], url: `${base}/*`, config, handler });
    }
  }

  app.route({
    method: [...METHODS],
    url: `/${HUB_PROXY_PATH}/:id`,
    config,
    handler: async (request, reply) => {
      requireHub(request.ocpi.caller);
      return send(reply, await router.proxy({ ...callOf(request, publicUrl), path: [] }, (request.params as { id: string }).id));
    },
  });

  // A configuration module: no routing headers (OCPI 2.2.1 "HubClientInfo"), so the handshake-level access.
  app.get(`/${HUB_CLIENT_INFO_PATH}`, { config: { ocpiAccess: 'registration' } }, async (request, reply) => {
    const { caller } = request.ocpi;
    if (caller.stage !== 'registered') throw OcpiError.unauthorized('Finish the credentials handshake first');
    requireHub(caller);
    const page = parsePageRequest(request.query as Record<string, unknown>, pageLimit);
    const result = await clients.visibleTo(caller.localParty, caller.parties, caller.peerId, page);
    reply.headers(pageHeaders(new URL(request.url, publicUrl), page, result.items.length, result.total, pageLimit));
    return successEnvelope(result.items);
  });
}

function callOf(request: FastifyRequest, publicUrl: string): Omit<HubCall, 'module' | 'role' | 'path'> {
  const { caller, routing, requestId, correlationId } = request.ocpi;
  const queryAt = request.url.indexOf('?');
  return {
    caller,
    routing: routing!,
    requestId,
    correlationId,
    method: request.method,
    search: queryAt === -1 ? '' : request.url.slice(queryAt),
    body: request.body,
    url: new URL(request.url, publicUrl),
  };
}

/** Our party of this connection must be a hub: other deployments have no hub interfaces. */
function requireHub(caller: OcpiCaller): void {
  if (!caller.localRoles.includes('HUB')) throw OcpiError.notFound(`${caller.localParty.countryCode}-${caller.localParty.partyId} is not a hub`);
}

async function send(reply: FastifyReply, answer: HubAnswer): Promise<FastifyReply> {
  return reply.code(answer.httpStatus).headers(answer.headers).type('application/json').send(answer.body);
}
