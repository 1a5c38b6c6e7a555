import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenAuthorizer } from '../../src/emsp/tokens/token-authorizer.js';
import { EmspTokenService } from '../../src/emsp/tokens/token-service.js';
import { OcpiError } from '../../src/ocpi/ocpi-error.js';
import { PartnerObjectRepository } from '../../src/partner-data/partner-object-repository.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { CONTRACT, CPO, EMSP, emptyTables, registeredPeer } from './support.js';

describe.each(backends)('real-time authorization at the eMSP on $name', (backend) => {
  let database: OpenedDatabase;
  let tokens: EmspTokenService;
  let authorizer: TokenAuthorizer;

  beforeAll(async () => {
    database = await openDatabase(backend.freshUrl());
    tokens = new EmspTokenService(database.db, () => {});
    authorizer = new TokenAuthorizer(database.db);
  });
  beforeEach(async () => {
    await emptyTables(database.db);
    const peer = await registeredPeer(database.db, EMSP, { ...CPO, role: 'CPO' });
    // The CPO's location as the eMSP holds it from the locations module.
    const location = { id: 'LOC1', country_code: 'NL', party_id: 'CPO', evses: [{ uid: 'EVSE-1' }, { uid: 'EVSE-2' }] };
    await new PartnerObjectRepository(database.db).put({ local: EMSP, module: 'locations', owner: CPO, id: 'LOC1' }, location, new Date(), peer.id);
  });
  afterAll(async () => {
    await database?.close();
    await dropTestSchemas();
  });

  const refusal = async (action: Promise<unknown>) => {
    try {
      await action;
    } catch (error) {
      if (error instanceof OcpiError) return error;
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('answers an unknown token with HTTP 404 and status 2004 and no data, and records it', async () => {
    const error = await refusal(authorizer.authorize(EMSP, CPO, 'DEADBEEF', 'RFID', null));
    expect({ status: error.statusCode, http: error.httpStatus, data: error.detail }).toEqual({ status: 2004, http: 404, data: undefined });
    const recorded = await database.db.selectFrom('emsp_authorization').select(['token_uid', 'allowed', 'cpo_party_id']).execute();
    expect(recorded).toEqual([{ token_uid: 'DEADBEEF', allowed: 'UNKNOWN_TOKEN', cpo_party_id: 'CPO' }]);
  });

  it('allows a valid token read in any case and with separators, and keeps the authorization_reference it gives', async () => {
    await tokens.create(EMSP, { uid: '04A2B3C4', contract_id: CONTRACT });
    const info = await authorizer.authorize(EMSP, CPO, '04:a2:b3:c4', 'RFID', null);
    expect(info).toMatchObject({ allowed: 'ALLOWED', token: { uid: '04A2B3C4', contract_id: CONTRACT } });
    expect(info.authorization_reference).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await database.db.selectFrom('emsp_authorization').selectAll().where('authorization_reference', '=', info.authorization_reference!).executeTakeFirst();
    expect(kept).toMatchObject({ token_uid: '04A2B3C4', allowed: 'ALLOWED', cpo_country_code: 'NL' });
    // The type is part of the key: the same uid as an app token is unknown.
    expect((await refusal(authorizer.authorize(EMSP, CPO, '04A2B3C4', 'APP_USER', null))).statusCode).toBe(2004);
  });

  it('answers the block reason of a token that is not valid, without a reference', async () => {
    await tokens.create(EMSP, { uid: '04A2B3C4', contract_id: CONTRACT });
    await tokens.block(EMSP, 'RFID', '04A2B3C4', 'NO_CREDIT', null);
    const info = await authorizer.authorize(EMSP, CPO, '04A2B3C4', 'RFID', null);
    expect(info.allowed).toBe('NO_CREDIT');
    expect(info.authorization_reference).toBeUndefined();
  });

  it('honours charge_at: other CPOs are refused, and a location restriction needs the location (2002)', async () => {
    await tokens.create(EMSP, { uid: '11111111', contract_id: CONTRACT, charge_at: ['NL-CPO/LOC1'] });
    await tokens.create(EMSP, { uid: '22222222', contract_id: CONTRACT, charge_at: ['BE-XYZ'] });
    expect((await refusal(authorizer.authorize(EMSP, CPO, '11111111', 'RFID', null))).statusCode).toBe(2002);
    expect((await authorizer.authorize(EMSP, CPO, '11111111', 'RFID', { location_id: 'loc1' })).allowed).toBe('ALLOWED');
    const elsewhere = await authorizer.authorize(EMSP, CPO, '11111111', 'RFID', { location_id: 'LOC2' });
    expect(elsewhere).toMatchObject({ allowed: 'NOT_ALLOWED', info: { language: 'en' } });
    expect((await authorizer.authorize(EMSP, CPO, '22222222', 'RFID', null)).allowed).toBe('NOT_ALLOWED');
  });

  it('narrows the EVSEs to those of a location it knows, and allows an unpublished location as asked', async () => {
    await tokens.create(EMSP, { uid: '04A2B3C4', contract_id: CONTRACT });
    const known = await authorizer.authorize(EMSP, CPO, '04A2B3C4', 'RFID', { location_id: 'LOC1', evse_uids: ['evse-2', 'EVSE-9'] });
    expect(known).toMatchObject({ allowed: 'ALLOWED', location: { location_id: 'LOC1', evse_uids: ['evse-2'] } });
    expect((await authorizer.authorize(EMSP, CPO, '04A2B3C4', 'RFID', { location_id: 'LOC1', evse_uids: ['EVSE-9'] })).allowed).toBe('NOT_ALLOWED');
    const privateCharger = await authorizer.authorize(EMSP, CPO, '04A2B3C4', 'RFID', { location_id: 'HOME-7', evse_uids: ['WALLBOX'] });
    expect(privateCharger).toMatchObject({ allowed: 'ALLOWED', location: { location_id: 'HOME-7', evse_uids: ['WALLBOX'] } });
  });
});
