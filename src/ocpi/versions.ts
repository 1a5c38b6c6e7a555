/** OCPI versions this build speaks, newest first (OCPI 2.2.1 "Versions module"). */
export const SUPPORTED_VERSIONS = ['2.2.1'] as const;
export type SupportedVersion = (typeof SUPPORTED_VERSIONS)[number];

export type ModuleId =
  | 'cdrs'
  | 'chargingprofiles'
  | 'commands'
  | 'credentials'
  | 'hubclientinfo'
  | 'locations'
  | 'sessions'
  | 'tariffs'
  | 'tokens';

export type InterfaceRole = 'SENDER' | 'RECEIVER';

/** A party's role on the OCPI network (OCPI 2.2.1 "Types", Role); evroam hosts these three. */
export type PlatformRole = 'CPO' | 'EMSP' | 'HUB';

export interface VersionEntry {
  version: string;
  url: string;
}

export interface Endpoint {
  identifier: string;
  role: InterfaceRole;
  url: string;
}

export interface VersionDetails {
  version: string;
  endpoints: Endpoint[];
}

/** One mounted module interface and the hosted roles it serves; the source of version details. */
export interface MountedInterface {
  identifier: ModuleId;
  role: InterfaceRole;
  /** Path below the version's base URL, e.g. `sender/locations`. */
  path: string;
  servesRoles: readonly PlatformRole[];
}

export function versionDetails(version: string, baseUrl: string, mounted: readonly MountedInterface[], roles: readonly PlatformRole[]): VersionDetails {
  const endpoints = mounted
    .filter((m) => m.servesRoles.some((r) => roles.includes(r)))
    .map((m) => ({ identifier: m.identifier, role: m.role, url: `${baseUrl}/${m.path}` }));
  return { version, endpoints };
}

/**
 * The newest version both sides speak. Version strings compare numerically per segment, so
 * `2.2.1` > `2.2` and `2.10` > `2.9`.
 */
export function chooseVersion(ours: readonly string[], theirs: readonly VersionEntry[]): VersionEntry | null {
  const mutual = theirs.filter((v) => ours.includes(v.version));
  mutual.sort((a, b) => compareVersions(b.version, a.version));
  return mutual[0] ?? null;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Joins an endpoint URL and path segments whether or not the partner published a trailing slash. */
export function joinUrl(base: string, ...segments: string[]): string {
  return [base.replace(/\/+$/, ''), ...segments.map((s) => encodeURIComponent(s))].join('/');
}
