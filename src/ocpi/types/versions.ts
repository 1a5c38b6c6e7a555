/** Versions module objects (OCPI 2.2.1 "Version information endpoint"). */
import { Type, type Static } from '@sinclair/typebox';
import { closedEnum, openEnum, Url } from './common.js';

/** Open: a peer may list versions newer than this table (2.3.0 added `2.3.0`). */
export const VersionNumber = openEnum(['2.0', '2.1', '2.1.1', '2.2', '2.2.1']);
export type VersionNumber = Static<typeof VersionNumber>;

/**
 * Open: the spec allows custom modules, advised to be prefixed with the party, e.g. `nltnm-tokens`
 * ("Version information endpoint", Custom Modules).
 */
export const ModuleID = openEnum([
  'cdrs',
  'chargingprofiles',
  'commands',
  'credentials',
  'hubclientinfo',
  'locations',
  'sessions',
  'tariffs',
  'tokens',
]);
export type ModuleID = Static<typeof ModuleID>;

export const InterfaceRole = closedEnum(['SENDER', 'RECEIVER']);
export type InterfaceRole = Static<typeof InterfaceRole>;

/** One entry of the version information endpoint's list. */
export const Version = Type.Object({
  version: VersionNumber,
  url: Url,
});
export type Version = Static<typeof Version>;

/**
 * A module interface offered by a platform. For `credentials` the role carries no meaning; peers
 * send either value.
 */
export const Endpoint = Type.Object({
  identifier: ModuleID,
  role: InterfaceRole,
  url: Url,
});
export type Endpoint = Static<typeof Endpoint>;

export const VersionDetails = Type.Object({
  version: VersionNumber,
  endpoints: Type.Array(Endpoint, { minItems: 1 }),
});
export type VersionDetails = Static<typeof VersionDetails>;
