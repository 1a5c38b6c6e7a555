import { reverseBytes } from '../../ids/rfid-uid.js';
import { canonicalJson } from '../../ocpi/canonical-json.js';
import { formatOcpiDateTime } from '../../ocpi/datetime.js';
import type { PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import { OcpiStatus } from '../../ocpi/status-codes.js';
import { Token } from '../../ocpi/types/tokens.js';
import { parseOcpi } from '../../ocpi/validation.js';
import { pushToPartners } from '../../outbox/fan-out.js';
import type { HostedParty } from '../../peers/hosted-parties.js';
import type { Database } from '../../store/database.js';
import type { TokenBlockReason } from '../../store/tables/token-tables.js';
import { storedUid, type IssuedToken } from './issued-token.js';
import { checkContractId, checkedChargeAt, completeToken } from './token-input.js';
import { TokenRepository, type TokenSearch } from './token-repository.js';

export interface TokenWriteResult {
  issued: IssuedToken;
  outcome: 'created' | 'updated' | 'unchanged';
}

/** Fields an operator may change on an existing token; `valid` goes through block and unblock. */
const CHANGEABLE = ['contract_id', 'visual_number', 'issuer', 'group_id', 'whitelist', 'language', 'default_profile_type', 'energy_contract', 'charge_at'] as const;

/**
 * An eMSP party's tokens: issued, changed, blocked and unblocked, each change pushed to every CPO
 * partner in the transaction that makes it (OCPI 2.2.1 "Tokens", push model: PUT for new or
 * replaced tokens, PATCH for changes, `valid: false` instead of a delete).
 */
export class EmspTokenService {
  constructor(
    private readonly db: Database,
    private readonly wakeOutbox: () => void,
  ) {}

  async get(party: PartyRef, type: string, rawUid: string): Promise<IssuedToken | null> {
    const uid = storedUid(type, rawUid);
    return uid === null ? null : new TokenRepository(this.db).get(party, uid, type);
  }

  search(party: PartyRef, page: PageRequest, search?: TokenSearch): Promise<PageResult<IssuedToken>> {
    return new TokenRepository(this.db).search(party, page, search);
  }

  /** The Sender list partners pull: every token of the party, blocked ones included so a block reaches them. */
  async listForPartners(party: PartyRef, page: PageRequest): Promise<PageResult<Token>> {
    const result = await new TokenRepository(this.db).search(party, page);
    return { items: result.items.map((i) => i.token), total: result.total };
  }

  /** Issues a new token; a token with the same uid and type already issued is a conflict. */
  async create(party: HostedParty, input: unknown): Promise<IssuedToken> {
    const [result] = await this.write(party, [input], () => '', 'create');
    return result!.issued;
  }

  /** Issues or replaces one token. */
  async put(party: HostedParty, input: unknown): Promise<TokenWriteResult> {
    const [result] = await this.write(party, [input], () => '', 'put');
    return result!;
  }

  /** All tokens or none: one bad token writes nothing, and the error names it (`[3].contract_id`). */
  putMany(party: HostedParty, inputs: readonly unknown[]): Promise<TokenWriteResult[]> {
    return this.write(party, inputs, (i) => `[${i}]`, 'put');
  }

  /** Changes some fields; pushed as a PATCH, or as a PUT when a field is removed (a PATCH cannot remove). */
  async update(party: PartyRef, type: string, rawUid: string, changes: Record<string, unknown>): Promise<IssuedToken> {
    for (const field of Object.keys(changes)) {
      if (!(CHANGEABLE as readonly string[]).includes(field)) {
        const hint = field === 'valid' ? 'block or unblock the token instead' : `changeable are ${CHANGEABLE.join(', ')}`;
        throw OcpiError.invalid(`Invalid field ${field}: cannot be changed here (${hint})`);
      }
    }
    return this.change(party, type, rawUid, (current, now) => {
      const fields: Record<string, unknown> = { ...current.token };
      for (const [field, value] of Object.entries(changes)) {
        if (field === 'charge_at') continue;
        if (value === null) delete fields[field];
        else fields[field] = value;
      }
      const token = parseOcpi(Token, { ...fields, last_updated: formatOcpiDateTime(now) });
      if (token.contract_id !== current.token.contract_id) checkContractId(token.contract_id, 'contract_id');
      const chargeAt = 'charge_at' in changes ? checkedChargeAt(changes.charge_at, 'charge_at') : current.chargeAt;
      return { ...current, token, chargeAt };
    });
  }

  /** Sets `valid: false`; the reason is what a real-time authorization answers (BLOCKED, EXPIRED, NO_CREDIT). */
  block(party: PartyRef, type: string, rawUid: string, reason: TokenBlockReason, note: string | null): Promise<IssuedToken> {
    return this.change(party, type, rawUid, (current, now) => ({
      ...current,
      token: current.token.valid ? { ...current.token, valid: false, last_updated: formatOcpiDateTime(now) } : current.token,
      blockReason: reason,
      blockNote: note,
    }));
  }

  unblock(party: PartyRef, type: string, rawUid: string): Promise<IssuedToken> {
    return this.change(party, type, rawUid, (current, now) =>
      current.token.valid ? current : { ...current, token: { ...current.token, valid: true, last_updated: formatOcpiDateTime(now) }, blockReason: null, blockNote: null },
    );
  }

  private async write(party: HostedParty, inputs: readonly unknown[], rootOf: (i: number) => string, mode: 'create' | 'put'): Promise<TokenWriteResult[]> {
    const now = new Date();
    const completed = inputs.map((input, i) => completeToken(party, input, now, rootOf(i)));
    rejectDuplicates(completed, rootOf);
    const results = await this.db.transaction().execute(async (trx) => {
      const repository = new TokenRepository(trx);
      const out: TokenWriteResult[] = [];
      for (const [i, candidate] of completed.entries()) {
        const { token } = candidate;
        const uidField = rootOf(i) ? `${rootOf(i)}.uid` : 'uid';
        const existing = await repository.get(party, token.uid, token.type);
        if (existing && mode === 'create') throw new OcpiError(OcpiStatus.InvalidParameters, `Invalid field ${uidField}: a ${token.type} token ${token.uid} already exists`, 409);
        if (token.type === 'RFID') await rejectReversedTwin(repository, party, token.uid, uidField);
        const issued = existing ? keepManagedFields(candidate, existing, inputs[i] as Record<string, unknown>) : candidate;
        if (existing && sameToken(existing, issued)) {
          out.push({ issued: existing, outcome: 'unchanged' });
          continue;
        }
        const tokenChanged = !existing || !sameOcpi(existing.token, issued.token);
        const stored = tokenChanged ? issued : { ...issued, token: existing.token };
        await repository.save(stored);
        if (tokenChanged) await pushToken(trx, stored.token, 'PUT', stored.token);
        out.push({ issued: stored, outcome: existing ? 'updated' : 'created' });
      }
      return out;
    });
    this.wakeOutbox();
    return results;
  }

  /** Reads, changes and pushes one token in one transaction; nothing is pushed when nothing partners see changed. */
  private async change(party: PartyRef, type: string, rawUid: string, apply: (current: IssuedToken, now: Date) => IssuedToken): Promise<IssuedToken> {
    const uid = storedUid(type, rawUid);
    const result = await this.db.transaction().execute(async (trx) => {
      const repository = new TokenRepository(trx);
      const current = uid === null ? null : await repository.get(party, uid, type);
      if (!current) throw OcpiError.notFound(`No ${type} token ${rawUid}`);
      const next = apply(current, new Date());
      if (sameToken(current, next)) return current;
      const ocpiChanged = !sameOcpi(current.token, next.token);
      const stored = ocpiChanged ? next : { ...next, token: current.token };
      await repository.save(stored);
      if (ocpiChanged) {
        const { method, body } = pushFor(current.token, stored.token);
        await pushToken(trx, stored.token, method, body);
      }
      return stored;
    });
    this.wakeOutbox();
    return result;
  }
}

/**
 * Within one import: the same token twice, or the same card twice in opposite byte orders (some
 * readers report UIDs least significant byte first, roaming-domain notes §3.4).
 */
function rejectDuplicates(tokens: readonly IssuedToken[], rootOf: (i: number) => string): void {
  const seen = new Map<string, number>();
  tokens.forEach(({ token }, i) => {
    const field = rootOf(i) ? `${rootOf(i)}.uid` : 'uid';
    const earlier = seen.get(`${token.type}/${token.uid}`);
    if (earlier !== undefined) throw OcpiError.invalid(`Invalid field ${field}: ${token.type} token ${token.uid} appears twice (also at ${rootOf(earlier)})`);
    if (token.type === 'RFID') {
      const twin = seen.get(`RFID/${reverseBytes(token.uid)}`);
      if (twin !== undefined) throw OcpiError.invalid(`Invalid field ${field}: ${token.uid} is the card at ${rootOf(twin)} read in reversed byte order`);
    }
    seen.set(`${token.type}/${token.uid}`, i);
  });
}

async function rejectReversedTwin(repository: TokenRepository, party: PartyRef, uid: string, field: string): Promise<void> {
  const reversed = reverseBytes(uid);
  if (reversed === uid) return;
  const [twin] = await repository.findRfid(party, [reversed]);
  if (twin) {
    throw new OcpiError(OcpiStatus.InvalidParameters, `Invalid field ${field}: ${uid} is RFID token ${twin.token.uid} (contract ${twin.token.contract_id}) read in reversed byte order`, 409);
  }
}

/**
 * A replacement that leaves out what evroam manages keeps it: re-importing a card list from a CRM
 * must not unblock a stolen card or lift a charging restriction.
 */
function keepManagedFields(candidate: IssuedToken, existing: IssuedToken, input: Record<string, unknown>): IssuedToken {
  const out = { ...candidate };
  if ((input.valid === undefined || input.valid === null) && !existing.token.valid) {
    out.token = { ...candidate.token, valid: false };
    out.blockReason = existing.blockReason;
    out.blockNote = existing.blockNote;
  }
  if (!('charge_at' in input)) out.chargeAt = existing.chargeAt;
  return out;
}

function sameOcpi(a: Token, b: Token): boolean {
  const strip = ({ last_updated: _ignored, ...rest }: Token) => rest;
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

function sameToken(a: IssuedToken, b: IssuedToken): boolean {
  return sameOcpi(a.token, b.token) && canonicalJson([a.blockReason, a.blockNote, a.chargeAt]) === canonicalJson([b.blockReason, b.blockNote, b.chargeAt]);
}

/** PATCH with the changed fields and `last_updated` (mandatory, OCPI 2.2.1 "Tokens", PATCH); PUT when a field went away. */
function pushFor(before: Token, after: Token): { method: 'PUT' | 'PATCH'; body: Record<string, unknown> } {
  const old = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  if (Object.keys(old).some((field) => now[field] === undefined)) return { method: 'PUT', body: now };
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(now)) {
    if (field === 'last_updated' || canonicalJson(value) !== canonicalJson(old[field])) body[field] = value;
  }
  return { method: 'PATCH', body };
}

function pushToken(trx: Database, token: Token, method: 'PUT' | 'PATCH', body: unknown): Promise<number> {
  return pushToPartners(trx, { countryCode: token.country_code, partyId: token.party_id }, 'CPO', {
    kind: `token.${method.toLowerCase()}`,
    module: 'tokens',
    interfaceRole: 'RECEIVER',
    method,
    path: [token.country_code, token.party_id, token.uid],
    query: { type: token.type },
    body,
    reference: token.uid,
  });
}
