import { describe, expect, it } from 'vitest';
import { planLocationChange } from '../../src/cpo/locations/location-change.js';
import { LocationInput } from '../../src/cpo/locations/location-input.js';
import type { Location } from '../../src/ocpi/types/locations.js';
import { parseOcpi } from '../../src/ocpi/validation.js';
import { locationInput } from './support.js';

const OWNER = { countryCode: 'NL', partyId: 'CPO' };
const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';

function created(): Location {
  return planLocationChange(null, parseOcpi(LocationInput, locationInput('LOC1')), OWNER, T0).location;
}

function edited(location: Location, edit: (copy: Location) => void): LocationInput {
  const copy = structuredClone(location);
  edit(copy);
  return copy;
}

describe('the change a CPO pushes for an edited Location', () => {
  it('creates a Location as one PUT, owner filled in and every timestamp set', () => {
    const change = planLocationChange(null, parseOcpi(LocationInput, locationInput('LOC1')), OWNER, T0);
    expect(change.steps).toEqual([{ method: 'PUT', kind: 'location.put', path: ['LOC1'], body: change.location }]);
    expect(change.location).toMatchObject({ country_code: 'NL', party_id: 'CPO', id: 'LOC1', last_updated: T0 });
    expect(change.location.evses!.flatMap((e) => [e.last_updated, ...e.connectors.map((c) => c.last_updated)])).toEqual([T0, T0, T0, T0]);
  });

  it('changes and sends nothing when the same Location comes again, whatever last_updated it carries', () => {
    const location = created();
    const again = { ...parseOcpi(LocationInput, locationInput('LOC1')), last_updated: '2020-01-01T00:00:00Z' };
    const change = planLocationChange(location, again, OWNER, T1);
    expect(change).toEqual({ location, changed: false, steps: [] });
  });

  it('sends an EVSE status change as a PATCH of that EVSE with status and last_updated, bumping the Location', () => {
    const location = created();
    const change = planLocationChange(location, edited(location, (l) => (l.evses![1]!.status = 'CHARGING')), OWNER, T1);
    expect(change.steps).toEqual([{ method: 'PATCH', kind: 'evse.patch', path: ['LOC1', 'LOC1-2'], body: { status: 'CHARGING', last_updated: T1 } }]);
    expect(change.location.last_updated).toBe(T1);
    expect(change.location.evses![1]!.last_updated).toBe(T1);
    // The untouched EVSE and the connectors keep their timestamps.
    expect(change.location.evses![0]!.last_updated).toBe(T0);
    expect(change.location.evses![1]!.connectors[0]!.last_updated).toBe(T0);
  });

  it('sends a changed connector as a PATCH of the connector, bumping its EVSE and the Location', () => {
    const location = created();
    const change = planLocationChange(location, edited(location, (l) => (l.evses![0]!.connectors[0]!.tariff_ids = ['AC-NIGHT'])), OWNER, T1);
    expect(change.steps).toEqual([{ method: 'PATCH', kind: 'connector.patch', path: ['LOC1', 'LOC1-1', '1'], body: { tariff_ids: ['AC-NIGHT'], last_updated: T1 } }]);
    expect([change.location.last_updated, change.location.evses![0]!.last_updated, change.location.evses![0]!.connectors[0]!.last_updated]).toEqual([T1, T1, T1]);
  });

  it('PATCHes changed Location fields and PUTs a new EVSE', () => {
    const location = created();
    const next = edited(location, (l) => {
      l.name = 'Renamed';
      l.evses!.push({ ...structuredClone(l.evses![0]!), uid: 'LOC1-3', evse_id: 'NL*CPO*E0001*3' });
    });
    const change = planLocationChange(location, next, OWNER, T1);
    expect(change.steps.map((s) => `${s.method} ${s.path.join('/')}`)).toEqual(['PATCH LOC1', 'PUT LOC1/LOC1-3']);
    expect(change.steps[0]!.body).toEqual({ name: 'Renamed', last_updated: T1 });
  });

  it('PUTs the whole object when a field is removed, because a PATCH cannot remove data', () => {
    const location = created();
    const change = planLocationChange(location, edited(location, (l) => delete l.postal_code), OWNER, T1);
    expect(change.steps).toEqual([{ method: 'PUT', kind: 'location.put', path: ['LOC1'], body: change.location }]);
    expect(change.location.postal_code).toBeUndefined();
  });

  it('PUTs the EVSE when one of its connectors is removed', () => {
    const location = created();
    const withTwo = planLocationChange(location, edited(location, (l) => l.evses![0]!.connectors.push({ ...l.evses![0]!.connectors[0]!, id: '2' })), OWNER, T1).location;
    const change = planLocationChange(withTwo, edited(withTwo, (l) => l.evses![0]!.connectors.pop()), OWNER, T1);
    expect(change.steps.map((s) => `${s.method} ${s.kind} ${s.path.join('/')}`)).toEqual(['PUT evse.put LOC1/LOC1-1']);
  });

  it('refuses to drop an EVSE: EVSEs are never deleted, only REMOVED', () => {
    const location = created();
    const attempt = () => planLocationChange(location, edited(location, (l) => l.evses!.pop()), OWNER, T1, '[4]');
    expect(attempt).toThrow(/\[4\]\.evses: EVSE "LOC1-2" is missing.*REMOVED/);
    expect(attempt).toThrow(expect.objectContaining({ statusCode: 2001 }));
  });
});
