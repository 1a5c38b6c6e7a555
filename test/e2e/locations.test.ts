import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Location } from '../../src/ocpi/types/locations.js';
import { PartnerObjectRepository } from '../../src/partner-data/partner-object-repository.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import type { EvroamProcess, PartyOption } from '../support/evroam-process.js';
import { CPO_PARTY, databaseFor, EMSP_PARTY, eventually, startEvroam } from '../support/roaming-pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const postgres = backends.find((b) => b.name === 'postgres')!;
/** A second eMSP party on the eMSP platform: its own connection to the CPO, its own view. */
const OTHER_EMSP: PartyOption = { countryCode: 'DE', partyId: 'OTH', roles: ['EMSP'], name: 'Other eMSP' };
const DRIVER_TOKEN = '04A1B2C3D4E5F6';

interface OutboxView {
  kind: string;
  method: string;
  status: string;
  path: string[];
  body: Record<string, unknown>;
  peer_id: string;
}

function location(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const connector = { id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, tariff_ids: ['AC-STANDARD'] };
  return {
    id,
    publish: true,
    name: `Charging ${id}`,
    address: 'Oudegracht 1',
    city: 'Utrecht',
    country: 'NLD',
    coordinates: { latitude: '52.090737', longitude: '5.121420' },
    time_zone: 'Europe/Amsterdam',
    evses: [1, 2].map((n) => ({ uid: `${id}-${n}`, evse_id: `NL*CPO*E${id.replace(/\W/g, '')}*${n}`, status: 'AVAILABLE', connectors: [connector] })),
    ...overrides,
  };
}

/**
 * `peer invite` at the CPO, `peer register` at the eMSP. The token goes as `--token=…` because a
 * base64url token may start with "-", which the CLI would otherwise read as an option.
 */
async function connect(cpo: EvroamProcess, cpoParty: PartyOption, emsp: EvroamProcess, emspParty: PartyOption): Promise<{ atInviter: string; atRegistrant: string }> {
  const invite = await cpo.cli(['peer', 'invite', '--party', `${cpoParty.countryCode}-${cpoParty.partyId}`]);
  expect(invite.code, invite.stderr).toBe(0);
  const { versions_url, token } = JSON.parse(invite.stdout) as { versions_url: string; token: string };
  const registered = await emsp.cli(['peer', 'register', '--party', `${emspParty.countryCode}-${emspParty.partyId}`, '--versions-url', versions_url, `--token=${token}`]);
  expect(registered.code, registered.stderr).toBe(0);
  const atRegistrant = (JSON.parse(registered.stdout) as { id: string }).id;
  const peers = (await cpo.api<Array<{ id: string; status: string; parties: Array<{ country_code: string; party_id: string }> }>>('GET', '/peers')).body;
  const atInviter = peers.find((p) => p.status === 'REGISTERED' && p.parties.some((x) => x.country_code === emspParty.countryCode && x.party_id === emspParty.partyId))!.id;
  return { atInviter, atRegistrant };
}

