import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Location } from '../../src/ocpi/types/locations.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import type { Token } from '../../src/ocpi/types/tokens.js';
import { after, startBody, startPair, TOKEN, type Pair } from '../sessions/pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const START = '2025-03-04T09:00:00.000Z';

interface OutboxView {
  kind: string;
  status: string;
}

/**
 * A receiver that lost an object (a restore from backup, a partner that dropped its cache) is sent
 * a PATCH of it: it answers "unknown object", and the sender's outbox sends the whole object as it
 * is now instead, so the receiver ends up holding it again.
 */
describe.each(backends)('repairing a PATCH the partner cannot apply, CPO and eMSP on $name', (backend) => {
  let pair: Pair;

  beforeAll(async () => {
    pair = await startPair(backend);
    // The driver's token the eMSP issued reaches the CPO.
    await pair.emsp.deliver();
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  async function outboxOf(side: 'cpo' | 'emsp', reference: string): Promise<OutboxView[]> {
    return (await pair[side].api<OutboxView[]>('GET', `/outbox?reference=${encodeURIComponent(reference)}`)).body;
  }

  it('all receivers answer a PATCH of an object they do not hold with HTTP 404 and the module\'s "unknown" status', async () => {
    const patch = { last_updated: '2026-01-01T00:00:00Z' };
    const session = await pair.emsp.ocpi('PATCH', 'receiver/sessions/NL/CPO/NEVER-SENT', pair.cpoToken, patch);
    expect(session).toMatchObject({ status: 404, body: { status_code: 2000, status_message: expect.stringMatching(/NEVER-SENT/) } });
    const location = await pair.emsp.ocpi('PATCH', 'receiver/locations/NL/CPO/NEVER-SENT', pair.cpoToken, patch);
    expect(location).toMatchObject({ status: 404, body: { status_code: 2003 } });
    const evse = await pair.emsp.ocpi('PATCH', 'receiver/locations/NL/CPO/NEVER-SENT/EVSE-1', pair.cpoToken, { status: 'CHARGING', ...patch });
    expect(evse).toMatchObject({ status: 404, body: { status_code: 2003 } });
    const token = await pair.cpo.ocpi('PATCH', 'receiver/tokens/DE/MSP/NEVERSENT?type=RFID', pair.emspToken, { valid: false, ...patch });
    expect(token).toMatchObject({ status: 404, body: { status_code: 2004 } });
  });

  it('sends the eMSP the whole current session when it lost the one a PATCH changes', async () => {
    const started = await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START));
    const id = started.body.id;
    expect(await pair.cpo.deliver()).toBe(1);
    await pair.emsp.service.database.db.deleteFrom('emsp_session').where('session_key', '=', id.toUpperCase()).execute();

    await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${id}/meter`, { at: after(START, 15), meter_kwh: 1003, state: 'CHARGING' });
    await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${id}/meter`, { at: after(START, 30), meter_kwh: 1006, state: 'PARKED' });
    await pair.cpo.deliver();

    const current = (await pair.cpo.api<Session>('GET', `/parties/NL-CPO/sessions/${id}`)).body;
    expect(current.kwh).toBe(6);
    const held = (await pair.emsp.api<Array<{ session: Session }>>('GET', '/parties/DE-MSP/received/sessions')).body.find((r) => r.session.id === id);
    expect(held?.session).toEqual(current);
    // Newest first: the refused PATCH became a PUT in its place, and the PATCH after it applied on top.
    const messages = await outboxOf('cpo', id);
    expect(messages.map((m) => [m.kind, m.status])).toEqual([['session.patch', 'DELIVERED'], ['session.put', 'DELIVERED'], ['session.put', 'DELIVERED']]);
  });

  it('sends the eMSP the whole current Location when it lost the one an EVSE PATCH changes', async () => {
    const location = { id: 'LOC-R', publish: true, address: 'Stationsplein 1', city: 'Utrecht', country: 'NLD', coordinates: { latitude: '52.089444', longitude: '5.110278' }, time_zone: 'Europe/Amsterdam', evses: [{ uid: 'EVSE-R1', evse_id: 'NL*CPO*E0009*1', status: 'AVAILABLE', connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32 }] }] };
    expect((await pair.cpo.api('PUT', '/parties/NL-CPO/locations/LOC-R', location)).status).toBe(201);
    await pair.cpo.deliver();
    expect((await pair.emsp.api('DELETE', '/parties/DE-MSP/partner-locations/NL-CPO/LOC-R')).status).toBe(200);

    expect((await pair.cpo.api('PATCH', '/parties/NL-CPO/locations/LOC-R/evses/EVSE-R1', { status: 'CHARGING' })).status).toBe(200);
    await pair.cpo.deliver();

    const current = (await pair.cpo.api<Location>('GET', '/parties/NL-CPO/locations/LOC-R')).body;
    expect(current.evses?.[0]?.status).toBe('CHARGING');
    expect((await pair.emsp.api<Location>('GET', '/parties/DE-MSP/partner-locations/NL-CPO/LOC-R')).body).toEqual(current);
    expect((await outboxOf('cpo', 'LOC-R')).map((m) => [m.kind, m.status])).toEqual([['location.put', 'DELIVERED'], ['location.put', 'DELIVERED']]);
  });

  it('sends the CPO the whole current token when it lost the one a block PATCHes', async () => {
    const lost = await pair.cpo.service.database.db.deleteFrom('partner_object').where('module', '=', 'tokens').where('object_key', '=', TOKEN.uid).executeTakeFirst();
    expect(Number(lost.numDeletedRows)).toBe(1);

    expect((await pair.emsp.api('POST', `/parties/DE-MSP/tokens/${TOKEN.uid}/block`, { reason: 'BLOCKED', note: 'stolen' })).status).toBe(200);
    await pair.emsp.deliver();

    // The eMSP's admin view is the OCPI token plus what evroam manages beside it.
    const { block_reason: _reason, block_note: _note, charge_at: _chargeAt, ...current } = (await pair.emsp.api<Token & Record<string, unknown>>('GET', `/parties/DE-MSP/tokens/${TOKEN.uid}`)).body;
    const held = (await pair.cpo.api<Token[]>('GET', '/parties/NL-CPO/partner-tokens')).body.find((t) => t.uid === TOKEN.uid);
    expect(held).toMatchObject({ valid: false });
    expect(held).toEqual(current);
    expect((await outboxOf('emsp', TOKEN.uid)).map((m) => [m.kind, m.status])).toEqual([['token.put', 'DELIVERED'], ['token.put', 'DELIVERED']]);
  });
});
