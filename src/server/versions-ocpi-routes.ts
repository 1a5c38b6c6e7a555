import type { FastifyInstance } from 'fastify';
import { successEnvelope } from '../ocpi/envelope.js';
import { SUPPORTED_VERSIONS, versionDetails, type MountedInterface } from '../ocpi/versions.js';

/**
 * The versions module (OCPI 2.2.1 "Versions"): the list of versions and, per version, the
 * endpoints mounted for the roles of the party the caller's connection belongs to.
 */
export function versionsOcpiRoutes(app: FastifyInstance, ocpiBaseUrl: string, mounted: readonly MountedInterface[]): void {
  const config = { ocpiAccess: 'registration' as const };

  app.get('/versions', { config }, async () => successEnvelope(SUPPORTED_VERSIONS.map((version) => ({ version, url: `${ocpiBaseUrl}/${version}` }))));

  for (const version of SUPPORTED_VERSIONS) {
    app.get(`/${version}`, { config }, async (request) => successEnvelope(versionDetails(version, `${ocpiBaseUrl}/${version}`, mounted, request.ocpi.caller.localRoles)));
  }
}
