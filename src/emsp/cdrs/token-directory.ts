import type { PartyRef } from '../../ocpi/headers.js';

/** What the CDR receiver needs of a token our eMSP parties issued. */
export interface IssuedTokenEntry {
  /** The driver group (upper case), which retail plans may be priced by; null without one. */
  group: string | null;
}

/** Finds the tokens our eMSP parties issued; the CDR receiver asks it once per CDR. */
export interface TokenDirectory {
  /** OCPI tokens are unique per issuer, uid and type (OCPI 2.2.1 "Tokens"). Null: not one of ours. */
  find(countryCode: string, partyId: string, uid: string, type: string): Promise<IssuedTokenEntry | null>;
}

/** The part of the eMSP's token service a directory needs. */
export interface IssuedTokenLookup {
  get(party: PartyRef, type: string, uid: string): Promise<{ token: { group_id?: string } } | null>;
}

/** The directory over the tokens our eMSP parties issued: every uid, every type. */
export class IssuedTokenDirectory implements TokenDirectory {
  constructor(private readonly tokens: IssuedTokenLookup) {}

  async find(countryCode: string, partyId: string, uid: string, type: string): Promise<IssuedTokenEntry | null> {
    const issued = await this.tokens.get({ countryCode, partyId }, type, uid);
    return issued === null ? null : { group: issued.token.group_id?.toUpperCase() ?? null };
  }
}
