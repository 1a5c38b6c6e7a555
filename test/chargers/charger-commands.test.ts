import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, dropTestSchemas } from '../support/test-database.js';
import type { SimulatedCharger, SimulatedVersion } from './simulated-charger.js';
import { startChargerPair, TOKEN, type ChargerPair } from './support.js';

interface SentCommand {
  id: string;
  status: string;
  response: { result: string } | null;
  result: { result: string } | null;
}

const TOKEN_OBJECT = { ...TOKEN, issuer: 'Test eMSP', valid: true, whitelist: 'ALLOWED', last_updated: '2026-01-01T00:00:00Z' };
const OTHER_EMSP = { countryCode: 'FR', partyId: 'OTH' };

/**
 * RESERVE_NOW, CANCEL_RESERVATION and UNLOCK_CONNECTOR from the eMSP, through the CPO's charger
 * port to a simulated charger of each OCPP version, and the CommandResult back at the eMSP.
 */
describe.each(backends)('reservations and unlocking at chargers, on $name', (backend) => {
  let pair: ChargerPair;
  const connected: SimulatedCharger[] = [];

  beforeAll(async () => {
    pair = await startChargerPair(backend);
  });
  afterAll(async () => {
    for (const charger of connected) expect(charger.problems).toEqual([]);
    await pair?.close();
    await Promise.all(connected.map((c) => c.close().catch(() => undefined)));
    await dropTestSchemas();
  });

  /** A charger whose next answer to each request is `answers[method]`. */
  const chargerAnswering = async (identity: string, version: SimulatedVersion, answers: Record<string, string>) => {
    const reply = (method: string) => () => ({ status: answers[method]! });
    const charger = await pair.connect({ identity, version, handlers: { ReserveNow: reply('ReserveNow'), CancelReservation: reply('CancelReservation'), UnlockConnector: reply('UnlockConnector') } });
    connected.push(charger);
    return charger;
  };
  const send = async (command: string, fields: Record<string, unknown>) => {
    const sent = await pair.emsp.api<SentCommand>('POST', '/parties/DE-MSP/commands', { to: 'NL-CPO', command, ...fields });
    expect(sent.body.response?.result).toBe('ACCEPTED');
    return sent.body.id;
  };
  /** The CommandResult the eMSP received for command `id`. */
  const resultOf = async (id: string) => {
    let result: string | undefined;
    await expect
      .poll(async () => {
        await pair.cpo.deliver();
        result = (await pair.emsp.api<SentCommand>('GET', `/parties/DE-MSP/commands/${id}`)).body.result?.result;
        return result;
      })
      .toBeDefined();
    return result;
  };
  const lastRequest = (charger: SimulatedCharger) => charger.requests.at(-1);
  const reserveFields = (reservationId: string, evse: string) => ({ token: TOKEN_OBJECT, expiry_date: new Date(Date.now() + 30 * 60_000).toISOString(), reservation_id: reservationId, location_id: 'LOC-1', evse_uid: evse });

  it.each([
    { version: '1.6' as const, evse: 'EVSE-1', identity: 'CB-RES-16' },
    { version: '2.0.1' as const, evse: 'EVSE-2', identity: 'CB-RES-201' },
  ])('OCPP $version: reserve, reserve again, cancel, cancel an unknown reservation, and unlock', async ({ version, evse, identity }) => {
    await pair.register(identity, evse);
    const answers: Record<string, string> = { ReserveNow: 'Accepted', CancelReservation: 'Accepted', UnlockConnector: 'Unlocked' };
    const charger = await chargerAnswering(identity, version, answers);

    const fields = reserveFields('RES-1', evse);
    expect(await resultOf(await send('RESERVE_NOW', fields))).toBe('ACCEPTED');
    const [method, reserved] = lastRequest(charger)!;
    expect(method).toBe('ReserveNow');
    // Our own integer id, never the eMSP's reservation_id; the token as the charger knows it.
    const ocppId = version === '1.6' ? reserved.reservationId : reserved.id;
    expect(Number.isInteger(ocppId)).toBe(true);
    expect(reserved).toEqual(
      version === '1.6'
        ? { connectorId: 1, expiryDate: new Date(fields.expiry_date).toISOString(), idTag: TOKEN.uid, reservationId: ocppId }
        : { id: ocppId, expiryDateTime: new Date(fields.expiry_date).toISOString(), idToken: { idToken: TOKEN.uid, type: 'ISO14443' }, evseId: 1 },
    );

    // The same reservation_id again replaces the reservation: the charger gets the same id.
    answers.ReserveNow = 'Occupied';
    expect(await resultOf(await send('RESERVE_NOW', reserveFields('RES-1', evse)))).toBe('EVSE_OCCUPIED');
    const again = lastRequest(charger)![1];
    expect(version === '1.6' ? again.reservationId : again.id).toBe(ocppId);

    expect(await resultOf(await send('CANCEL_RESERVATION', { reservation_id: 'res-1' }))).toBe('ACCEPTED');
    expect(lastRequest(charger)).toEqual(['CancelReservation', { reservationId: ocppId }]);
    // The charger no longer has it (OCPP Rejected): UNKNOWN_RESERVATION.
    answers.CancelReservation = 'Rejected';
    expect(await resultOf(await send('CANCEL_RESERVATION', { reservation_id: 'RES-1' }))).toBe('UNKNOWN_RESERVATION');

    expect(await resultOf(await send('UNLOCK_CONNECTOR', { location_id: 'LOC-1', evse_uid: evse, connector_id: '1' }))).toBe('ACCEPTED');
    expect(lastRequest(charger)).toEqual(['UnlockConnector', version === '1.6' ? { connectorId: 1 } : { evseId: 1, connectorId: 1 }]);
    answers.UnlockConnector = 'UnlockFailed';
    expect(await resultOf(await send('UNLOCK_CONNECTOR', { location_id: 'LOC-1', evse_uid: evse, connector_id: '1' }))).toBe('FAILED');
  });

  it("two eMSPs with the same reservation_id hold two reservations; each cancels only its own", async () => {
    await pair.register('CB-RES-TWO', 'EVSE-3');
    const charger = await chargerAnswering('CB-RES-TWO', '1.6', { ReserveNow: 'Accepted', CancelReservation: 'Accepted', UnlockConnector: 'Unlocked' });
    await resultOf(await send('RESERVE_NOW', reserveFields('SHARED-1', 'EVSE-3')));
    const ours = lastRequest(charger)![1].reservationId;

    const otherToken = await pair.otherPartner('cpo', 'EMSP', OTHER_EMSP);
    const theirs = await pair.cpo.ocpi<{ result: string }>('POST', 'receiver/commands/RESERVE_NOW', otherToken, { response_url: 'http://127.0.0.1:9/results/1', ...reserveFields('SHARED-1', 'EVSE-3'), token: { ...TOKEN_OBJECT, country_code: 'FR', party_id: 'OTH', uid: 'FEEDC0DE' } }, OTHER_EMSP);
    expect(theirs.body.data?.result).toBe('ACCEPTED');
    await expect.poll(() => charger.requests.length).toBe(2);
    const theirId = lastRequest(charger)![1].reservationId;
    expect(theirId).not.toBe(ours);

    expect(await resultOf(await send('CANCEL_RESERVATION', { reservation_id: 'SHARED-1' }))).toBe('ACCEPTED');
    expect(lastRequest(charger)).toEqual(['CancelReservation', { reservationId: ours }]);
  });
});
