import { Type } from '@sinclair/typebox';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import type { CommandResultType } from '../../ocpi/types/commands.js';
import type { ModuleContext, ServiceModule } from '../../server/service-module.js';
import { AnswerFromOutside, type ChargerPort } from './charger-port.js';
import { CommandReceiverService, type CommandTargets } from './command-receiver-service.js';
import { commandsReceiverRoutes } from './commands-receiver-routes.js';

const ResultBody = Type.Object({
  result: Type.Union(['ACCEPTED', 'CANCELED_RESERVATION', 'EVSE_OCCUPIED', 'EVSE_INOPERATIVE', 'FAILED', 'NOT_SUPPORTED', 'REJECTED', 'TIMEOUT', 'UNKNOWN_RESERVATION'].map((r) => Type.Literal(r))),
  message: Type.Optional(Type.String({ maxLength: 512 })),
});

/** The CPO's commands: the OCPI receiver, the charger port, answers and timeouts. */
export function cpoCommandsModule(context: ModuleContext, targets: CommandTargets, charger: ChargerPort = new AnswerFromOutside(context.config.commandTimeoutSeconds)): ServiceModule & { service: CommandReceiverService } {
  const service = new CommandReceiverService({ db: context.db, charger, targets, wakeOutbox: context.wakeOutbox, log: context.log });
  let sweeper: NodeJS.Timeout | null = null;
  return {
    name: 'cpo-commands',
    service,
    mounted: [{ identifier: 'commands', role: 'RECEIVER', path: 'receiver/commands', servesRoles: ['CPO'] }],
    ocpiRoutes: (scope) => commandsReceiverRoutes(scope, '/receiver/commands', service),
    adminRoutes: (scope) => {
      scope.get('/parties/:party/charger-commands', async (request) => service.list(hostedPartyParam(context.hosted, (request.params as { party: string }).party, 'CPO')));
      scope.post('/parties/:party/charger-commands/:id/result', { schema: { body: ResultBody } }, async (request) => {
        hostedPartyParam(context.hosted, (request.params as { party: string }).party, 'CPO');
        const { id } = request.params as { id: string };
        const body = request.body as { result: CommandResultType; message?: string };
        if (!(await service.report(id, body.result, body.message))) throw new ApiError(409, `Command ${id} is unknown or already answered`);
        return { reported: id, result: body.result };
      });
    },
    start: () => {
      sweeper = setInterval(() => {
        service.expireOverdue().catch((error: unknown) => context.log.error({ err: error }, 'command timeout sweep failed'));
      }, 1000);
    },
    stop: async () => {
      if (sweeper) clearInterval(sweeper);
    },
  };
}
