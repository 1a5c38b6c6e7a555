/** HubClientInfo module objects (OCPI 2.2.1 "HubClientInfo"): a hub tells parties who is reachable. */
import { Type, type Static } from '@sinclair/typebox';
import { closedEnum, CountryCode, DateTime, PartyId, Role } from './common.js';

/** OFFLINE: do not send, nothing is queued. SUSPENDED: gone for good. PLANNED: not connected yet. */
export const ConnectionStatus = closedEnum(['CONNECTED', 'OFFLINE', 'PLANNED', 'SUSPENDED']);
export type ConnectionStatus = Static<typeof ConnectionStatus>;

export const ClientInfo = Type.Object({
  party_id: PartyId,
  country_code: CountryCode,
  role: Role,
  status: ConnectionStatus,
  last_updated: DateTime,
});
export type ClientInfo = Static<typeof ClientInfo>;
