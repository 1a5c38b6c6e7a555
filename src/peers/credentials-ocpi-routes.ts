import type { FastifyInstance } from 'fastify';
import { successEnvelope } from '../ocpi/envelope.js';
import type { CredentialsService } from './credentials-service.js';

/** Binds the credentials module (OCPI 2.2.1 "Credentials") to its URL; the service does the work. */
export function credentialsOcpiRoutes(app: FastifyInstance, path: string, service: CredentialsService): void {
  const config = { ocpiAccess: 'registration' as const };

  app.get(path, { config }, async (request) => successEnvelope(service.current(request.ocpi.caller)));

  app.post(path, { config }, async (request) => successEnvelope(await service.register(request.ocpi.caller, request.body, request.ocpi.correlationId)));

  app.put(path, { config }, async (request) => successEnvelope(await service.update(request.ocpi.caller, request.body, request.ocpi.correlationId)));

  app.delete(path, { config }, async (request) => {
    await service.unregister(request.ocpi.caller);
    return successEnvelope();
  });
}
