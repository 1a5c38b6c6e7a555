import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthorizationRepository } from '../../src/cpo/authorization/authorization-repository.js';
import { AuthorizationService } from '../../src/cpo/authorization/authorization-service.js';
import type { RealtimeAuthorizer, RealtimeOutcome } from '../../src/cpo/authorization/emsp-realtime-authorizer.js';
import { PartnerTokens } from '../../src/cpo/tokens/partner-tokens.js';
import type { Token } from '../../src/ocpi/types/tokens.js';
import { PartnerObjectRepository } from '../../src/partner-data/partner-object-repository.js';
import type { Peer } from '../../src/peers/peer.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { CPO, EMSP, emptyTables, partnerToken, registeredPeer } from '../tokens/support.js';

type EmspBehaviour = 'answers ALLOWED' | 'answers BLOCKED' | 'is unreachable';

/** A token's eMSP as the tests need it: answering, refusing, or gone. Counts the questions asked. */
class ScriptedEmsp implements RealtimeAuthorizer {
  asked: Array<{ uid: string; location: unknown }> = [];
  next: RealtimeOutcome | EmspBehaviour = 'answers ALLOWED';

  async authorize(cached: { token: Token }, _local: unknown, location: unknown): Promise<RealtimeOutcome> {
    this.asked.push({ uid: cached.token.uid, location });
    if (typeof this.next !== 'string') return this.next;
    if (this.next === 'is unreachable') return { kind: 'no_answer', message: 'connect ECONNREFUSED' };
    const allowed = this.next === 'answers ALLOWED' ? 'ALLOWED' : 'BLOCKED';
    return { kind: 'answer', info: { allowed, token: { ...cached.token, valid: allowed === 'ALLOWED' }, ...(allowed === 'ALLOWED' && { authorization_reference: 'REF-1' }) } };
  }
}

// The whitelist matrix (OCPI 2.2.1 "Tokens", WhitelistType), `valid` kept apart from it.
const MATRIX: Array<{ whitelist: string; valid: boolean; emsp: EmspBehaviour; asks: boolean; allowed: boolean; status: string; method: string; reason: string }> = [
  { whitelist: 'ALWAYS', valid: true, emsp: 'is unreachable', asks: false, allowed: true, status: 'ALLOWED', method: 'whitelist', reason: 'whitelisted' },
  { whitelist: 'ALWAYS', valid: false, emsp: 'answers ALLOWED', asks: false, allowed: false, status: 'BLOCKED', method: 'whitelist', reason: 'token_invalid' },
  { whitelist: 'ALLOWED', valid: true, emsp: 'answers ALLOWED', asks: true, allowed: true, status: 'ALLOWED', method: 'realtime', reason: 'emsp_answer' },
  { whitelist: 'ALLOWED', valid: true, emsp: 'is unreachable', asks: true, allowed: false, status: 'NOT_ALLOWED', method: 'offline_fallback', reason: 'emsp_unreachable' },
  { whitelist: 'ALLOWED_OFFLINE', valid: true, emsp: 'answers BLOCKED', asks: true, allowed: false, status: 'BLOCKED', method: 'realtime', reason: 'emsp_answer' },
  { whitelist: 'ALLOWED_OFFLINE', valid: true, emsp: 'is unreachable', asks: true, allowed: true, status: 'ALLOWED', method: 'offline_fallback', reason: 'offline_allowed' },
  { whitelist: 'ALLOWED_OFFLINE', valid: false, emsp: 'is unreachable', asks: true, allowed: false, status: 'BLOCKED', method: 'offline_fallback', reason: 'token_invalid' },
  // valid=false does not skip the question: the token's state may have changed since.
  { whitelist: 'ALLOWED_OFFLINE', valid: false, emsp: 'answers ALLOWED', asks: true, allowed: true, status: 'ALLOWED', method: 'realtime', reason: 'emsp_answer' },
  { whitelist: 'NEVER', valid: false, emsp: 'answers ALLOWED', asks: true, allowed: true, status: 'ALLOWED', method: 'realtime', reason: 'emsp_answer' },
  { whitelist: 'NEVER', valid: true, emsp: 'answers BLOCKED', asks: true, allowed: false, status: 'BLOCKED', method: 'realtime', reason: 'emsp_answer' },
  { whitelist: 'NEVER', valid: true, emsp: 'is unreachable', asks: true, allowed: false, status: 'NOT_ALLOWED', method: 'offline_fallback', reason: 'emsp_unreachable' },
];

