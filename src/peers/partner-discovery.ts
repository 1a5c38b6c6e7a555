import { OcpiClient, type OcpiCallTarget } from '../ocpi/ocpi-client.js';
import { OcpiError } from '../ocpi/ocpi-error.js';
import { OcpiStatus } from '../ocpi/status-codes.js';
import { Version, VersionDetails } from '../ocpi/types/versions.js';
import { findProblems } from '../ocpi/validation.js';
import { chooseVersion, SUPPORTED_VERSIONS, type Endpoint } from '../ocpi/versions.js';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { TokenEncoding } from '../ocpi/auth-header.js';

export interface DiscoveredPlatform {
  version: string;
  endpoints: Endpoint[];
  /** The Authorization header form the partner accepted. */
  encoding: TokenEncoding;
}

/**
 * Reads a partner's versions and the details of the newest mutual version: step 2 (and step 4 for
 * the receiving side) of the registration handshake (OCPI 2.2.1 "Credentials"). Failures carry the
 * status code the handshake must answer with: 3001 unreachable, 3002 no mutual version, 3003 no
 * credentials endpoint.
 */
export async function discoverPlatform(client: OcpiClient, versionsUrl: string, token: string, correlationId?: string): Promise<DiscoveredPlatform> {
  const { versions, encoding } = await fetchVersions(client, versionsUrl, token, correlationId);
  const chosen = chooseVersion(SUPPORTED_VERSIONS, versions);
  if (!chosen) {
    const offered = versions.map((v) => v.version).join(', ') || 'none';
    throw new OcpiError(OcpiStatus.UnsupportedVersion, `No mutual OCPI version: partner offers ${offered}, we speak ${SUPPORTED_VERSIONS.join(', ')}`);
  }
  const details = checked(VersionDetails, await call(client, chosen.url, { token, encoding, correlationId }), `version details at ${chosen.url}`);
  if (!details.endpoints.some((e) => e.identifier === 'credentials')) {
    throw new OcpiError(OcpiStatus.NoMatchingEndpoints, `Partner's ${chosen.version} version details list no credentials endpoint`);
  }
  return { version: chosen.version, endpoints: details.endpoints as Endpoint[], encoding };
}

/** Base64 first as 2.2.1 asks; a partner that refuses it with 401 is tried once with the raw token. */
async function fetchVersions(client: OcpiClient, url: string, token: string, correlationId?: string) {
  for (const encoding of ['base64', 'raw'] as const) {
    try {
      const data = await call(client, url, { token, encoding, correlationId });
      return { versions: checked(Type.Array(Version), data, `versions at ${url}`), encoding };
    } catch (error) {
      if (!(error instanceof OcpiError && error.httpStatus === 401 && encoding === 'base64')) throw error;
    }
  }
  throw new OcpiError(OcpiStatus.UnableToUseClientApi, `Partner refused our token at ${url}`);
}

async function call(client: OcpiClient, url: string, target: OcpiCallTarget): Promise<unknown> {
  try {
    return await client.get<unknown>(url, target);
  } catch (error) {
    if (error instanceof OcpiError && error.httpStatus === 401) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new OcpiError(OcpiStatus.UnableToUseClientApi, `Unable to use the partner's API: ${reason}`);
  }
}

function checked<T extends TSchema>(schema: T, value: unknown, what: string): Static<T> {
  const problems = findProblems(schema, value);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new OcpiError(OcpiStatus.UnableToUseClientApi, `Partner's ${what} is invalid: ${first.field} ${first.message}`);
  }
  return value as Static<T>;
}