describe('locations between a CPO process and an eMSP process', () => {
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;
  let cpoDb: OpenedDatabase;
  let emspDb: OpenedDatabase;
  let msp: { atInviter: string; atRegistrant: string };

  beforeAll(async () => {
    const [cpoUrl, emspUrl] = [databaseFor(postgres), databaseFor(postgres)];
    // No scheduled pulls: each test pulls when it means to.
    const extra = { syncIntervalMinutes: 0 };
    [cpo, emsp] = await Promise.all([startEvroam({ database: cpoUrl, parties: [CPO_PARTY], extra }), startEvroam({ database: emspUrl, parties: [EMSP_PARTY, OTHER_EMSP], extra })]);
    [cpoDb, emspDb] = await Promise.all([openDatabase(cpoUrl), openDatabase(emspUrl)]);
  });

  afterAll(async () => {
    await Promise.all([cpo?.stop(), emsp?.stop(), cpoDb?.close(), emspDb?.close()]);
    await dropTestSchemas();
  });

  const heldBy = async (party: string) => (await emsp.api<Array<{ id: string; last_updated: string; evses: Array<{ uid: string; status: string; last_updated: string }> }>>('GET', `/parties/${party}/partner-locations`)).body;
  const heldLocation = async (id: string) => (await heldBy('DE-MSP')).find((l) => l.id === id);
  const cpoOutbox = async (reference: string) => (await cpo.api<OutboxView[]>('GET', `/outbox?reference=${reference}`)).body.reverse();
  const pull = async (peerId: string) => {
    const result = await emsp.cli(['peer', 'pull', '--id', peerId, '--module', 'locations']);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { received: number; refused: unknown[]; dropped: number };
  };

  it('gives an eMSP that registers after the Locations were imported all of them by pull', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'evroam-locations-')), 'locations.json');
    writeFileSync(file, JSON.stringify([location('EARLY1'), location('EARLY2')]));
    const imported = await cpo.cli(['import', 'locations', file, '--party', 'NL-CPO']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ created: 2, updated: 0, unchanged: 0 });

    msp = await connect(cpo, CPO_PARTY, emsp, EMSP_PARTY);
    expect(await heldBy('DE-MSP')).toEqual([]);
    expect(await pull(msp.atRegistrant)).toMatchObject({ received: 2, refused: [], dropped: 0 });
    expect((await heldBy('DE-MSP')).map((l) => `${l.id}:${l.evses.length}`)).toEqual(['EARLY1:2', 'EARLY2:2']);
  });

  it('pushes a new Location with two EVSEs as PUT, and an EVSE status change as PATCH', async () => {
    const created = await cpo.api<Location>('PUT', '/parties/NL-CPO/locations/LOC1', location('LOC1'));
    expect(created.status).toBe(201);
    const arrived = await eventually(() => heldLocation('LOC1'), 15_000, 'LOC1 at the eMSP');
    expect(arrived.evses.map((e) => `${e.uid}:${e.status}`)).toEqual(['LOC1-1:AVAILABLE', 'LOC1-2:AVAILABLE']);
    expect(arrived.last_updated).toBe(created.body.last_updated);

    const changed = await cpo.api<{ status: string; last_updated: string }>('PATCH', '/parties/NL-CPO/locations/LOC1/evses/LOC1-2', { status: 'CHARGING' });
    expect(changed.status).toBe(200);
    const updated = await eventually(async () => {
      const held = await heldLocation('LOC1');
      return held?.evses[1]?.status === 'CHARGING' ? held : undefined;
    }, 15_000, 'the CHARGING status at the eMSP');
    // The eMSP bumps the Location to its EVSE's time, as the CPO did.
    expect(updated.evses[1]!.last_updated).toBe(changed.body.last_updated);
    expect(updated.last_updated).toBe(changed.body.last_updated);
    expect(updated.evses[0]!.last_updated).toBe(created.body.last_updated);

    const messages = await eventually(async () => {
      const all = await cpoOutbox('LOC1');
      return all.every((m) => m.status === 'DELIVERED') ? all : undefined;
    }, 15_000, 'deliveries settled');
    expect(messages.map((m) => `${m.method} ${m.kind} ${m.path.join('/')}`)).toEqual(['PUT location.put NL/CPO/LOC1', 'PATCH evse.patch NL/CPO/LOC1/LOC1-2']);
    expect(messages[1]!.body).toEqual({ status: 'CHARGING', last_updated: changed.body.last_updated });
  });

  it('restores a Location the eMSP lost by pull, with its current EVSE statuses', async () => {
    expect((await emsp.api('DELETE', '/parties/DE-MSP/partner-locations/NL-CPO/LOC1')).status).toBe(200);
    expect(await heldLocation('LOC1')).toBeUndefined();
    expect(await pull(msp.atRegistrant)).toMatchObject({ received: 3, refused: [] });
    expect((await heldLocation('LOC1'))!.evses.map((e) => e.status)).toEqual(['AVAILABLE', 'CHARGING']);
  });

  it('keeps a Location published only to one eMSP from a second eMSP partner, by push, pull, list and id', async () => {
    // The CPO holds DE-MSP's driver token as its Tokens receiver stores what eMSPs push.
    await new PartnerObjectRepository(cpoDb.db).put(
      { local: CPO_PARTY, module: 'tokens', owner: { countryCode: 'DE', partyId: 'MSP' }, id: DRIVER_TOKEN, type: 'RFID' },
      { country_code: 'DE', party_id: 'MSP', uid: DRIVER_TOKEN, type: 'RFID', contract_id: 'DE-MSP-C12345678-X', issuer: 'Test eMSP', valid: true, whitelist: 'ALLOWED', last_updated: '2026-01-01T00:00:00Z' },
      new Date(),
      msp.atInviter,
    );
    const other = await connect(cpo, CPO_PARTY, emsp, OTHER_EMSP);
    const depot = await cpo.api('PUT', '/parties/NL-CPO/locations/DEPOT', location('DEPOT', { publish: false, publish_allowed_to: [{ uid: DRIVER_TOKEN, type: 'RFID' }] }));
    expect(depot.status).toBe(201);
    await eventually(() => heldLocation('DEPOT'), 15_000, 'DEPOT at DE-MSP');
    await cpo.api('PATCH', '/parties/NL-CPO/locations/DEPOT/evses/DEPOT-1', { status: 'RESERVED' });
    await eventually(async () => ((await heldLocation('DEPOT'))?.evses[0]?.status === 'RESERVED' ? true : undefined), 15_000, 'DEPOT status at DE-MSP');

    expect(await pull(other.atRegistrant)).toMatchObject({ received: 3, refused: [] });
    expect((await heldBy('DE-OTH')).map((l) => l.id)).toEqual(['EARLY1', 'EARLY2', 'LOC1']);
    expect((await cpoOutbox('DEPOT')).filter((m) => m.peer_id === other.atInviter)).toEqual([]);

    // Asking directly, with the second eMSP's own credentials, does not find it either.
    const row = await emspDb.db.selectFrom('peer').select('outgoing_token').where('id', '=', other.atRegistrant).executeTakeFirstOrThrow();
    const ask = (path: string) => fetch(`${cpo.url}/ocpi/2.2.1/sender/locations${path}`, { headers: { authorization: `Token ${Buffer.from(row.outgoing_token!).toString('base64')}` } });
    const list = await ask('');
    expect(list.headers.get('x-total-count')).toBe('3');
    expect(((await list.json()) as { data: Array<{ id: string }> }).data.map((l) => l.id)).toEqual(['EARLY1', 'EARLY2', 'LOC1']);
    expect((await ask('/DEPOT')).status).toBe(404);
    expect((await ask('/DEPOT/DEPOT-1')).status).toBe(404);
    expect((await ask('/LOC1/LOC1-2')).status).toBe(200);
  });

  it('refuses bad Location pushes at the eMSP with 2001 naming the field, and stores nothing', async () => {
    const row = await cpoDb.db.selectFrom('peer').select('outgoing_token').where('id', '=', msp.atInviter).executeTakeFirstOrThrow();
    const push = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${emsp.url}/ocpi/2.2.1/receiver/locations/NL/CPO/${path}`, {
        method,
        headers: { authorization: `Token ${Buffer.from(row.outgoing_token!).toString('base64')}`, 'content-type': 'application/json', 'ocpi-to-country-code': 'DE', 'ocpi-to-party-id': 'MSP' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { status_code: number; status_message: string } };
    };
    const stamp = <T extends object>(object: T) => ({ ...object, last_updated: '2026-01-01T00:00:00Z' });
    const input = location('BAD1') as { evses: Array<{ connectors: object[] }> };
    const valid = stamp({ ...input, country_code: 'NL', party_id: 'CPO', evses: input.evses.map((e) => stamp({ ...e, connectors: e.connectors.map(stamp) })) });
    const before = await heldBy('DE-MSP');

    const noConnectors = await push('PUT', 'BAD1', { ...valid, evses: [{ uid: 'BAD1-1', evse_id: 'NL*CPO*E1', status: 'AVAILABLE', connectors: [], last_updated: '2026-01-01T00:00:00Z' }] });
    expect(noConnectors.body.status_code).toBe(2001);
    expect(noConnectors.body.status_message).toMatch(/^Invalid field evses\[0\]\.connectors/);
    const wrongId = await push('PUT', 'BAD1', { ...valid, id: 'BAD2' });
    expect(wrongId.body).toMatchObject({ status_code: 2001, status_message: expect.stringMatching(/^Invalid field id/) });
    const noTimestamp = await push('PATCH', 'LOC1/LOC1-1', { status: 'BLOCKED' });
    expect(noTimestamp.body).toMatchObject({ status_code: 2001, status_message: expect.stringMatching(/last_updated/) });

    expect(await heldBy('DE-MSP')).toEqual(before);
  });
});