describe.each(backends)("the CPO's authorization service on $name", (backend) => {
  let database: OpenedDatabase;
  let tokens: PartnerTokens;
  let emsp: ScriptedEmsp;
  let service: AuthorizationService;
  let emspPeer: Peer;

  beforeAll(async () => {
    database = await openDatabase(backend.freshUrl());
    tokens = new PartnerTokens(database.db, new PartnerObjectRepository(database.db));
  });
  beforeEach(async () => {
    await emptyTables(database.db);
    emspPeer = await registeredPeer(database.db, CPO, { ...EMSP, role: 'EMSP' });
    emsp = new ScriptedEmsp();
    service = new AuthorizationService({ tokens, realtime: emsp, decisions: new AuthorizationRepository(database.db), log: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await database?.close();
    await dropTestSchemas();
  });

  it.each(MATRIX)('$whitelist token, valid=$valid, eMSP $emsp → allowed=$allowed by $method', async (row) => {
    await tokens.store(CPO, EMSP, partnerToken({ whitelist: row.whitelist, valid: row.valid }), emspPeer.id);
    emsp.next = row.emsp;
    const decision = await service.authorize({ party: CPO, uid: '04a2b3c4d5e680' });
    expect(emsp.asked.length > 0).toBe(row.asks);
    expect(decision).toMatchObject({ allowed: row.allowed, status: row.status, method: row.method, reason: row.reason, emsp_party: { country_code: 'DE', party_id: 'MSP' } });
    expect(decision.authorization_reference).toBe(row.allowed && row.method === 'realtime' ? 'REF-1' : null);
    const recorded = await database.db.selectFrom('cpo_authorization').select(['uid', 'allowed', 'status', 'method', 'reason', 'emsp_party_id']).execute();
    expect(recorded).toEqual([{ uid: '04a2b3c4d5e680', allowed: row.allowed, status: row.status, method: row.method, reason: row.reason, emsp_party_id: 'MSP' }]);
  });

  it('finds a card the charger reads in reversed byte order, and says so', async () => {
    await tokens.store(CPO, EMSP, partnerToken(), emspPeer.id);
    const decision = await service.authorize({ party: CPO, uid: '80:e6:d5:c4:b3:a2:04' });
    expect(decision).toMatchObject({ allowed: true, uid_match: 'reversed', token: { uid: '04A2B3C4D5E680' } });
  });

  it('refuses a token no connected eMSP gave, without asking anyone, and records it', async () => {
    const decision = await service.authorize({ party: CPO, uid: 'AABBCCDD' });
    expect(decision).toMatchObject({ allowed: false, status: 'NOT_ALLOWED', reason: 'unknown_token', token: null, emsp_party: null });
    expect(emsp.asked).toEqual([]);
    expect(await database.db.selectFrom('cpo_authorization').select(['reason', 'emsp_party_id']).execute()).toEqual([{ reason: 'unknown_token', emsp_party_id: null }]);
  });

  it('sends the location and EVSE, and refuses when the eMSP allows the token only at other EVSEs', async () => {
    await tokens.store(CPO, EMSP, partnerToken({ whitelist: 'NEVER' }), emspPeer.id);
    emsp.next = { kind: 'answer', info: { allowed: 'ALLOWED', token: partnerToken({ whitelist: 'NEVER' }) as Token, location: { location_id: 'LOC1', evse_uids: ['EVSE-2'] } } };
    const decision = await service.authorize({ party: CPO, uid: '04A2B3C4D5E680', location_id: 'LOC1', evse_uids: ['EVSE-1'] });
    expect(emsp.asked[0]!.location).toEqual({ location_id: 'LOC1', evse_uids: ['EVSE-1'] });
    expect(decision).toMatchObject({ allowed: false, status: 'NOT_ALLOWED', reason: 'evse_not_allowed', location: { evse_uids: ['EVSE-2'] } });
  });

  it('refuses when the eMSP does not know the token or rejects the request, whatever the whitelist', async () => {
    await tokens.store(CPO, EMSP, partnerToken({ whitelist: 'ALLOWED_OFFLINE' }), emspPeer.id);
    emsp.next = { kind: 'unknown_token' };
    expect(await service.authorize({ party: CPO, uid: '04A2B3C4D5E680' })).toMatchObject({ allowed: false, reason: 'unknown_token', method: 'realtime' });
    emsp.next = { kind: 'refused', message: 'OCPI 2002' };
    expect(await service.authorize({ party: CPO, uid: '04A2B3C4D5E680' })).toMatchObject({ allowed: false, reason: 'emsp_error', method: 'realtime' });
  });
});
