import type { InterfaceRole, MountedInterface } from '../ocpi/versions.js';

/** The functional modules a hub routes (OCPI 2.2.1 "Message routing"); HubClientInfo is its own. */
export const ROUTED_MODULES = ['cdrs', 'chargingprofiles', 'commands', 'locations', 'sessions', 'tariffs', 'tokens'] as const;
export type RoutedModule = (typeof ROUTED_MODULES)[number];

export const INTERFACE_ROLES: readonly InterfaceRole[] = ['SENDER', 'RECEIVER'];

/** Modules whose pushes may be broadcast through the hub (spec: Locations, Tariffs, Tokens; never Sessions or CDRs). */
export const BROADCAST_MODULES: readonly RoutedModule[] = ['locations', 'tariffs', 'tokens'];

/** Modules whose pushes the hub keeps, so that a list addressed to the hub itself can be answered. */
export const STORED_MODULES: readonly RoutedModule[] = ['cdrs', 'locations', 'sessions', 'tariffs', 'tokens'];

/** Who implements each module's Sender interface; the Receiver is the other side. */
const SENDER_ROLE: Record<RoutedModule, 'CPO' | 'EMSP'> = {
  cdrs: 'CPO',
  chargingprofiles: 'EMSP',
  commands: 'EMSP',
  locations: 'CPO',
  sessions: 'CPO',
  tariffs: 'CPO',
  tokens: 'EMSP',
};

/** The role of the party serving `module`'s `role` interface: where a request to it is routed. */
export function servingRole(module: RoutedModule, role: InterfaceRole): 'CPO' | 'EMSP' {
  const sender = SENDER_ROLE[module];
  if (role === 'SENDER') return sender;
  return sender === 'CPO' ? 'EMSP' : 'CPO';
}

export function isRoutedModule(value: string): value is RoutedModule {
  return (ROUTED_MODULES as readonly string[]).includes(value);
}

/** Path of the hub's own interface below the version URL, e.g. `hub/sender/locations`. */
export function hubPath(module: string, role: InterfaceRole): string {
  return `hub/${role.toLowerCase()}/${module}`;
}

export const HUB_CLIENT_INFO_PATH = hubPath('hubclientinfo', 'SENDER');

/** Stand-in URLs for platform URLs the hub proxies (see url-stand-ins.ts). */
export const HUB_PROXY_PATH = 'hub/proxy';

/** Every interface a HUB party lists in its version details: each routed module in both roles, and HubClientInfo. */
export const HUB_INTERFACES: readonly MountedInterface[] = [
  ...ROUTED_MODULES.flatMap((identifier) => INTERFACE_ROLES.map((role) => ({ identifier, role, path: hubPath(identifier, role), servesRoles: ['HUB' as const] }))),
  { identifier: 'hubclientinfo', role: 'SENDER', path: HUB_CLIENT_INFO_PATH, servesRoles: ['HUB'] },
];
