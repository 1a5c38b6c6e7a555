import { describe, expect, it } from 'vitest';
import { LocationInput } from '../../src/cpo/locations/location-input.js';
import { locationProblems, ownOperatorId, type LocationRules } from '../../src/cpo/locations/location-rules.js';
import { parseOcpi } from '../../src/ocpi/validation.js';
import { evseInput, locationInput } from './support.js';

const OWNER = { countryCode: 'NL', partyId: 'CPO' };
const STRICT: LocationRules = { owner: OWNER, evseOperators: [ownOperatorId(OWNER)] };

function problems(overrides: Record<string, unknown>, rules = STRICT): string[] {
  return locationProblems(parseOcpi(LocationInput, locationInput('LOC1', overrides)), rules, '').map((p) => `${p.field}: ${p.message}`);
}

describe('the rules a CPO Location follows beyond the OCPI schema', () => {
  it('accepts a well-formed Location', () => {
    expect(problems({})).toEqual([]);
  });

  it("takes EVSE IDs with or without separators, but only of the party's operator unless configured otherwise", () => {
    expect(problems({ evses: [evseInput('E1', 'nlcpoe1234')] })).toEqual([]);
    expect(problems({ evses: [evseInput('E1', 'NL*ABC*E1234')] })).toEqual([expect.stringMatching(/^evses\[0\]\.evse_id: operator NL\*ABC is not NL\*CPO/)]);
    expect(problems({ evses: [evseInput('E1', 'NL*ABC*E1234')] }, { owner: OWNER, evseOperators: ['NL*CPO', 'NL*ABC'] })).toEqual([]);
  });

  it('wants an evse_id unless the EVSE is REMOVED, and lets a REMOVED EVSE keep one a new EVSE reuses', () => {
    const { evse_id: _dropped, ...withoutId } = evseInput('E1', 'x');
    expect(problems({ evses: [withoutId] })).toEqual(['evses[0].evse_id: required unless the status is REMOVED']);
    expect(problems({ evses: [{ ...withoutId, status: 'REMOVED' }] })).toEqual([]);
    expect(problems({ evses: [evseInput('E1', 'NL*CPO*E1', { status: 'REMOVED' }), evseInput('E2', 'NL*CPO*E1')] })).toEqual([]);
    expect(problems({ evses: [evseInput('E1', 'NL*CPO*E1'), evseInput('e1', 'NLCPOE1')] })).toEqual([
      'evses[1].uid: "e1" is already the uid of evses[0]',
      'evses[1].evse_id: "NLCPOE1" is already the evse_id of evses[0]',
    ]);
  });

  it('checks coordinates against WGS 84 ranges, the owner, and who an unpublished Location is for', () => {
    expect(problems({ coordinates: { latitude: '12.345678', longitude: '-181.000000' } })).toEqual(['coordinates.longitude: -181.000000 is outside -180 to 180']);
    expect(problems({ related_locations: [{ latitude: '-91.00000', longitude: '0.00000' }] })).toEqual(['related_locations[0].latitude: -91.00000 is outside -90 to 90']);
    expect(problems({ party_id: 'XYZ' })).toEqual(['party_id: the location belongs to NL-CPO, got "XYZ"']);
    expect(problems({ publish: false, publish_allowed_to: [{ type: 'RFID' }] })).toEqual(['publish_allowed_to[0]: names no token: set uid, visual_number or group_id']);
    expect(problems({ time_zone: 'CET+1' })).toEqual([expect.stringMatching(/^time_zone: "CET\+1" is not an IANA time zone/)]);
  });
});
