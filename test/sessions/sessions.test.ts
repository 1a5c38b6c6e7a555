import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { after, startBody, startPair, type Pair } from './pair.js';

const START = '2025-03-04T09:00:00.000Z';

interface Received {
  session: Session;
  update_count: number;
}

describe.each(backends)('sessions from a CPO to an eMSP on $name', (backend) => {
  let pair: Pair;

  beforeAll(async () => {
    pair = await startPair(backend);
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  async function received(): Promise<Received[]> {
    const list = await pair.emsp.api<Received[]>('GET', '/parties/DE-MSP/received/sessions');
    expect(list.status).toBe(200);
    return list.body;
  }

  it('pushes the session on start, its ended periods while it runs, and COMPLETED with the CDR at stop', async () => {
    const started = await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START));
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const id = started.body.id;
    expect(started.body).toMatchObject({ status: 'ACTIVE', kwh: 0, currency: 'EUR', location_id: 'LOC-1', charging_periods: [] });
    expect(started.body.total_cost).toBeUndefined();
    expect(await pair.cpo.deliver()).toBe(1);
    expect((await received())[0]).toMatchObject({ session: { id, status: 'ACTIVE' }, update_count: 1 });

    const meter = (minutes: number, kwh: number, state = 'CHARGING') => pair.cpo.api<Session>('POST', `/parties/NL-CPO/sessions/${id}/meter`, { at: after(START, minutes), meter_kwh: kwh, state });
    expect((await meter(15, 1003)).body).toMatchObject({ kwh: 3, charging_periods: [], total_cost: { excl_vat: 1.4 } });
    expect((await meter(30, 1006, 'PARKED')).body.charging_periods).toEqual([]);
    const parked = await meter(45, 1006, 'PARKED');
    // The charging period ended when the car parked: it is reported once it is final.
    expect(parked.body.charging_periods).toEqual([{ start_date_time: START, dimensions: [{ type: 'ENERGY', volume: 6 }, { type: 'TIME', volume: 0.5 }], tariff_id: 'AC-1' }]);
    expect(await pair.cpo.deliver()).toBe(3);
    let atEmsp = (await received())[0]!;
    expect(atEmsp.session.charging_periods).toEqual(parked.body.charging_periods);
    expect(atEmsp.session.kwh).toBe(6);
    expect(atEmsp.update_count).toBe(4);

    const stopped = await pair.cpo.api<{ session: Session; cdr: CDR }>('POST', `/parties/NL-CPO/sessions/${id}/stop`, { at: after(START, 60), meter_kwh: 1006 });
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    const { session, cdr } = stopped.body;
    expect(session).toMatchObject({ status: 'COMPLETED', end_date_time: after(START, 60), kwh: 6 });
    expect(session.charging_periods).toHaveLength(2);
    // FLAT 0.50 + 6 kWh × 0.30 + 0.5 h parked × 2.00 = 3.30 excl. VAT.
    expect(cdr).toMatchObject({ id, session_id: id, total_cost: { excl_vat: 3.3, incl_vat: 3.993 }, total_energy: 6, total_time: 1, total_parking_time: 0.5 });
    expect(cdr.credit).toBeUndefined();
    expect(cdr.charging_periods).toEqual(session.charging_periods);
    expect(cdr.cdr_location.evse_id).toBe('NL*CPO*E0001*1');

    expect(await pair.cpo.deliver()).toBe(2);
    atEmsp = (await received())[0]!;
    expect(atEmsp.session).toEqual(session);
    expect(atEmsp.update_count).toBe(5);
    const cdrs = await pair.emsp.api<Array<{ cdr: CDR; seq: string }>>('GET', '/parties/DE-MSP/received/cdrs');
    expect(cdrs.body.map((c) => c.cdr)).toEqual([cdr]);

    const issued = await pair.cpo.api<{ location_url: string }>('GET', `/parties/NL-CPO/cdrs/${id}`);
    expect(issued.body.location_url).toBe(`${pair.emsp.url}/ocpi/2.2.1/receiver/cdrs/${cdrs.body[0]!.seq}`);
    const fetched = await pair.emsp.ocpi<CDR>('GET', `receiver/cdrs/${cdrs.body[0]!.seq}`, pair.cpoToken);
    expect(fetched.body.data).toEqual(cdr);
  });

  it('starts a PENDING session, activates it at its first reading, and ends it INVALID without a CDR when it never ran', async () => {
    const pending = await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START, { status: 'PENDING' }));
    expect(pending.body.status).toBe('PENDING');
    const active = await pair.cpo.api<Session>('POST', `/parties/NL-CPO/sessions/${pending.body.id}/meter`, { at: after(START, 2), meter_kwh: 1000 });
    // The start moves to the moment the session became active (OCPI 2.2.1 "Sessions", start_date_time).
    expect(active.body).toMatchObject({ status: 'ACTIVE', start_date_time: after(START, 2), kwh: 0 });

    const never = await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START, { status: 'PENDING' }));
    const stopped = await pair.cpo.api<{ session: Session; cdr?: unknown }>('POST', `/parties/NL-CPO/sessions/${never.body.id}/stop`, { at: after(START, 5), meter_kwh: 1000 });
    expect(stopped.body.session).toMatchObject({ status: 'INVALID', end_date_time: after(START, 5) });
    expect(stopped.body.cdr).toBeUndefined();
    expect((await pair.cpo.api('GET', `/parties/NL-CPO/cdrs/${never.body.id}`)).status).toBe(404);

    await pair.cpo.deliver();
    const held = await received();
    expect(held.find((r) => r.session.id === pending.body.id)?.session).toMatchObject({ status: 'ACTIVE', start_date_time: after(START, 2) });
    expect(held.find((r) => r.session.id === never.body.id)?.session.status).toBe('INVALID');
  });

  it('refuses bad start, meter and stop input with 400 naming the field, and changes nothing', async () => {
    const refused = async (path: string, body: unknown, status: number, field?: string) => {
      const reply = await pair.cpo.api<{ error: { field?: string; message: string } }>('POST', path, body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(status);
      if (field) expect(reply.body.error.field).toBe(field);
      return reply.body.error.message;
    };
    const before = (await pair.cpo.api<Session[]>('GET', '/parties/NL-CPO/sessions')).body.length;
    await refused('/parties/NL-CPO/sessions', startBody(START, { cdr_token: { ...startBody(START).cdr_token as object, uid: undefined } }), 400, 'cdr_token.uid');
    await refused('/parties/NL-CPO/sessions', startBody(START, { meter_start_kwh: -1 }), 400, 'meter_start_kwh');
    await refused('/parties/NL-CPO/sessions', startBody(START, { location: { id: 'LOC-1' } }), 400);
    expect(await refused('/parties/NL-CPO/sessions', startBody(START, { time_zone: 'Mars/Olympus' }), 400, 'time_zone')).toMatch(/Mars/);
    await refused('/parties/NL-CPO/sessions', startBody(START, { tariff: { ...(startBody(START).tariff as object), party_id: 'XXX' } }), 400, 'tariff.party_id');
    // A tariff that is not yet valid when the session starts cannot price it.
    await refused('/parties/NL-CPO/sessions', startBody(START, { tariff: { ...(startBody(START).tariff as object), start_date_time: '2030-01-01T00:00:00Z' } }), 400, 'tariff');
    await refused('/parties/DE-MSP/sessions', startBody(START), 404, 'party');
    expect((await pair.cpo.api<Session[]>('GET', '/parties/NL-CPO/sessions')).body).toHaveLength(before);

    const { id } = (await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START))).body;
    await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${id}/meter`, { at: after(START, 10), meter_kwh: 1002 });
    await refused(`/parties/NL-CPO/sessions/${id}/meter`, { at: after(START, 20), meter_kwh: 1001 }, 400, 'meter_kwh');
    await refused(`/parties/NL-CPO/sessions/${id}/meter`, { at: after(START, 10), meter_kwh: 1003 }, 400, 'at');
    await refused(`/parties/NL-CPO/sessions/${id}/meter`, { at: 'yesterday', meter_kwh: 1003 }, 400, 'at');
    await refused(`/parties/NL-CPO/sessions/${id}/meter`, { at: after(START, 20), meter_kwh: 1003, state: 'SLEEPING' }, 400, 'state');
    await refused(`/parties/NL-CPO/sessions/no-such-session/meter`, { meter_kwh: 1 }, 404);
    expect((await pair.cpo.api<Session>('GET', `/parties/NL-CPO/sessions/${id}`)).body.kwh).toBe(2);

    await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${id}/stop`, { at: after(START, 30), meter_kwh: 1004 });
    await refused(`/parties/NL-CPO/sessions/${id}/meter`, { at: after(START, 40), meter_kwh: 1005 }, 409);
    await refused(`/parties/NL-CPO/sessions/${id}/stop`, { at: after(START, 40), meter_kwh: 1005 }, 409);
    await pair.cpo.deliver();
  });

  it("lists on the Sender interface only the sessions of the calling partner's tokens, page by page", async () => {
    const since = new Date().toISOString();
    const otherToken = await pair.otherPartner('cpo', 'EMSP', { countryCode: 'FR', partyId: 'OTH' });
    const ours: string[] = [];
    for (let i = 0; i < 3; i++) ours.push((await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START))).body.id);
    const theirs = (await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START, { cdr_token: { country_code: 'FR', party_id: 'OTH', uid: 'AA11', type: 'RFID', contract_id: 'FR-OTH-1' } }))).body.id;
    await pair.cpo.deliver();

    const crawl = async (token: string) => {
      const ids: string[] = [];
      let path: string | null = `sender/sessions?date_from=${encodeURIComponent(since)}`;
      let total = '';
      while (path) {
        const page: Awaited<ReturnType<typeof pair.cpo.ocpi<Session[]>>> = await pair.cpo.ocpi<Session[]>('GET', path, token);
        expect(page.body.status_code).toBe(1000);
        ids.push(...page.body.data!.map((s) => s.id));
        total = String(page.headers['x-total-count']);
        const next = /<([^>]+)>; rel="next"/.exec(String(page.headers.link ?? ''))?.[1];
        path = next ? next.slice(next.indexOf('sender/')) : null;
      }
      return { ids, total };
    };
    expect(await crawl(pair.emspToken)).toEqual({ ids: ours, total: '3' });
    expect(await crawl(otherToken)).toEqual({ ids: [theirs], total: '1' });

    // The eMSP's pull reads the same list: what it already holds from pushes is not counted as a change.
    const peers = (await pair.emsp.api<Array<{ id: string }>>('GET', '/peers')).body;
    const before = await received();
    const pulled = await pair.emsp.api<{ received: number; refused: unknown[] }>('POST', `/peers/${peers[0]!.id}/pull`, { module: 'sessions' });
    expect(pulled.body.refused).toEqual([]);
    expect(pulled.body.received).toBe(before.length);
    expect(await received()).toEqual(before);
  });

  it('takes a repeated or older update as a no-op, and refuses bad payloads with 2001, leaving nothing behind', async () => {
    const id = 'PUSHED-BY-HAND';
    const session: Session = { ...(startBody(START) as object), country_code: 'NL', party_id: 'CPO', id, start_date_time: START, kwh: 0, cdr_token: startBody(START).cdr_token as Session['cdr_token'], auth_method: 'WHITELIST', location_id: 'LOC-1', evse_uid: 'EVSE-1', connector_id: '1', currency: 'EUR', status: 'ACTIVE', last_updated: after(START, 1) } as Session;
    const path = `receiver/sessions/NL/CPO/${id}`;
    const send = (method: string, body: unknown, url = path) => pair.emsp.ocpi(method, url, pair.cpoToken, body);
    const countOf = async () => (await received()).find((r) => r.session.id === id);

    expect((await send('PUT', session)).status).toBe(201);
    expect((await send('PUT', session)).status).toBe(200);
    const patch = { kwh: 2, charging_periods: [{ start_date_time: START, dimensions: [{ type: 'ENERGY', volume: 2 }] }], last_updated: after(START, 10) };
    expect((await send('PATCH', patch)).body.status_code).toBe(1000);
    expect((await send('PATCH', patch)).body.status_code).toBe(1000);
    expect((await send('PATCH', { kwh: 1, last_updated: after(START, 5) })).body.status_code).toBe(1000);
    expect((await send('PUT', { ...session, kwh: 0.5, last_updated: after(START, 2) })).body.status_code).toBe(1000);
    expect(await countOf()).toMatchObject({ update_count: 2, session: { kwh: 2, last_updated: after(START, 10) } });
    expect((await send('GET', undefined)).body.data).toMatchObject({ id, kwh: 2 });

    const held = await received();
    const refusals: Array<[string, unknown, string?, RegExp?]> = [
      ['PUT', { ...session, id: 'OTHER' }, path, /id/],
      ['PUT', { ...session, kwh: 'lots' }, path, /kwh/],
      ['PUT', { ...session, id: 'NEW-1', cdr_token: { ...session.cdr_token, party_id: 'XXX' } }, 'receiver/sessions/NL/CPO/NEW-1', /cdr_token\.party_id/],
      ['PUT', { ...session, id: 'NEW-2', status: 'RESERVED' }, 'receiver/sessions/NL/CPO/NEW-2', /status/],
      ['PATCH', { kwh: 3 }, path, /last_updated/],
      ['PATCH', { charging_periods: [{ start_date_time: START, dimensions: [] }], last_updated: after(START, 20) }, path, /charging_periods\[0\]\.dimensions/],
    ];
    for (const [method, body, url, message] of refusals) {
      const reply = await send(method, body, url);
      expect(reply.status, `${method} ${JSON.stringify(body)}`).toBe(200);
      expect(reply.body.status_code).toBe(2001);
      expect(reply.body.status_message).toMatch(message!);
    }
    // A PATCH of a session never PUT: 404 (no "unknown session" status exists, so 2000), and the sender PUTs it.
    const unknown = await send('PATCH', { kwh: 3, last_updated: after(START, 20) }, 'receiver/sessions/NL/CPO/NEVER-PUT');
    expect(unknown).toMatchObject({ status: 404, body: { status_code: 2000, status_message: expect.stringMatching(/NEVER-PUT/) } });
    // A partner writes only under its own parties: another owner in the URL is not found.
    expect((await send('PUT', { ...session, country_code: 'BE', party_id: 'ABC' }, `receiver/sessions/BE/ABC/${id}`)).status).toBe(404);
    expect(await received()).toEqual(held);
  });
});
