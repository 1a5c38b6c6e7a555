import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmspTokenService } from '../../src/emsp/tokens/token-service.js';
import { OcpiError } from '../../src/ocpi/ocpi-error.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { CONTRACT, CPO, EMSP, emptyTables, OTHER_CONTRACT, registeredPeer } from './support.js';

const PAGE = { offset: 0, limit: 100 };

async function failure(action: Promise<unknown>): Promise<OcpiError> {
  try {
    await action;
  } catch (error) {
    if (error instanceof OcpiError) return error;
    throw error;
  }
  throw new Error('expected the action to fail');
}

describe.each(backends)('an eMSP issuing tokens on $name', (backend) => {
  let database: OpenedDatabase;
  let service: EmspTokenService;

  beforeAll(async () => {
    database = await openDatabase(backend.freshUrl());
    service = new EmspTokenService(database.db, () => {});
  });
  beforeEach(async () => {
    await emptyTables(database.db);
    await registeredPeer(database.db, EMSP, { ...CPO, role: 'CPO' });
  });
  afterAll(async () => {
    await database?.close();
    await dropTestSchemas();
  });

  const pushes = () =>
    database.db
      .selectFrom('outbox')
      .select(['kind', 'method', 'path', 'query', 'body', 'to_country_code', 'to_party_id'])
      .orderBy('id')
      .execute();

  it('stores a new RFID card under its normalised uid and queues a PUT for every CPO partner', async () => {
    const issued = await service.create(EMSP, { uid: '04:a2:b3:c4:d5:e6:80', contract_id: CONTRACT, group_id: 'FLEET-ACME' });
    expect(issued.token.uid).toBe('04A2B3C4D5E680');
    expect((await service.get(EMSP, 'RFID', '04a2b3c4d5e680'))?.token.group_id).toBe('FLEET-ACME');
    const [push] = await pushes();
    expect(push).toMatchObject({ kind: 'token.put', method: 'PUT', path: ['DE', 'MSP', '04A2B3C4D5E680'], query: { type: 'RFID' }, to_country_code: 'NL', to_party_id: 'CPO' });
    expect(push!.body).toEqual(issued.token);
  });

  it('refuses the same card given again in reversed byte order, naming the card it duplicates', async () => {
    await service.create(EMSP, { uid: '04A2B3C4D5E680', contract_id: CONTRACT });
    const error = await failure(service.create(EMSP, { uid: '80E6D5C4B3A204', contract_id: OTHER_CONTRACT }));
    expect(error.httpStatus).toBe(409);
    expect(error.message).toMatch(/^Invalid field uid: 80E6D5C4B3A204 is RFID token 04A2B3C4D5E680 .*reversed byte order/);
    expect((await service.search(EMSP, PAGE)).total).toBe(1);
    // A second issue of the same uid is a conflict too; an app token may share the uid text with an RFID card.
    expect((await failure(service.create(EMSP, { uid: '04A2B3C4D5E680', contract_id: CONTRACT }))).httpStatus).toBe(409);
    expect((await service.create(EMSP, { uid: '04A2B3C4D5E680', type: 'APP_USER', contract_id: CONTRACT })).token.type).toBe('APP_USER');
  });

  it('imports all tokens or none, naming the index and field at fault', async () => {
    const good = { uid: '11223344', contract_id: CONTRACT };
    const badCheckDigit = await failure(service.putMany(EMSP, [good, { uid: '55667788', contract_id: CONTRACT }, { uid: '99AABBCC', contract_id: 'NL-TNM-000122045-X' }]));
    expect(badCheckDigit.message).toMatch(/^Invalid field \[2\]\.contract_id: .*requires "U"/);
    const reversedTwin = await failure(service.putMany(EMSP, [good, { uid: '44332211', contract_id: CONTRACT }]));
    expect(reversedTwin.message).toMatch(/^Invalid field \[1\]\.uid: 44332211 is the card at \[0\] read in reversed byte order/);
    expect((await service.search(EMSP, PAGE)).total).toBe(0);
    expect(await pushes()).toEqual([]);

    const results = await service.putMany(EMSP, [good, { uid: '55667788', contract_id: CONTRACT, whitelist: 'NEVER' }]);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'created']);
    expect((await service.putMany(EMSP, [good])).map((r) => r.outcome)).toEqual(['unchanged']);
    expect((await pushes()).length).toBe(2);
  });

  it('blocks and unblocks with PATCHes of valid, and keeps the reason for real-time answers', async () => {
    await service.create(EMSP, { uid: '04A2B3C4', contract_id: CONTRACT });
    const blocked = await service.block(EMSP, 'RFID', '04a2b3c4', 'EXPIRED', 'card expired 2026-01');
    expect(blocked).toMatchObject({ blockReason: 'EXPIRED', blockNote: 'card expired 2026-01', token: { valid: false } });
    // A new reason on an already blocked card changes nothing partners see: no message.
    await service.block(EMSP, 'RFID', '04A2B3C4', 'NO_CREDIT', null);
    const unblocked = await service.unblock(EMSP, 'RFID', '04A2B3C4');
    expect(unblocked).toMatchObject({ blockReason: null, token: { valid: true } });
    const [, block, unblock, ...rest] = await pushes();
    expect(block).toMatchObject({ kind: 'token.patch', method: 'PATCH', path: ['DE', 'MSP', '04A2B3C4'], body: { valid: false, last_updated: blocked.token.last_updated } });
    expect(Object.keys(block!.body as object).sort()).toEqual(['last_updated', 'valid']);
    expect(unblock).toMatchObject({ method: 'PATCH', body: { valid: true } });
    expect(rest).toEqual([]);
    expect((await failure(service.block(EMSP, 'RFID', 'AABBCCDD', 'BLOCKED', null))).httpStatus).toBe(404);
  });

  it('pushes a change as a PATCH of the changed fields, and a removal as a PUT', async () => {
    await service.create(EMSP, { uid: '04A2B3C4', contract_id: CONTRACT, visual_number: 'MSP-0001' });
    await service.update(EMSP, 'RFID', '04A2B3C4', { group_id: 'FLEET-1' });
    await service.update(EMSP, 'RFID', '04A2B3C4', { visual_number: null });
    const [, patch, put] = await pushes();
    expect(patch).toMatchObject({ method: 'PATCH' });
    expect(Object.keys(patch!.body as object).sort()).toEqual(['group_id', 'last_updated']);
    expect(put).toMatchObject({ method: 'PUT', body: { uid: '04A2B3C4', group_id: 'FLEET-1' } });
    expect(put!.body).not.toHaveProperty('visual_number');
    expect((await failure(service.update(EMSP, 'RFID', '04A2B3C4', { valid: false }))).message).toMatch(/^Invalid field valid: .*block or unblock/);
    expect((await failure(service.update(EMSP, 'RFID', '04A2B3C4', { contract_id: 'DE-8AA-CA2B3C4D5-N' }))).message).toMatch(/^Invalid field contract_id/);
  });

  it('keeps a block and charge_at when a re-import leaves them out, so a CRM export cannot unblock a stolen card', async () => {
    await service.create(EMSP, { uid: '04A2B3C4', contract_id: CONTRACT, charge_at: ['NL-CPO'] });
    await service.block(EMSP, 'RFID', '04A2B3C4', 'BLOCKED', 'stolen');
    const [result] = await service.putMany(EMSP, [{ uid: '04A2B3C4', contract_id: CONTRACT }]);
    expect(result).toMatchObject({ outcome: 'unchanged', issued: { token: { valid: false }, blockNote: 'stolen', chargeAt: ['NL-CPO'] } });
  });

  it('searches by group, contract and validity', async () => {
    await service.putMany(EMSP, [
      { uid: '00000001', contract_id: CONTRACT, group_id: 'FLEET-A' },
      { uid: '00000002', contract_id: CONTRACT, group_id: 'fleet-a' },
      { uid: '00000003', contract_id: OTHER_CONTRACT, group_id: 'FLEET-B' },
    ]);
    await service.block(EMSP, 'RFID', '00000002', 'BLOCKED', null);
    expect((await service.search(EMSP, PAGE, { group_id: 'FLEET-A' })).items.map((i) => i.token.uid)).toEqual(['00000001', '00000002']);
    expect((await service.search(EMSP, PAGE, { group_id: 'FLEET-A', valid: true })).items.map((i) => i.token.uid)).toEqual(['00000001']);
    expect((await service.search(EMSP, PAGE, { contract_id: 'nl-tnm-000122045-u' })).total).toBe(1);
  });
});
