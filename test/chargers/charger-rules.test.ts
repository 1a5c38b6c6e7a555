import { describe, expect, it } from 'vitest';
import { mappingAt, mappingsAt, placeOf } from '../../src/cpo/chargers/connector-mapping.js';
import { evseStatusOf, ocpiStatusOf } from '../../src/cpo/chargers/evse-status.js';
import { continueRegister, stopOnRegister } from '../../src/cpo/chargers/meter-register.js';
import { fateOf } from '../../src/cpo/chargers/meter-throttle.js';
import { idTagFor } from '../../src/cpo/chargers/ocpp-charger-port.js';
import { tokenTypeOf } from '../../src/cpo/chargers/charger-authorizer.js';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const seconds = (s: number) => new Date(T0.getTime() + s * 1000).toISOString();

describe('OCPP connector states as OCPI EVSE statuses', () => {
  it('maps each state as ocpp.md §3.5 recommends: Preparing and 2.0.1 Occupied are in use', () => {
    expect(['Available', 'Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing', 'Occupied', 'Reserved', 'Unavailable', 'Faulted'].map((s) => ocpiStatusOf(s as never))).toEqual([
      'AVAILABLE',
      'CHARGING',
      'CHARGING',
      'CHARGING',
      'CHARGING',
      'CHARGING',
      'CHARGING',
      'RESERVED',
      'INOPERATIVE',
      'OUTOFORDER',
    ]);
  });

  it('an EVSE with several connectors takes the busiest one, and is UNKNOWN before any report', () => {
    expect(evseStatusOf(['Available', 'Charging'])).toBe('CHARGING');
    expect(evseStatusOf(['Faulted', 'Available'])).toBe('AVAILABLE');
    expect(evseStatusOf([])).toBe('UNKNOWN');
  });
});

describe('connector mappings', () => {
  const mappings = [
    { ocpp: '1', evse_uid: 'EVSE-A', connector_id: '1' },
    { ocpp: '2.1', evse_uid: 'EVSE-B', connector_id: '1' },
    { ocpp: '2.2', evse_uid: 'EVSE-B', connector_id: '2' },
  ];

  it('finds a 1.6 connector, a 2.0.1 EVSE by number alone, and a 2.0.1 EVSE connector', () => {
    expect(mappingAt(mappings, { connector: 1 })?.evse_uid).toBe('EVSE-A');
    expect(mappingAt(mappings, { evse: 1, connector: 1 })?.evse_uid).toBe('EVSE-A');
    expect(mappingAt(mappings, { evse: 2, connector: 2 })?.connector_id).toBe('2');
    expect(mappingAt(mappings, { evse: 2 })?.connector_id).toBe('1');
    expect(mappingAt(mappings, { connector: 3 })).toBeUndefined();
  });

  it('connector 0 (the whole charger) is every mapping', () => {
    expect(mappingsAt(mappings, {})).toHaveLength(3);
  });

  it('addresses requests in the charger\'s version', () => {
    expect(placeOf(mappings[0]!, '1.6')).toEqual({ connector: 1 });
    expect(placeOf(mappings[0]!, '2.0.1')).toEqual({ evse: 1 });
    expect(placeOf(mappings[2]!, '2.0.1')).toEqual({ evse: 2, connector: 2 });
  });
});

describe('meter reading throttle', () => {
  const last = { at: T0, kwh: 10 };

  it('forwards a reading a minute after the last, skips one sooner, and skips replays', () => {
    expect(fateOf({ at: seconds(60), energyKwh: 11 }, last, false, 60_000)).toBe('forward');
    expect(fateOf({ at: seconds(30), energyKwh: 10.5 }, last, false, 60_000)).toBe('skip');
    expect(fateOf({ at: seconds(0), energyKwh: 10 }, last, false, 60_000)).toBe('skip');
    expect(fateOf({ at: seconds(120) }, last, false, 60_000)).toBe('skip');
  });

  it('forwards every reading when the tariff prices power or current', () => {
    expect(fateOf({ at: seconds(5), energyKwh: 10.01 }, last, true, 60_000)).toBe('forward');
  });

  it('reports a register that went back instead of forwarding negative energy', () => {
    expect(fateOf({ at: seconds(600), energyKwh: 2 }, last, false, 60_000)).toBe('went_back');
  });
});

describe('the register a session is billed on', () => {
  const fresh = { offsetKwh: 0, lastKwh: 100, lastAt: T0 };

  it('follows the charger while its register rises, and skips readings not after the last (replays)', () => {
    expect(continueRegister(fresh, 101.5, new Date(seconds(60)))).toEqual({ kwh: 101.5, fell: false, register: { offsetKwh: 0, lastKwh: 101.5, lastAt: new Date(seconds(60)) } });
    expect(continueRegister(fresh, 102, T0)).toBeNull();
  });

  it('after a reset the reading counts as the last good one, and later energy adds on from there', () => {
    const reset = continueRegister(fresh, 0.4, new Date(seconds(60)))!;
    expect(reset).toMatchObject({ kwh: 100, fell: true, register: { offsetKwh: 99.6 } });
    expect(continueRegister(reset.register, 1.7, new Date(seconds(120)))).toMatchObject({ kwh: 101.3, fell: false });
    expect(stopOnRegister(reset.register, 2)).toEqual({ kwh: 101.6, fell: false });
  });

  it('a stop register below the last reading ends at that reading', () => {
    expect(stopOnRegister(fresh, 2)).toEqual({ kwh: 100, fell: true });
  });
});

describe('tokens at chargers', () => {
  const token = { country_code: 'DE', party_id: 'MSP', uid: '04A23B5C6D7E80', type: 'RFID', contract_id: 'DE-MSP-C1', issuer: 'x', valid: true, whitelist: 'ALLOWED', last_updated: '2026-01-01T00:00:00Z' } as const;

  it('a 1.6 charger gets the uid when it fits 20 characters, else a stable 20-character surrogate', () => {
    expect(idTagFor(token, '1.6')).toBe('04A23B5C6D7E80');
    const app = { ...token, type: 'APP_USER' as const, uid: '3f0c1a9e-7b2d-4c61-9a8e-2f4b6d8c0e1a' };
    const surrogate = idTagFor(app, '1.6');
    expect(surrogate).toMatch(/^[0-9A-F]{20}$/);
    expect(idTagFor({ ...app, uid: app.uid.toUpperCase() }, '1.6')).toBe(surrogate);
    expect(idTagFor(app, '2.0.1')).toBe(app.uid);
  });

  it('reads 2.0.1 token types as OCPI token types; a 1.6 idTag is RFID', () => {
    expect([undefined, 'ISO14443', 'ISO15693', 'Central', 'Local', 'eMAID'].map(tokenTypeOf)).toEqual(['RFID', 'RFID', 'RFID', 'APP_USER', 'AD_HOC_USER', 'OTHER']);
  });
});
