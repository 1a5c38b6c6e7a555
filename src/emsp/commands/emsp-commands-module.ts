import { Type } from '@sinclair/typebox';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import { parsePartyIdentity } from '../../ids/party-id.js';
import { successEnvelope } from '../../ocpi/envelope.js';
import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { COMMAND_NAMES, type CommandName } from '../../ocpi/command-requests.js';
import { CommandSenderService } from './command-sender-service.js';

const SendBody = Type.Object(
  {
    to: Type.String({ description: 'the CPO party, e.g. NL-CPO' }),
    command: Type.Union(COMMAND_NAMES.map((c) => Type.Literal(c))),
  },
  { additionalProperties: true, description: 'plus the command fields of OCPI 2.2.1 (token, location_id, evse_uid, session_id, …), without response_url' },
);

const RESULTS_PATH = 'sender/commands';

/** The eMSP's commands: an admin API to start/stop/reserve/unlock at a partner, and the result endpoint. */
export function emspCommandsModule(context: ModuleContext): ServiceModule & { service: CommandSenderService } {
  const service = new CommandSenderService({ db: context.db, peers: context.peers, client: context.client, ocpiVersionUrl: context.ocpiVersionUrl, resultsPath: RESULTS_PATH });
  let sweeper: NodeJS.Timeout | null = null;
  return {
    name: 'emsp-commands',
    service,
    mounted: [{ identifier: 'commands', role: 'SENDER', path: RESULTS_PATH, servesRoles: ['EMSP'] }],
    ocpiRoutes: (scope) => {
      scope.post(`/${RESULTS_PATH}/:command/:id`, { config: { ocpiAccess: 'functional' } }, async (request) => {
        const { command, id } = request.params as { command: string; id: string };
        await service.receiveResult(request.ocpi.caller.peerId, command, id, request.body);
        return successEnvelope();
      });
    },
    adminRoutes: (scope) => {
      const partyOf = (params: unknown) => hostedPartyParam(context.hosted, (params as { party: string }).party, 'EMSP');
      scope.post('/parties/:party/commands', { schema: { body: SendBody } }, async (request, reply) => {
        const { to, command, ...fields } = request.body as { to: string; command: CommandName } & Record<string, unknown>;
        const sent = await service.send(partyOf(request.params), parsePartyIdentity(to), command, fields);
        reply.code(201);
        return sent;
      });
      scope.get('/parties/:party/commands', async (request) => service.list(partyOf(request.params)));
      scope.get('/parties/:party/commands/:id', async (request) => {
        const { id } = request.params as { id: string };
        const sent = await service.get(partyOf(request.params), id);
        if (!sent) throw new ApiError(404, `No command ${id}`);
        return sent;
      });
    },
    start: () => {
      sweeper = setInterval(() => {
        service.expireOverdue().catch((error: unknown) => context.log.error({ err: error }, 'command result sweep failed'));
      }, 1000);
    },
    stop: async () => {
      if (sweeper) clearInterval(sweeper);
    },
  };
}
