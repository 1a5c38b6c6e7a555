import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Location } from '../../src/ocpi/types/locations.js';
import { PartnerObjectRepository } from '../../src/partner-data/partner-object-repository.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { CPO, evseInput, locationInput, PAGE_LIMIT, startService, type TestService } from './support.js';

interface OutboxRow {
  kind: string;
  method: string;
  path: string[];
  body: Record<string, unknown>;
  to_country_code: string;
  to_party_id: string;
}

const MSP = { role: 'EMSP', countryCode: 'DE', partyId: 'MSP' };
const OTHER_MSP = { role: 'EMSP', countryCode: 'BE', partyId: 'OTH' };

describe.each(backends)('CPO Locations on $name', (backend) => {
  let cpo: TestService;

  beforeAll(async () => {
    cpo = await startService(backend, [CPO]);
  });
  beforeEach(async () => {
    await cpo.reset();
  });
  afterAll(async () => {
    await cpo?.close();
    await dropTestSchemas();
  });

  const outbox = async () => (await cpo.api<OutboxRow[]>('GET', '/outbox')).body.reverse();
  const locations = async () => (await cpo.api<Location[]>('GET', '/parties/NL-CPO/locations')).body;

  it('refuses a bad EVSE ID, duplicate connector ids or a bad time zone with 400 naming the field, and writes nothing', async () => {
    await cpo.connect(CPO, [MSP]);
    const badEvseId = await cpo.api('PUT', '/parties/NL-CPO/locations/LOC1', locationInput('LOC1', { evses: [evseInput('E1', 'NL*CPO*X0001')] }));
    expect(badEvseId.status).toBe(400);
    expect(badEvseId.body).toMatchObject({ error: { field: 'evses[0].evse_id', message: expect.stringMatching(/expected "E" after the operator id/) } });

    const foreignOperator = await cpo.api('PUT', '/parties/NL-CPO/locations/LOC1', locationInput('LOC1', { evses: [evseInput('E1', 'DE*ABC*E0001')] }));
    expect(foreignOperator.body).toMatchObject({ error: { field: 'evses[0].evse_id', message: expect.stringMatching(/operator DE\*ABC is not NL\*CPO/) } });

    const connector = (evseInput('x', 'y').connectors as unknown[])[0];
    const duplicateConnectors = await cpo.api('PUT', '/parties/NL-CPO/locations/LOC1', locationInput('LOC1', { evses: [evseInput('E1', 'NL*CPO*E1'), evseInput('E2', 'NL*CPO*E2', { connectors: [connector, connector] })] }));
    expect(duplicateConnectors.status).toBe(400);
    expect(duplicateConnectors.body).toMatchObject({ error: { field: 'evses[1].connectors[1].id' } });

    const badZone = await cpo.api('PUT', '/parties/NL-CPO/locations/LOC1', locationInput('LOC1', { time_zone: 'Europe/Utrecht' }));
    expect(badZone.status).toBe(400);
    expect(badZone.body).toMatchObject({ error: { field: 'time_zone', message: expect.stringMatching(/IANA/) } });

    const badLatitude = await cpo.api('PUT', '/parties/NL-CPO/locations/LOC1', locationInput('LOC1', { coordinates: { latitude: '95.000000', longitude: '5.110278' } }));
    expect(badLatitude.body).toMatchObject({ error: { field: 'coordinates.latitude' } });

    const badImport = await cpo.api('POST', '/parties/NL-CPO/locations/import', [
      locationInput('LOC1'),
      locationInput('LOC2'),
      locationInput('LOC3'),
      locationInput('LOC4', { evses: [evseInput('E1', 'NL*CPO*E0001'), evseInput('E2', 'NL*CPO*E*0002')] }),
    ]);
    expect(badImport.status).toBe(400);
    expect(badImport.body).toMatchObject({ error: { field: '[3].evses[1].evse_id' } });

    const duplicateIds = await cpo.api('POST', '/parties/NL-CPO/locations/import', [locationInput('LOC1'), locationInput('loc1')]);
    expect(duplicateIds.body).toMatchObject({ error: { field: '[1].id' } });

    expect(await locations()).toEqual([]);
    expect(await outbox()).toEqual([]);
  });

  it('pushes a new Location as PUT to every eMSP partner, and an EVSE status change as PATCH of the EVSE', async () => {
    await cpo.connect(CPO, [MSP]);
    await cpo.connect(CPO, [OTHER_MSP]);
    const created = await cpo.api<Location>('PUT', '/parties/NL-CPO/locations/LOC1', locationInput('LOC1'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ country_code: 'NL', party_id: 'CPO', id: 'LOC1' });

    const status = await cpo.api<{ status: string; last_updated: string }>('PATCH', '/parties/NL-CPO/locations/LOC1/evses/LOC1-2', { status: 'CHARGING' });
    expect(status.status).toBe(200);
    expect(status.body.status).toBe('CHARGING');
    // The same status again is no change: nothing more is sent.
    await cpo.api('PATCH', '/parties/NL-CPO/locations/LOC1/evses/LOC1-2', { status: 'CHARGING' });
    // Nor is the same Location again.
    expect((await cpo.api('PUT', '/parties/NL-CPO/locations/LOC1', locationInput('LOC1', { evses: [evseInput('LOC1-1', 'NL*CPO*E0001*1'), evseInput('LOC1-2', 'NL*CPO*E0001*2', { status: 'CHARGING' })] }))).status).toBe(200);

    const messages = await outbox();
    expect(messages.map((m) => `${m.to_country_code}-${m.to_party_id} ${m.method} ${m.kind} ${m.path.join('/')}`)).toEqual([
      'DE-MSP PUT location.put NL/CPO/LOC1',
      'BE-OTH PUT location.put NL/CPO/LOC1',
      'DE-MSP PATCH evse.patch NL/CPO/LOC1/LOC1-2',
      'BE-OTH PATCH evse.patch NL/CPO/LOC1/LOC1-2',
    ]);
    expect(messages[2]!.body).toEqual({ status: 'CHARGING', last_updated: status.body.last_updated });
    const stored = (await cpo.api<Location>('GET', '/parties/NL-CPO/locations/LOC1')).body;
    expect(stored.last_updated).toBe(status.body.last_updated);
    expect(stored.last_updated > created.body.last_updated).toBe(true);
    expect(stored.evses![0]!.last_updated).toBe(created.body.last_updated);
  });

  it('manages EVSEs and connectors one at a time; removing sets REMOVED because OCPI never deletes an EVSE', async () => {
    await cpo.connect(CPO, [MSP]);
    await cpo.api('PUT', '/parties/NL-CPO/locations/LOC1', locationInput('LOC1'));
    const added = await cpo.api('PUT', '/parties/NL-CPO/locations/LOC1/evses/LOC1-3', evseInput('LOC1-3', 'NL*CPO*E0001*3'));
    expect(added.status).toBe(201);
    const clash = await cpo.api('PUT', '/parties/NL-CPO/locations/LOC1/evses/LOC1-4', evseInput('LOC1-4', 'NL*CPO*E0001*3'));
    expect(clash.body).toMatchObject({ error: { field: 'evse_id', message: expect.stringMatching(/already the evse_id of evses\[2\]/) } });
    const wrongUid = await cpo.api('PUT', '/parties/NL-CPO/locations/LOC1/evses/LOC1-4', evseInput('OTHER', 'NL*CPO*E0001*4'));
    expect(wrongUid.body).toMatchObject({ error: { field: 'uid' } });

    const connector = { id: '2', standard: 'CHADEMO', format: 'CABLE', power_type: 'DC', max_voltage: 500, max_amperage: 125 };
    expect((await cpo.api('PUT', '/parties/NL-CPO/locations/LOC1/evses/LOC1-3/connectors/2', connector)).status).toBe(201);
    expect((await cpo.api('GET', '/parties/NL-CPO/locations/LOC1/evses/LOC1-3/connectors/2')).body).toMatchObject({ standard: 'CHADEMO' });
    expect((await cpo.api('DELETE', '/parties/NL-CPO/locations/LOC1/evses/LOC1-3/connectors/2')).status).toBe(200);
    const lastConnector = await cpo.api('DELETE', '/parties/NL-CPO/locations/LOC1/evses/LOC1-3/connectors/1');
    expect(lastConnector.body).toMatchObject({ error: { status: 400, field: 'connectors' } });

    expect((await cpo.api('DELETE', '/parties/NL-CPO/locations/LOC1/evses/LOC1-1')).body).toMatchObject({ uid: 'LOC1-1', status: 'REMOVED' });
    const removed = (await cpo.api<Location>('DELETE', '/parties/NL-CPO/locations/LOC1')).body;
    expect(removed.evses!.map((e) => e.status)).toEqual(['REMOVED', 'REMOVED', 'REMOVED']);
    expect((await cpo.api('GET', '/parties/NL-CPO/locations/LOC1/evses/NOPE')).status).toBe(404);
    expect((await cpo.api('PATCH', '/parties/NL-CPO/locations/NOPE/evses/LOC1-1', { status: 'AVAILABLE' })).status).toBe(404);

    expect((await outbox()).map((m) => `${m.method} ${m.kind} ${m.path.slice(2).join('/')}`)).toEqual([
      'PUT location.put LOC1',
      'PUT evse.put LOC1/LOC1-3',
      'PUT connector.put LOC1/LOC1-3/2',
      'PUT evse.put LOC1/LOC1-3',
      'PATCH evse.patch LOC1/LOC1-1',
      'PATCH evse.patch LOC1/LOC1-2',
      'PATCH evse.patch LOC1/LOC1-3',
    ]);
  });

  it('imports all or nothing and reports what it created, updated and left unchanged', async () => {
    const first = await cpo.api('POST', '/parties/NL-CPO/locations/import', [locationInput('LOC1'), locationInput('LOC2')]);
    expect(first.body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const second = await cpo.api('POST', '/parties/NL-CPO/locations/import', [locationInput('LOC1'), locationInput('LOC2', { name: 'New name' }), locationInput('LOC3')]);
    expect(second.body).toEqual({ created: 1, updated: 1, unchanged: 1 });
    const dropsEvse = await cpo.api('POST', '/parties/NL-CPO/locations/import', [locationInput('LOC4'), locationInput('LOC1', { evses: [evseInput('LOC1-1', 'NL*CPO*E0001*1')] })]);
    expect(dropsEvse.body).toMatchObject({ error: { field: '[1].evses', message: expect.stringMatching(/LOC1-2.*REMOVED/) } });
    expect((await locations()).map((l) => l.id)).toEqual(['LOC1', 'LOC2', 'LOC3']);
  });

  it('serves the Sender list page by page in creation order and objects by id, to eMSP partners only', async () => {
    const partner = await cpo.connect(CPO, [MSP]);
    for (const id of ['LOC1', 'LOC2', 'LOC3', 'LOC4']) await cpo.api('PUT', `/parties/NL-CPO/locations/${id}`, locationInput(id));
    await cpo.api('PATCH', '/parties/NL-CPO/locations/LOC1/evses/LOC1-1', { status: 'BLOCKED' });

    const first = await cpo.ocpi<Location[]>('GET', 'sender/locations', partner.token);
    expect(first.body.data!.map((l) => l.id)).toEqual(['LOC1', 'LOC2', 'LOC3']);
    expect(first.headers['x-total-count']).toBe('4');
    expect(first.headers['x-limit']).toBe(String(PAGE_LIMIT));
    const next = /<([^>]+)>; rel="next"/.exec(String(first.headers.link))![1]!;
    const second = await cpo.ocpi<Location[]>('GET', next.replace('http://evroam.test/ocpi/2.2.1/', ''), partner.token);
    expect(second.body.data!.map((l) => l.id)).toEqual(['LOC4']);
    expect(second.headers.link).toBeUndefined();

    // LOC1 changed last: a delta from its timestamp returns it alone.
    const since = (await cpo.api<Location>('GET', '/parties/NL-CPO/locations/LOC1')).body.last_updated;
    const delta = await cpo.ocpi<Location[]>('GET', `sender/locations?date_from=${since}`, partner.token);
    expect(delta.body.data!.map((l) => l.id)).toEqual(['LOC1']);

    expect((await cpo.ocpi('GET', 'sender/locations/loc2', partner.token)).body.data).toMatchObject({ id: 'LOC2' });
    expect((await cpo.ocpi('GET', 'sender/locations/LOC1/LOC1-1', partner.token)).body.data).toMatchObject({ uid: 'LOC1-1', status: 'BLOCKED' });
    expect((await cpo.ocpi('GET', 'sender/locations/LOC1/LOC1-1/1', partner.token)).body.data).toMatchObject({ id: '1', standard: 'IEC_62196_T2' });
    const unknown = await cpo.ocpi('GET', 'sender/locations/LOC9', partner.token);
    expect(unknown.status).toBe(404);
    expect(unknown.body.status_code).toBe(2000);
    expect((await cpo.ocpi('GET', 'sender/locations/LOC1/LOC1-9', partner.token)).status).toBe(404);
  });

  it('shows an unpublished Location only to the eMSP whose token publish_allowed_to names, by push, list and id', async () => {
    const allowed = await cpo.connect(CPO, [MSP]);
    const other = await cpo.connect(CPO, [OTHER_MSP]);
    // The CPO holds the eMSP's token as the Tokens receiver stores it.
    await new PartnerObjectRepository(cpo.service.database.db).put(
      { local: CPO, module: 'tokens', owner: { countryCode: 'DE', partyId: 'MSP' }, id: '012345678', type: 'RFID' },
      { uid: '012345678', type: 'RFID', group_id: 'FLEET-7', issuer: 'MSP', visual_number: 'DE-MSP-0001' },
      new Date(),
      allowed.peerId,
    );
    await cpo.api('PUT', '/parties/NL-CPO/locations/PUBLIC', locationInput('PUBLIC'));
    const privateSite = await cpo.api('PUT', '/parties/NL-CPO/locations/DEPOT', locationInput('DEPOT', { publish: false, publish_allowed_to: [{ group_id: 'fleet-7' }] }));
    expect(privateSite.status).toBe(201);
    await cpo.api('PUT', '/parties/NL-CPO/locations/HIDDEN', locationInput('HIDDEN', { publish: false }));
    const publishedAndRestricted = await cpo.api('PUT', '/parties/NL-CPO/locations/BAD', locationInput('BAD', { publish_allowed_to: [{ uid: '012345678' }] }));
    expect(publishedAndRestricted.body).toMatchObject({ error: { field: 'publish_allowed_to' } });

    const ids = async (token: string) => ((await cpo.ocpi<Location[]>('GET', 'sender/locations', token)).body.data ?? []).map((l) => l.id);
    expect(await ids(allowed.token)).toEqual(['PUBLIC', 'DEPOT']);
    expect(await ids(other.token)).toEqual(['PUBLIC']);
    expect((await cpo.ocpi('GET', 'sender/locations', other.token)).headers['x-total-count']).toBe('1');
    expect((await cpo.ocpi('GET', 'sender/locations/DEPOT', other.token)).status).toBe(404);
    expect((await cpo.ocpi('GET', 'sender/locations/DEPOT/DEPOT-1', other.token)).status).toBe(404);
    expect((await cpo.ocpi('GET', 'sender/locations/DEPOT', allowed.token)).status).toBe(200);
    expect((await cpo.ocpi('GET', 'sender/locations/HIDDEN', allowed.token)).status).toBe(404);

    await cpo.api('PATCH', '/parties/NL-CPO/locations/DEPOT/evses/DEPOT-1', { status: 'CHARGING' });
    expect((await outbox()).map((m) => `${m.to_party_id} ${m.kind} ${m.path.slice(2).join('/')}`)).toEqual([
      'MSP location.put PUBLIC',
      'OTH location.put PUBLIC',
      'MSP location.put DEPOT',
      'MSP evse.patch DEPOT/DEPOT-1',
    ]);

    // Publishing it later sends the whole Location to the eMSP that could not see it before; the
    // one that could gets a PUT too, since publish_allowed_to went away and a PATCH cannot remove it.
    await cpo.api('PUT', '/parties/NL-CPO/locations/DEPOT', locationInput('DEPOT', { evses: (await cpo.api<Location>('GET', '/parties/NL-CPO/locations/DEPOT')).body.evses }));
    expect((await outbox()).slice(4).map((m) => `${m.to_party_id} ${m.method} ${m.kind} ${String(m.body.publish)}`)).toEqual(['MSP PUT location.put true', 'OTH PUT location.put true']);
  });
});
