import type { PartyRef } from '../../ocpi/headers.js';

/** Answers whether a token is one our eMSP parties issued; the CDR check asks it for every CDR. */
export interface TokenDirectory {
  /** OCPI tokens are unique per issuer, uid and type (OCPI 2.2.1 "Tokens"). */
  exists(countryCode: string, partyId: string, uid: string, type: string): Promise<boolean>;
}

/** The part of the eMSP's token service a directory needs. */
export interface IssuedTokenLookup {
  get(party: PartyRef, type: string, uid: string): Promise<unknown>;
}

/** The directory over the tokens our eMSP parties issued: every uid, every type. */
export class IssuedTokenDirectory implements TokenDirectory {
  constructor(private readonly tokens: IssuedTokenLookup) {}

  async exists(countryCode: string, partyId: string, uid: string, type: string): Promise<boolean> {
    return (await this.tokens.get({ countryCode, partyId }, type, uid)) !== null;
  }
}
