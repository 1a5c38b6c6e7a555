import type { PartyRef } from '../headers.js';
import type { PlatformRole } from '../versions.js';

/**
 * The authenticated partner platform behind a request. The OCPI layer only needs these facts; where
 * they come from (the peer registry) is the composing service's business.
 */
export interface OcpiCaller {
  peerId: string;
  /** `pending` while the handshake runs (token A or B): only versions and credentials are open. */
  stage: 'pending' | 'registered';
  /** The hosted party this connection was made with. */
  localParty: PartyRef;
  localRoles: readonly PlatformRole[];
  /** The partner's parties as its credentials listed them. */
  parties: ReadonlyArray<PartyRef & { role: string }>;
  /** The credentials token as the caller presented it (the registry keeps only its hash). */
  token: string;
}

export interface CallerResolver {
  /** The caller a credentials token belongs to, trying each reading of the header in turn. */
  resolve(tokenCandidates: string[]): Promise<OcpiCaller | null>;
}
