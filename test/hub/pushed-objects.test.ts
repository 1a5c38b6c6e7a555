import { pino } from 'pino';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PushedObjects, type PushedWrite } from '../../src/hub/pushed-objects.js';
import { PartnerObjectRepository } from '../../src/partner-data/partner-object-repository.js';
import { PeerRepository } from '../../src/peers/peer-repository.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const EMSP = { countryCode: 'DE', partyId: 'MSP' };
const OTHER_EMSP = { countryCode: 'DE', partyId: 'MS2' };
const CPO = { countryCode: 'NL', partyId: 'CPO' };
const PAGE = { offset: 0, limit: 10 };

const connector = (status: string, at: string) => ({ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 16, status, last_updated: at });
const location = (at: string) => ({ country_code: 'NL', party_id: 'CPO', id: 'LOC-1', name: 'Harbour', evses: [{ uid: 'E1', status: 'AVAILABLE', connectors: [connector('x', at)], last_updated: at }], last_updated: at });

describe.each(backends)('objects pushed through the hub ($name)', (backend) => {
  let database: OpenedDatabase;
  let pushed: PushedObjects;
  let peerId: string;

  beforeEach(async () => {
    database = await openDatabase(backend.freshUrl());
    pushed = new PushedObjects(new PartnerObjectRepository(database.db), pino({ level: 'silent' }));
    peerId = (await new PeerRepository(database.db).create({ countryCode: 'DE', partyId: 'HUB' }, 'REGISTERED', 'hash')).id;
  });
  afterEach(async () => database.close());
  afterAll(async () => dropTestSchemas());

  const write = (over: Partial<PushedWrite>): Promise<void> =>
    pushed.record({ recipient: EMSP, module: 'locations', method: 'PUT', path: ['NL', 'CPO', 'LOC-1'], query: new URLSearchParams(), body: {}, peerId, ...over });
  const held = async (audience = EMSP, module: PushedWrite['module'] = 'locations') => (await pushed.list([audience], module, [CPO], PAGE)).items as Array<Record<string, unknown>>;

  it('keeps a Location per recipient and applies EVSE and Connector writes to it, bumping the Location', async () => {
    await write({ body: location('2026-01-01T00:00:00Z') });
    await write({ method: 'PATCH', path: ['NL', 'CPO', 'LOC-1', 'E1'], body: { status: 'BLOCKED', last_updated: '2026-01-02T00:00:00Z' } });
    await write({ method: 'PUT', path: ['NL', 'CPO', 'LOC-1', 'E2'], body: { uid: 'E2', status: 'AVAILABLE', connectors: [], last_updated: '2026-01-03T00:00:00Z' } });
    await write({ method: 'PATCH', path: ['NL', 'CPO', 'LOC-1', 'E1', '1'], body: { max_amperage: 32, last_updated: '2026-01-04T00:00:00Z' } });
    const [loc] = await held();
    const evses = loc!.evses as Array<{ uid: string; status: string; connectors: Array<{ max_amperage: number }>; last_updated: string }>;
    expect(evses.map((e) => `${e.uid}:${e.status}`)).toEqual(['E1:BLOCKED', 'E2:AVAILABLE']);
    expect(evses[0]!.connectors[0]!.max_amperage).toBe(32);
    expect(evses[0]!.last_updated).toBe('2026-01-04T00:00:00Z');
    expect(loc!.last_updated).toBe('2026-01-04T00:00:00Z');
    // Another recipient was sent nothing.
    expect(await held(OTHER_EMSP)).toEqual([]);
  });

  it('ignores writes older than what it holds, and PATCHes of what it does not hold', async () => {
    await write({ body: location('2026-01-05T00:00:00Z') });
    await write({ method: 'PATCH', body: { name: 'Old name', last_updated: '2026-01-01T00:00:00Z' } });
    await write({ method: 'PATCH', path: ['NL', 'CPO', 'LOC-1', 'E1'], body: { status: 'BLOCKED', last_updated: '2026-01-01T00:00:00Z' } });
    await write({ method: 'PATCH', path: ['NL', 'CPO', 'LOC-2'], body: { name: 'Unknown', last_updated: '2026-02-01T00:00:00Z' } });
    const locations = await held();
    expect(locations.map((l) => `${String(l.id)}:${String(l.name)}`)).toEqual(['LOC-1:Harbour']);
    expect((locations[0]!.evses as Array<{ status: string }>)[0]!.status).toBe('AVAILABLE');
  });

  it('appends a session PATCH\'s charging periods once, and deletes a tariff', async () => {
    const period = (start: string) => ({ start_date_time: start, dimensions: [{ type: 'ENERGY', volume: 1 }] });
    const session = { country_code: 'NL', party_id: 'CPO', id: 'S-1', status: 'ACTIVE', kwh: 1, charging_periods: [period('2026-01-01T10:00:00Z')], last_updated: '2026-01-01T10:10:00Z' };
    await write({ module: 'sessions', path: ['NL', 'CPO', 'S-1'], body: session });
    const patch = { kwh: 2, charging_periods: [period('2026-01-01T10:10:00Z')], last_updated: '2026-01-01T10:20:00Z' };
    await write({ module: 'sessions', method: 'PATCH', path: ['NL', 'CPO', 'S-1'], body: patch });
    await write({ module: 'sessions', method: 'PATCH', path: ['NL', 'CPO', 'S-1'], body: patch });
    const [stored] = await held(EMSP, 'sessions');
    expect(stored).toMatchObject({ kwh: 2 });
    expect((stored!.charging_periods as unknown[]).length).toBe(2);

    await write({ module: 'tariffs', path: ['NL', 'CPO', 'T-1'], body: { country_code: 'NL', party_id: 'CPO', id: 'T-1', currency: 'EUR', elements: [], last_updated: '2026-01-01T00:00:00Z' } });
    expect(await held(EMSP, 'tariffs')).toHaveLength(1);
    await write({ module: 'tariffs', method: 'DELETE', path: ['NL', 'CPO', 'T-1'], body: undefined });
    expect(await held(EMSP, 'tariffs')).toEqual([]);
  });

  it('keeps a CDR under the owner and id in its body, and lists only the owners asked for', async () => {
    await write({ module: 'cdrs', method: 'POST', path: [], body: { country_code: 'NL', party_id: 'CPO', id: 'CDR-1', last_updated: '2026-01-01T00:00:00Z' } });
    expect((await held(EMSP, 'cdrs')).map((c) => c.id)).toEqual(['CDR-1']);
    expect((await pushed.list([EMSP], 'cdrs', [{ countryCode: 'BE', partyId: 'CPO' }], PAGE)).items).toEqual([]);
    expect((await pushed.list([EMSP], 'cdrs', [], PAGE)).total).toBe(0);
  });

  it('lists an object held twice (pushed to the caller, pulled by the hub) once, in its newest copy and at its first place', async () => {
    const HUB = { countryCode: 'DE', partyId: 'HUB' };
    const tariff = (id: string, at: string) => ({ country_code: 'NL', party_id: 'CPO', id, currency: 'EUR', elements: [], last_updated: at });
    await write({ recipient: HUB, module: 'tariffs', path: ['NL', 'CPO', 'T-1'], body: tariff('T-1', '2026-01-01T00:00:00Z') });
    await write({ recipient: EMSP, module: 'tariffs', path: ['NL', 'CPO', 'T-2'], body: tariff('T-2', '2026-01-01T00:00:00Z') });
    await write({ recipient: EMSP, module: 'tariffs', path: ['NL', 'CPO', 'T-1'], body: tariff('T-1', '2026-01-05T00:00:00Z') });
    await write({ recipient: HUB, module: 'tariffs', path: ['NL', 'CPO', 'T-2'], body: tariff('T-2', '2026-01-09T00:00:00Z') });
    await write({ recipient: OTHER_EMSP, module: 'tariffs', path: ['NL', 'CPO', 'T-3'], body: tariff('T-3', '2026-01-01T00:00:00Z') });

    const seen = await pushed.list([EMSP, HUB], 'tariffs', [CPO], PAGE);
    expect(seen.total).toBe(2);
    expect(seen.items.map((t) => `${String(t.id)}@${String(t.last_updated)}`)).toEqual(['T-1@2026-01-05T00:00:00Z', 'T-2@2026-01-09T00:00:00Z']);
    const second = await pushed.list([EMSP, HUB], 'tariffs', [CPO], { offset: 1, limit: 1 });
    expect(second.items.map((t) => t.id)).toEqual(['T-2']);
    const changedSince = await pushed.list([EMSP, HUB], 'tariffs', [CPO], { ...PAGE, dateFrom: new Date('2026-01-06T00:00:00Z') });
    expect(changedSince.items.map((t) => t.id)).toEqual(['T-2']);
  });
});
