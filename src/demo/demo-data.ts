import type { PartyConfig } from '../config/config-schema.js';
import type { PlannedStep } from '../sim/charger-plan.js';
import type { SimOcppVersion } from '../sim/scenario.js';

/** The two parties of the demo, each in its own evroam service. */
export const DEMO_CPO: PartyConfig = { countryCode: 'NL', partyId: 'CPO', roles: ['CPO'], name: 'Harbour Charging (demo CPO)' };
export const DEMO_EMSP: PartyConfig = { countryCode: 'DE', partyId: 'MSP', roles: ['EMSP'], name: 'Volt Drive (demo eMSP)' };

const UPDATED = '2026-01-01T00:00:00Z';

const AC_CONNECTOR = { id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, tariff_ids: ['AC-STANDARD'], last_updated: UPDATED };
const DC_CONNECTOR = { id: '1', standard: 'IEC_62196_T2_COMBO', format: 'CABLE', power_type: 'DC', max_voltage: 920, max_amperage: 125, max_electric_power: 50000, tariff_ids: ['DC-FAST'], last_updated: UPDATED };

function evse(uid: string, evseId: string, connector: object) {
  return { uid, evse_id: evseId, status: 'AVAILABLE', capabilities: ['REMOTE_START_STOP_CAPABLE', 'RFID_READER'], connectors: [connector], last_updated: UPDATED };
}

/** What the CPO imports: two sites, an AC and a DC price. */
export const DEMO_LOCATIONS = [
  {
    id: 'LOC-HARBOUR',
    publish: true,
    name: 'Harbour car park',
    address: 'Kade 1',
    city: 'Amsterdam',
    postal_code: '1011AA',
    country: 'NLD',
    coordinates: { latitude: '52.370216', longitude: '4.895168' },
    time_zone: 'Europe/Amsterdam',
    evses: [evse('EVSE-H1', 'NL*CPO*E0001*1', AC_CONNECTOR), evse('EVSE-H2', 'NL*CPO*E0001*2', AC_CONNECTOR)],
    last_updated: UPDATED,
  },
  {
    id: 'LOC-STATION',
    publish: true,
    name: 'Station square',
    address: 'Stationsplein 10',
    city: 'Utrecht',
    postal_code: '3511ED',
    country: 'NLD',
    coordinates: { latitude: '52.089444', longitude: '5.110278' },
    time_zone: 'Europe/Amsterdam',
    evses: [evse('EVSE-S1', 'NL*CPO*E0002*1', DC_CONNECTOR), evse('EVSE-S2', 'NL*CPO*E0002*2', AC_CONNECTOR)],
    last_updated: UPDATED,
  },
];

export const DEMO_TARIFFS = [
  {
    id: 'AC-STANDARD',
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price: 0.35, vat: 21, step_size: 1 }] }, { price_components: [{ type: 'FLAT', price: 0.5, vat: 21, step_size: 1 }] }],
    tariff_alt_text: [{ language: 'en', text: '0.35 EUR/kWh + 0.50 EUR per session, excl. VAT' }],
  },
  {
    id: 'DC-FAST',
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price: 0.59, vat: 21, step_size: 1 }] }, { price_components: [{ type: 'FLAT', price: 1, vat: 21, step_size: 1 }] }],
    tariff_alt_text: [{ language: 'en', text: '0.59 EUR/kWh + 1.00 EUR per session, excl. VAT' }],
  },
];

export interface DemoDriver {
  name: string;
  uid: string;
  contract_id: string;
  /** OCPI whitelist: NEVER makes every tap a real-time question to the eMSP. */
  whitelist: 'ALWAYS' | 'ALLOWED' | 'NEVER';
}

/** The eMSP's drivers and their cards. */
export const DEMO_DRIVERS: DemoDriver[] = [
  { name: 'Anna', uid: '04A23B5C6D7E80', contract_id: 'DE-MSP-C00000001-W', whitelist: 'NEVER' },
  { name: 'Ben', uid: '04B1C2D3E4F501', contract_id: 'DE-MSP-C00000002-T', whitelist: 'ALLOWED' },
  { name: 'Chloé', uid: '04C9D8E7F6A502', contract_id: 'DE-MSP-C00000003-V', whitelist: 'ALWAYS' },
  { name: 'Dev', uid: '04D4E5F6A7B803', contract_id: 'DE-MSP-C00000004-S', whitelist: 'ALLOWED' },
];

/** A card no partner issued: the CPO refuses it. */
export const STRANGER_CARD = 'DEADBEEF';

export interface DemoCharger {
  id: string;
  version: SimOcppVersion;
  password: string;
  location_id: string;
  evse_uid: string;
  /** What happens at the charger, in simulated time. */
  steps: PlannedStep[];
}

const tap = (uid: string): PlannedStep => ({ kind: 'tap', uid, connector: 1 });
const charge = (minutes: number, kw: number): PlannedStep => ({ kind: 'charge', minutes, kw, meterEverySeconds: 300, connector: null });
const stop: PlannedStep = { kind: 'stop', connector: null, reason: 'Local' };

/** Four chargers, both OCPP versions, one session each; Ben's charger loses its connection for a while, and a stranger tries a card. */
export const DEMO_CHARGERS: DemoCharger[] = [
  { id: 'CB-HARBOUR-1', version: '1.6', password: 'harbour-one-secret', location_id: 'LOC-HARBOUR', evse_uid: 'EVSE-H1', steps: [tap(DEMO_DRIVERS[0]!.uid), charge(60, 11), stop] },
  {
    id: 'CB-HARBOUR-2',
    version: '2.0.1',
    password: 'harbour-two-secret',
    location_id: 'LOC-HARBOUR',
    evse_uid: 'EVSE-H2',
    steps: [{ kind: 'wait', seconds: 600 }, tap(DEMO_DRIVERS[1]!.uid), charge(30, 7.4), { kind: 'offline', seconds: 900 }, charge(45, 7.4), stop],
  },
  { id: 'CB-STATION-1', version: '2.0.1', password: 'station-one-secret', location_id: 'LOC-STATION', evse_uid: 'EVSE-S1', steps: [{ kind: 'wait', seconds: 1800 }, tap(DEMO_DRIVERS[2]!.uid), charge(25, 48), stop] },
  {
    id: 'CB-STATION-2',
    version: '1.6',
    password: 'station-two-secret',
    location_id: 'LOC-STATION',
    evse_uid: 'EVSE-S2',
    steps: [{ kind: 'wait', seconds: 1200 }, tap(STRANGER_CARD), { kind: 'wait', seconds: 300 }, tap(DEMO_DRIVERS[3]!.uid), charge(45, 8), stop],
  },
];

/** Simulated seconds per real second: the longest visit, an hour and forty minutes, takes five seconds. */
export const DEMO_SPEED = 1200;
