import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EVSE, Location } from '../../src/ocpi/types/locations.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { EMSP, evseInput, locationInput, startService, type TestService } from './support.js';

const T0 = '2026-03-01T10:00:00Z';
const T1 = '2026-03-01T11:00:00Z';
const T2 = '2026-03-01T12:00:00Z';

/** A Location as a CPO pushes it: complete, with owner and timestamps. */
function pushed(id: string, overrides: Record<string, unknown> = {}): Location {
  const input = locationInput(id) as unknown as Location;
  const stamp = (evse: EVSE) => ({ ...evse, last_updated: T0, connectors: evse.connectors.map((c) => ({ ...c, last_updated: T0 })) });
  return { ...input, country_code: 'NL', party_id: 'CPO', evses: input.evses!.map(stamp), last_updated: T0, ...overrides };
}

interface Summary {
  id: string;
  party_id: string;
  evses: Array<{ uid: string; status: string }>;
}

describe.each(backends)('eMSP Locations receiver on $name', (backend) => {
  let emsp: TestService;
  let cpo: { peerId: string; token: string };

  beforeAll(async () => {
    emsp = await startService(backend, [EMSP]);
  });
  beforeEach(async () => {
    await emsp.reset();
    cpo = await emsp.connect(EMSP, [{ role: 'CPO', countryCode: 'NL', partyId: 'CPO' }]);
  });
  afterAll(async () => {
    await emsp?.close();
    await dropTestSchemas();
  });

  const held = async (id: string) => (await emsp.api<Location>('GET', `/parties/DE-MSP/partner-locations/NL-CPO/${id}`)).body;
  const heldCount = async () => Number((await emsp.api('GET', '/parties/DE-MSP/partner-locations')).headers['x-total-count']);

  it('stores a pushed Location (201), takes the same PUT again (200), and serves it back by id', async () => {
    const created = await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1', cpo.token, pushed('LOC1'));
    expect(created.status).toBe(201);
    expect(created.body.status_code).toBe(1000);
    const again = await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1', cpo.token, pushed('LOC1'));
    expect(again.status).toBe(200);
    expect((await emsp.ocpi('GET', 'receiver/locations/NL/CPO/LOC1/LOC1-2', cpo.token)).body.data).toMatchObject({ uid: 'LOC1-2', status: 'AVAILABLE' });
    expect((await emsp.ocpi('GET', 'receiver/locations/NL/CPO/LOC1/LOC1-2/1', cpo.token)).body.data).toMatchObject({ id: '1' });
    expect(await held('LOC1')).toEqual(pushed('LOC1'));
    expect(await heldCount()).toBe(1);
  });

  it('applies EVSE and Connector PUT and PATCH inside the Location, bumping parents, and ignores older ones', async () => {
    await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1', cpo.token, pushed('LOC1'));

    const status = await emsp.ocpi('PATCH', 'receiver/locations/NL/CPO/LOC1/LOC1-2', cpo.token, { status: 'CHARGING', last_updated: T2 });
    expect(status.status).toBe(200);
    let location = await held('LOC1');
    expect(location.evses![1]).toMatchObject({ status: 'CHARGING', last_updated: T2 });
    expect(location.last_updated).toBe(T2);
    expect(location.evses![0]!.last_updated).toBe(T0);

    // Overtaken by the newer one: ignored, still answered 200.
    const late = await emsp.ocpi('PATCH', 'receiver/locations/NL/CPO/LOC1/LOC1-2', cpo.token, { status: 'AVAILABLE', last_updated: T1 });
    expect(late.status).toBe(200);
    expect((await held('LOC1')).evses![1]!.status).toBe('CHARGING');

    const newEvse = await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1/LOC1-3', cpo.token, { ...evseInput('LOC1-3', 'NL*CPO*E3'), connectors: [{ ...(evseInput('x', 'y').connectors as object[])[0], last_updated: T1 }], last_updated: T1 });
    expect(newEvse.status).toBe(201);
    const connector = await emsp.ocpi('PATCH', 'receiver/locations/NL/CPO/LOC1/LOC1-1/1', cpo.token, { tariff_ids: ['AC-NIGHT'], last_updated: T1 });
    expect(connector.status).toBe(200);
    location = await held('LOC1');
    expect(location.evses!.map((e) => e.uid)).toEqual(['LOC1-1', 'LOC1-2', 'LOC1-3']);
    expect(location.evses![0]).toMatchObject({ last_updated: T1, connectors: [{ tariff_ids: ['AC-NIGHT'], last_updated: T1 }] });
    // The Location keeps the newest of its children's timestamps.
    expect(location.last_updated).toBe(T2);

    const newConnector = await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1/LOC1-3/2', cpo.token, { id: '2', standard: 'CHADEMO', format: 'CABLE', power_type: 'DC', max_voltage: 500, max_amperage: 125, last_updated: T2 });
    expect(newConnector.status).toBe(201);
    const named = await emsp.ocpi('PATCH', 'receiver/locations/NL/CPO/LOC1', cpo.token, { name: 'Renamed', last_updated: T2 });
    expect(named.status).toBe(200);
    expect(await held('LOC1')).toMatchObject({ name: 'Renamed', address: 'Stationsplein 1' });

    // A whole Location older than the one held is ignored too.
    await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1', cpo.token, pushed('LOC1', { name: 'Old', last_updated: T1 }));
    expect((await held('LOC1')).name).toBe('Renamed');
  });

  it('rejects bad payloads with 2001 naming the field, and stores nothing', async () => {
    const noStandard = pushed('LOC1');
    delete (noStandard.evses![1]!.connectors[0] as Partial<EVSE['connectors'][number]>).standard;
    const missing = await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1', cpo.token, noStandard);
    expect(missing.status).toBe(200);
    expect(missing.body.status_code).toBe(2001);
    expect(missing.body.status_message).toMatch(/evses\[1\]\.connectors\[0\]\.standard/);

    const otherId = await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1', cpo.token, pushed('LOC2'));
    expect(otherId.body).toMatchObject({ status_code: 2001, status_message: expect.stringMatching(/^Invalid field id/) });
    const otherOwner = await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1', cpo.token, pushed('LOC1', { party_id: 'XYZ' }));
    expect(otherOwner.body).toMatchObject({ status_code: 2001, status_message: expect.stringMatching(/^Invalid field party_id/) });
    const badCountry = await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1', cpo.token, pushed('LOC1', { country: 'NL' }));
    expect(badCountry.body).toMatchObject({ status_code: 2001, status_message: expect.stringMatching(/^Invalid field country:/) });
    const notJson = await emsp.service.app.inject({ method: 'PUT', url: '/ocpi/2.2.1/receiver/locations/NL/CPO/LOC1', headers: { authorization: `Token ${Buffer.from(cpo.token).toString('base64')}`, 'content-type': 'application/json' }, payload: '{"id": ' });
    expect(notJson.statusCode).toBe(400);
    // Not one of the caller's parties: the spec allows 404.
    expect((await emsp.ocpi('PUT', 'receiver/locations/BE/OTH/LOC1', cpo.token, pushed('LOC1', { country_code: 'BE', party_id: 'OTH' }))).status).toBe(404);
    expect(await heldCount()).toBe(0);

    await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1', cpo.token, pushed('LOC1'));
    const before = await held('LOC1');
    const noTimestamp = await emsp.ocpi('PATCH', 'receiver/locations/NL/CPO/LOC1/LOC1-1', cpo.token, { status: 'CHARGING' });
    expect(noTimestamp.body).toMatchObject({ status_code: 2001, status_message: expect.stringMatching(/last_updated/) });
    const badStatus = await emsp.ocpi('PATCH', 'receiver/locations/NL/CPO/LOC1/LOC1-1', cpo.token, { status: 'BUSY', last_updated: T2 });
    expect(badStatus.body).toMatchObject({ status_code: 2001, status_message: expect.stringMatching(/^Invalid field status/) });
    const otherUid = await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1/LOC1-9', cpo.token, { ...pushed('LOC1').evses![0], last_updated: T2 });
    expect(otherUid.body).toMatchObject({ status_code: 2001, status_message: expect.stringMatching(/^Invalid field uid/) });
    // A part of a Location not held: 404 with 2003 (Unknown Location), so the sender PUTs the whole Location.
    const unknownLocation = await emsp.ocpi('PATCH', 'receiver/locations/NL/CPO/LOC9/LOC9-1', cpo.token, { status: 'CHARGING', last_updated: T2 });
    expect(unknownLocation).toMatchObject({ status: 404, body: { status_code: 2003 } });
    const unknownEvse = await emsp.ocpi('PATCH', 'receiver/locations/NL/CPO/LOC1/LOC1-9', cpo.token, { status: 'CHARGING', last_updated: T2 });
    expect(unknownEvse).toMatchObject({ status: 404, body: { status_code: 2003, status_message: expect.stringMatching(/no EVSE LOC1-9/) } });
    expect((await emsp.ocpi('GET', 'receiver/locations/NL/CPO/LOC1/LOC1-9', cpo.token)).status).toBe(404);
    expect(await held('LOC1')).toEqual(before);
  });

  it('lets an app search partner Locations with their EVSE statuses, page by page', async () => {
    await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC1', cpo.token, pushed('LOC1', { name: 'Central Station', city: 'Utrecht' }));
    await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC2', cpo.token, pushed('LOC2', { name: 'Airport', city: 'Amsterdam' }));
    await emsp.ocpi('PUT', 'receiver/locations/NL/CPO/LOC3', cpo.token, pushed('LOC3', { name: 'Harbour 100%', city: 'Rotterdam' }));
    await emsp.ocpi('PATCH', 'receiver/locations/NL/CPO/LOC2/LOC2-1', cpo.token, { status: 'OUTOFORDER', last_updated: T1 });

    const search = async (query: string) => {
      const reply = await emsp.api<Summary[]>('GET', `/parties/DE-MSP/partner-locations${query}`);
      return { ids: reply.body.map((l) => l.id), total: reply.headers['x-total-count'], body: reply.body };
    };
    const all = await search('?limit=2');
    expect(all).toMatchObject({ ids: ['LOC1', 'LOC2'], total: '3' });
    expect(all.body[1]!.evses).toEqual([expect.objectContaining({ uid: 'LOC2-1', status: 'OUTOFORDER' }), expect.objectContaining({ uid: 'LOC2-2', status: 'AVAILABLE' })]);
    expect((await search('?limit=2&offset=2')).ids).toEqual(['LOC3']);
    expect((await search('?q=amster')).ids).toEqual(['LOC2']);
    expect((await search('?q=100%25')).ids).toEqual(['LOC3']);
    expect((await search('?status=OUTOFORDER')).ids).toEqual(['LOC2']);
    expect((await search('?evse_id=nlcpoe00011&owner=NL-CPO')).ids).toEqual(['LOC1', 'LOC2', 'LOC3']);
    expect((await search('?owner=BE-OTH')).ids).toEqual([]);
    expect((await emsp.api('GET', '/parties/DE-MSP/partner-locations?status=BUSY')).status).toBe(400);

    expect((await emsp.api('DELETE', '/parties/DE-MSP/partner-locations/NL-CPO/LOC3')).status).toBe(200);
    expect((await emsp.api('GET', '/parties/DE-MSP/partner-locations/NL-CPO/LOC3')).status).toBe(404);
  });
});
