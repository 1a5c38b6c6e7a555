import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvroamProcess, PartyOption } from '../support/evroam-process.js';
import { connect, CPO_PARTY, EMSP_PARTY, eventually, outgoingToken, startEvroam } from '../support/roaming-pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const SECOND_EMSP: PartyOption = { countryCode: 'DE', partyId: 'MS2', roles: ['EMSP'], name: 'Second eMSP' };
const CONTRACT = 'DE-8AA-CA2B3C4D5-L';
const postgres = backends.find((b) => b.name === 'postgres')!;

interface Decision {
  allowed: boolean;
  status: string;
  reason: string;
  method: string;
  uid_match: string | null;
  authorization_reference: string | null;
  token: { uid: string } | null;
}
interface Envelope {
  status_code: number;
  status_message?: string;
  data?: unknown;
}


async function ocpi(method: string, url: string, token: string, body?: unknown): Promise<{ status: number; body: Envelope }> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Token ${Buffer.from(token).toString('base64')}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Envelope };
}

describe('tokens between a CPO and an eMSP process', () => {
  const cpoDatabase = postgres.freshUrl();
  const emspDatabase = postgres.freshUrl();
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;
  let cpoPeerOfEmsp: string;

  beforeAll(async () => {
    // Scheduled pulls off: this test decides when the CPO pulls.
    const extra = { syncIntervalMinutes: 0 };
    [cpo, emsp] = await Promise.all([startEvroam({ database: cpoDatabase, parties: [CPO_PARTY], extra }), startEvroam({ database: emspDatabase, parties: [EMSP_PARTY, SECOND_EMSP], extra })]);
  });
  afterAll(async () => {
    await Promise.all([cpo?.stop(), emsp?.stop()]);
    await dropTestSchemas();
  });

  const authorize = async (body: Record<string, unknown>) => {
    const response = await cpo.api<Decision>('POST', '/parties/NL-CPO/authorize', body);
    expect(response.status).toBe(200);
    return response.body;
  };
  const tokenAtCpo = (uid: string) =>
    eventually(async () => (await cpo.api<Array<{ uid: string; valid: boolean }>>('GET', '/parties/NL-CPO/partner-tokens')).body.find((t) => t.uid === uid), 15_000, `token ${uid} at the CPO`);

  it('delivers tokens issued before the connection by pull, and later ones by push', async () => {
    const early = await emsp.api<{ uid: string }>('POST', '/parties/DE-MSP/tokens', { uid: '04:a2:b3:c4', contract_id: CONTRACT, whitelist: 'ALWAYS' });
    expect(early).toMatchObject({ status: 201, body: { uid: '04A2B3C4' } });

    ({ atInviter: cpoPeerOfEmsp } = await connect(cpo, CPO_PARTY, emsp, EMSP_PARTY));
    const card = await emsp.api('POST', '/parties/DE-MSP/tokens', { uid: '11223344556677', contract_id: CONTRACT, whitelist: 'ALWAYS', group_id: 'FLEET-ACME' });
    expect(card.status).toBe(201);
    expect(await tokenAtCpo('11223344556677')).toMatchObject({ valid: true });
    // The early token was issued while nobody was connected: no push carried it.
    expect((await cpo.api<Array<{ uid: string }>>('GET', '/parties/NL-CPO/partner-tokens')).body.map((t) => t.uid)).not.toContain('04A2B3C4');

    const pull = await cpo.cli(['peer', 'pull', '--id', cpoPeerOfEmsp, '--module', 'tokens']);
    expect(pull.code, pull.stderr).toBe(0);
    expect(JSON.parse(pull.stdout)).toMatchObject({ module: 'tokens', received: 2, refused: [] });
    expect(await tokenAtCpo('04A2B3C4')).toMatchObject({ valid: true });
  });

  it('passes a block at the eMSP to the CPO as a PATCH, after which the CPO refuses the card', async () => {
    // The charger reads the card in reversed byte order and lower case; the whitelist (ALWAYS) decides.
    expect(await authorize({ uid: '77665544332211' })).toMatchObject({ allowed: true, method: 'whitelist', uid_match: 'reversed', token: { uid: '11223344556677' } });

    const blocked = await emsp.api('POST', '/parties/DE-MSP/tokens/11223344556677/block', { reason: 'BLOCKED', note: 'reported lost' });
    expect(blocked).toMatchObject({ status: 200, body: { valid: false, block_reason: 'BLOCKED' } });
    const delivered = await eventually(async () => {
      const messages = (await emsp.api<Array<{ kind: string; method: string; status: string }>>('GET', '/outbox?reference=11223344556677')).body;
      return messages.find((m) => m.kind === 'token.patch' && m.status === 'DELIVERED');
    });
    expect(delivered.method).toBe('PATCH');
    expect(await tokenAtCpo('11223344556677')).toMatchObject({ valid: false });
    expect(await authorize({ uid: '11223344556677' })).toMatchObject({ allowed: false, status: 'BLOCKED', reason: 'token_invalid', method: 'whitelist' });

    // A delta pull asks only for what changed since the last pull began: the blocked card.
    const delta = await cpo.cli(['peer', 'pull', '--id', cpoPeerOfEmsp, '--module', 'tokens', '--delta']);
    expect(delta.code, delta.stderr).toBe(0);
    expect(JSON.parse(delta.stdout)).toMatchObject({ mode: 'delta', received: 1, date_from: expect.stringMatching(/^\d{4}-/) });
  });

  it('authorizes a NEVER-whitelisted app token in real time at the eMSP process', async () => {
    const app = await emsp.api<{ uid: string; whitelist: string }>('POST', '/parties/DE-MSP/tokens', { type: 'APP_USER', contract_id: CONTRACT });
    expect(app.body.whitelist).toBe('NEVER');
    await eventually(async () => (await cpo.api<Array<{ uid: string }>>('GET', '/parties/NL-CPO/partner-tokens')).body.find((t) => t.uid === app.body.uid));

    const decision = await authorize({ uid: app.body.uid.toLowerCase(), type: 'APP_USER', location_id: 'LOC1', evse_uids: ['EVSE-1'] });
    expect(decision).toMatchObject({ allowed: true, status: 'ALLOWED', method: 'realtime', reason: 'emsp_answer' });
    expect(decision.authorization_reference).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets no partner read or write the tokens of another', async () => {
    await connect(cpo, CPO_PARTY, emsp, SECOND_EMSP);
    const secondEmspToken = await outgoingToken(emspDatabase, 'MS2', 'CPO');
    const foreign = await ocpi('GET', `${cpo.url}/ocpi/2.2.1/receiver/tokens/DE/MSP/11223344556677`, secondEmspToken);
    expect(foreign.status).toBe(404);
    const forged = await ocpi('PUT', `${cpo.url}/ocpi/2.2.1/receiver/tokens/DE/MSP/AABBCCDD`, secondEmspToken, { country_code: 'DE', party_id: 'MSP', uid: 'AABBCCDD', type: 'RFID', contract_id: CONTRACT, issuer: 'x', valid: true, whitelist: 'ALWAYS', last_updated: '2026-01-01T00:00:00Z' });
    expect(forged.status).toBe(404);
    expect((await authorize({ uid: 'AABBCCDD' })).reason).toBe('unknown_token');

    // At the eMSP, the CPO's connection with the second eMSP sees that party's tokens only (none).
    const cpoTowardsSecond = await outgoingToken(cpoDatabase, 'CPO', 'MS2');
    const cpoTowardsFirst = await outgoingToken(cpoDatabase, 'CPO', 'MSP');
    expect((await ocpi('GET', `${emsp.url}/ocpi/2.2.1/sender/tokens`, cpoTowardsSecond)).body.data).toEqual([]);
    expect(((await ocpi('GET', `${emsp.url}/ocpi/2.2.1/sender/tokens`, cpoTowardsFirst)).body.data as unknown[]).length).toBe(3);
  });

  it('refuses bad payloads on the receiver with 2001 naming the field, and stores nothing', async () => {
    const token = await outgoingToken(emspDatabase, 'MSP', 'CPO');
    const url = `${cpo.url}/ocpi/2.2.1/receiver/tokens/DE/MSP/CAFEBABE`;
    const good = { country_code: 'DE', party_id: 'MSP', uid: 'CAFEBABE', type: 'RFID', contract_id: CONTRACT, issuer: 'Test eMSP', valid: true, whitelist: 'ALWAYS', last_updated: '2026-01-01T00:00:00Z' };

    const { contract_id: _dropped, ...missing } = good;
    const noContract = await ocpi('PUT', url, token, missing);
    expect(noContract.status).toBe(200);
    expect(noContract.body).toMatchObject({ status_code: 2001, status_message: expect.stringMatching(/contract_id/) });
    expect((await ocpi('PUT', url, token, { ...good, uid: 'CAFEBABF' })).body).toMatchObject({ status_code: 2001, status_message: expect.stringMatching(/^Invalid field uid/) });
    expect((await ocpi('PUT', url, token, { ...good, whitelist: 'MAYBE' })).body).toMatchObject({ status_code: 2001, status_message: expect.stringMatching(/whitelist/) });
    expect((await ocpi('GET', url, token)).status).toBe(404);

    const patchUrl = `${cpo.url}/ocpi/2.2.1/receiver/tokens/DE/MSP/11223344556677`;
    expect((await ocpi('PATCH', patchUrl, token, { valid: true })).body).toMatchObject({ status_code: 2001, status_message: expect.stringMatching(/last_updated/) });
    expect((await ocpi('GET', patchUrl, token)).body.data).toMatchObject({ valid: false });
  });

  it('imports tokens through the CLI; without the eMSP, ALLOWED_OFFLINE is accepted by fallback and ALLOWED is not', async () => {
    const ocpiToken = (uid: string, whitelist: string, contract = CONTRACT) => ({ country_code: 'DE', party_id: 'MSP', uid, type: 'RFID', contract_id: contract, issuer: 'Test eMSP', valid: true, whitelist, last_updated: '2026-01-01T00:00:00Z' });
    const badFile = join(emsp.directory, 'bad-tokens.json');
    writeFileSync(badFile, JSON.stringify([ocpiToken('A1A2A3A4', 'ALLOWED_OFFLINE'), ocpiToken('B1B2B3B4', 'ALLOWED', 'DE-8AA-CA2B3C4D5-N')]));
    const refused = await emsp.cli(['import', 'tokens', badFile, '--party', 'DE-MSP']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\[1\]\.contract_id/);

    const file = join(emsp.directory, 'tokens.json');
    writeFileSync(file, JSON.stringify([ocpiToken('A1A2A3A4', 'ALLOWED_OFFLINE'), ocpiToken('B1B2B3B4', 'ALLOWED')]));
    const imported = await emsp.cli(['import', 'tokens', file, '--party', 'DE-MSP']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    await tokenAtCpo('A1A2A3A4');
    await tokenAtCpo('B1B2B3B4');
    expect(await authorize({ uid: 'b1b2b3b4' })).toMatchObject({ allowed: true, method: 'realtime' });

    await emsp.stop();
    expect(await authorize({ uid: 'A1A2A3A4' })).toMatchObject({ allowed: true, status: 'ALLOWED', method: 'offline_fallback', reason: 'offline_allowed', authorization_reference: null });
    expect(await authorize({ uid: 'B1B2B3B4' })).toMatchObject({ allowed: false, status: 'NOT_ALLOWED', method: 'offline_fallback', reason: 'emsp_unreachable' });
  });
});
