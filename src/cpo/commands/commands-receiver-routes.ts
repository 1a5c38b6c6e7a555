import type { FastifyInstance } from 'fastify';
import { successEnvelope } from '../../ocpi/envelope.js';
import type { CommandReceiverService } from './command-receiver-service.js';

/** The CPO's Commands receiver interface: `POST {commands_url}/{command}` (OCPI 2.2.1 "Commands"). */
export function commandsReceiverRoutes(app: FastifyInstance, path: string, service: CommandReceiverService): void {
  app.post(`${path}/:command`, { config: { ocpiAccess: 'functional' } }, async (request) => {
    const { command } = request.params as { command: string };
    const { caller, routing } = request.ocpi;
    return successEnvelope(await service.receive(caller.localParty, routing!.from, caller.peerId, command.toUpperCase(), request.body));
  });
}
