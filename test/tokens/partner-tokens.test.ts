import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PartnerTokens } from '../../src/cpo/tokens/partner-tokens.js';
import { OcpiError } from '../../src/ocpi/ocpi-error.js';
import { PartnerObjectRepository } from '../../src/partner-data/partner-object-repository.js';
import type { Peer } from '../../src/peers/peer.js';
import { PeerRepository } from '../../src/peers/peer-repository.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { CPO, EMSP, emptyTables, partnerToken, registeredPeer } from './support.js';

const OTHER_EMSP = { countryCode: 'FR', partyId: 'XYZ' };

describe.each(backends)("a CPO's cache of its eMSPs' tokens on $name", (backend) => {
  let database: OpenedDatabase;
  let tokens: PartnerTokens;
  let emspPeer: Peer;

  beforeAll(async () => {
    database = await openDatabase(backend.freshUrl());
    tokens = new PartnerTokens(database.db, new PartnerObjectRepository(database.db));
  });
  beforeEach(async () => {
    await emptyTables(database.db);
    emspPeer = await registeredPeer(database.db, CPO, { ...EMSP, role: 'EMSP' });
  });
  afterAll(async () => {
    await database?.close();
    await dropTestSchemas();
  });

  const invalid = async (action: Promise<unknown>) => {
    try {
      await action;
    } catch (error) {
      if (error instanceof OcpiError && error.statusCode === 2001) return error.message;
      throw error;
    }
    throw new Error('expected 2001');
  };

  it('stores a pushed token once: the same PUT again is an update, an older one is ignored', async () => {
    const addressed = { uid: '04a2b3c4d5e680', type: 'RFID' };
    expect(await tokens.store(CPO, EMSP, partnerToken(), emspPeer.id, addressed)).toBe('created');
    expect(await tokens.store(CPO, EMSP, partnerToken(), emspPeer.id, addressed)).toBe('updated');
    expect(await tokens.store(CPO, EMSP, partnerToken({ valid: false, last_updated: '2025-12-31T00:00:00Z' }), emspPeer.id, addressed)).toBe('stale');
    expect((await tokens.get(CPO, EMSP, '04A2B3C4D5E680', 'RFID'))?.valid).toBe(true);
  });

  it('refuses bodies whose ids differ from the URL, or that miss a field, with 2001 naming the field', async () => {
    expect(await invalid(tokens.store(CPO, EMSP, partnerToken(), emspPeer.id, { uid: 'AABBCCDD', type: 'RFID' }))).toMatch(/^Invalid field uid/);
    expect(await invalid(tokens.store(CPO, EMSP, partnerToken({ type: 'APP_USER' }), emspPeer.id, { uid: '04A2B3C4D5E680', type: 'RFID' }))).toMatch(/^Invalid field type/);
    expect(await invalid(tokens.store(CPO, OTHER_EMSP, partnerToken(), emspPeer.id))).toMatch(/^Invalid field country_code/);
    expect(await invalid(tokens.store(CPO, EMSP, partnerToken({ whitelist: 'SOMETIMES' }), emspPeer.id))).toMatch(/^Invalid field whitelist/);
    const { contract_id: _dropped, ...noContract } = partnerToken();
    expect(await invalid(tokens.store(CPO, EMSP, noContract, emspPeer.id))).toMatch(/^Invalid field contract_id/);
    expect((await tokens.list(CPO, { offset: 0, limit: 10 })).total).toBe(0);
  });

  it('applies a PATCH only with last_updated, only to the addressed token, and ignores an older one', async () => {
    await tokens.store(CPO, EMSP, partnerToken(), emspPeer.id);
    expect(await invalid(tokens.patch(CPO, EMSP, '04A2B3C4D5E680', 'RFID', { valid: false }, emspPeer.id))).toMatch(/^Invalid field last_updated/);
    expect(await invalid(tokens.patch(CPO, EMSP, '04A2B3C4D5E680', 'RFID', { uid: 'AABBCCDD', valid: false, last_updated: '2026-01-02T00:00:00Z' }, emspPeer.id))).toMatch(/^Invalid field uid/);
    expect(await tokens.patch(CPO, EMSP, '04A2B3C4D5E680', 'RFID', { valid: false, last_updated: '2026-01-02T00:00:00Z' }, emspPeer.id)).toBe('updated');
    expect(await tokens.patch(CPO, EMSP, '04A2B3C4D5E680', 'RFID', { valid: true, last_updated: '2026-01-01T12:00:00Z' }, emspPeer.id)).toBe('stale');
    expect(await tokens.get(CPO, EMSP, '04A2B3C4D5E680', 'RFID')).toMatchObject({ valid: false, whitelist: 'ALWAYS', last_updated: '2026-01-02T00:00:00Z' });
    await expect(tokens.patch(CPO, EMSP, 'AABBCCDD', 'RFID', { valid: false, last_updated: '2026-01-02T00:00:00Z' }, emspPeer.id)).rejects.toMatchObject({ httpStatus: 404 });
  });

  it('finds the token a charger reads in lower case, with separators, or in reversed byte order', async () => {
    await tokens.store(CPO, EMSP, partnerToken(), emspPeer.id);
    expect(await tokens.findForAuthorization(CPO, '04a2b3c4d5e680', 'RFID')).toMatchObject({ match: 'identical', owner: { countryCode: 'DE', partyId: 'MSP' }, peerId: emspPeer.id });
    expect(await tokens.findForAuthorization(CPO, '04:A2:B3:C4:D5:E6:80', 'RFID')).toMatchObject({ match: 'identical' });
    expect(await tokens.findForAuthorization(CPO, '80E6D5C4B3A204', 'RFID')).toMatchObject({ match: 'reversed', token: { uid: '04A2B3C4D5E680' } });
    expect(await tokens.findForAuthorization(CPO, '04A2B3C4D5E680', 'APP_USER')).toBeNull();
  });

  it('prefers the exact reading when another eMSP holds the reversed uid', async () => {
    const other = await registeredPeer(database.db, CPO, { ...OTHER_EMSP, role: 'EMSP' });
    await tokens.store(CPO, EMSP, partnerToken(), emspPeer.id);
    await tokens.store(CPO, OTHER_EMSP, partnerToken({ country_code: 'FR', party_id: 'XYZ', uid: '80E6D5C4B3A204' }), other.id);
    expect(await tokens.findForAuthorization(CPO, '80e6d5c4b3a204', 'RFID')).toMatchObject({ match: 'identical', owner: { countryCode: 'FR', partyId: 'XYZ' } });
  });

  it('forgets the tokens of an eMSP that is no longer connected', async () => {
    await tokens.store(CPO, EMSP, partnerToken(), emspPeer.id);
    await new PeerRepository(database.db).setStatus(emspPeer.id, 'UNREGISTERED');
    expect(await tokens.findForAuthorization(CPO, '04A2B3C4D5E680', 'RFID')).toBeNull();
  });

  it('refuses, in a pull, a token of a party the partner does not speak for', async () => {
    const spec = tokens.pullSpec();
    await spec.store(partnerToken(), emspPeer);
    await expect(spec.store(partnerToken({ country_code: 'FR', party_id: 'XYZ' }), emspPeer)).rejects.toThrow(/FR-XYZ is not an eMSP party of this partner/);
    expect((await tokens.list(CPO, { offset: 0, limit: 10 })).items.map((t) => t.party_id)).toEqual(['MSP']);
  });
});
