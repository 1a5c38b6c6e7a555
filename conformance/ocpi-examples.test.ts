/**
 * Validates every official OCPI 2.2.1 example payload (2.2.1-d2, copied unmodified into
 * ../shared/ocpi-examples/2.2.1) against our schemas. Every file in that folder must be classified
 * below, so a new example cannot slip through unchecked. Where an official example is itself
 * wrong, the test pins the exact defect instead of loosening the schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type, type TSchema } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { CDR } from '../src/ocpi/types/cdrs.js';
import { DateTime, DisplayText, EnergyMix } from '../src/ocpi/types/common.js';
import { Credentials } from '../src/ocpi/types/credentials.js';
import { ConnectorPatch, EVSE, EVSEPatch, Hours, Location, LocationPatch } from '../src/ocpi/types/locations.js';
import { Session, SessionPatch } from '../src/ocpi/types/sessions.js';
import { Tariff } from '../src/ocpi/types/tariffs.js';
import { Token, TokenPatch } from '../src/ocpi/types/tokens.js';
import { Version, VersionDetails } from '../src/ocpi/types/versions.js';
import { findProblems } from '../src/ocpi/validation.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = path.resolve(repoRoot, '../shared/ocpi-examples/2.2.1');

/** Only the transport_and_format_* examples carry the response envelope; the rest are bare data. */
function envelope(data: TSchema): TSchema {
  return Type.Object({
    data,
    status_code: Type.Integer(),
    status_message: Type.Optional(Type.String()),
    timestamp: DateTime,
  });
}

interface Expectation {
  schema: TSchema;
  /** Which part of the file to validate, for examples that wrap a fragment. */
  pick?: (json: Record<string, unknown>) => unknown;
  /** Fields our schema rejects because the official example is wrong; see `defects` below. */
  knownDefects?: string[];
}

/**
 * How each example is used in the spec text decides its schema: e.g. the Locations chapter PATCHes
 * `location_patch_example_status` to an EVSE URL and `..._tariff` to a Connector URL.
 */
function expectationFor(file: string): Expectation | undefined {
  const exact: Record<string, Expectation> = {
    'cdr_example.json': { schema: CDR },
    'location_patch_example_location.json': { schema: LocationPatch },
    'location_patch_example_status.json': { schema: EVSEPatch },
    'location_patch_example_remove_evse.json': { schema: EVSEPatch },
    'location_patch_example_tariff.json': { schema: ConnectorPatch },
    'location_put_example_add_evse.json': {
      schema: EVSE,
      knownDefects: ['physical_reference', 'connectors[0].power_type', 'connectors[0].max_voltage', 'connectors[0].max_amperage', 'connectors[0].last_updated'],
    },
    // The spec text embeds only the inner object (include with a line range); the file wraps it.
    'location_regularhours_example.json': { schema: Hours, pick: (json) => json['opening_times'] },
    'session_patch_example_charging_period.json': { schema: SessionPatch },
    'session_patch_example_total_cost.json': { schema: SessionPatch },
    'tariff_put_example.json': { schema: Tariff, knownDefects: ['last_updated'] },
    'token_patch_example.json': { schema: TokenPatch },
    'transport_and_format_get_token_example.json': { schema: envelope(Token) },
    'transport_and_format_get_token_list_example.json': { schema: envelope(Type.Array(Token)) },
    'transport_and_format_version_details_example.json': { schema: envelope(VersionDetails) },
    'transport_and_format_version_info_example.json': { schema: envelope(Type.Array(Version)) },
    'type_displaytext_example.json': { schema: DisplayText },
    'versions_info_example.json': { schema: Type.Array(Version) },
  };
  if (exact[file]) return exact[file];

  const byPrefix: [string, Expectation][] = [
    ['credentials_example', { schema: Credentials }],
    ['location_energymix_example_', { schema: EnergyMix, pick: (json) => json['energy_mix'] }],
    ['location_hours_', { schema: Hours }],
    ['location_example', { schema: Location }],
    ['session_example_', { schema: Session }],
    ['tariffrestriction_example_', { schema: Tariff }],
    ['tariff_', { schema: Tariff }],
    ['token_example_', { schema: Token }],
    ['token_put_example', { schema: Token }],
    ['version_details_example', { schema: VersionDetails }],
  ];
  return byPrefix.find(([prefix]) => file.startsWith(prefix))?.[1];
}

/** Official examples we deliberately do not validate, with the reason. Empty: all 59 are checked. */
const excluded: Record<string, string> = {};

const files = readdirSync(examplesDir)
  .filter((file) => file.endsWith('.json'))
  .sort();

function load(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8')) as Record<string, unknown>;
}

describe('official OCPI 2.2.1 examples', () => {
  it('the example folder is where we expect it and complete', () => {
    expect(files.length).toBe(59);
  });

  it('every example is either mapped to a schema or listed as excluded', () => {
    const unclassified = files.filter((file) => !expectationFor(file) && !(file in excluded));
    expect(unclassified).toEqual([]);
  });

  const checked = files.filter((file) => !(file in excluded));

  it.each(checked)('%s', (file) => {
    const { schema, pick, knownDefects = [] } = expectationFor(file)!;
    const json = load(file);
    const value = pick ? pick(json) : json;
    expect(value).toBeDefined();
    const rejectedFields = findProblems(schema, value).map((problem) => problem.field);
    expect(rejectedFields.sort()).toEqual([...knownDefects].sort());
  });
});

/**
 * Each known defect, pinned precisely: the example is wrong by the spec's own object tables, and
 * once repaired it passes. If the EV Roaming Foundation fixes an example, these tests say so.
 */
describe('defects in the official examples', () => {
  it('location_put_example_add_evse: the "full" EVSE lacks connector fields and has wrong types', () => {
    const evse = load('location_put_example_add_evse.json');
    // physical_reference is string(16) but the example sends the number 3.
    expect(evse['physical_reference']).toBe(3);
    // The connector lacks the required power_type, max_voltage, max_amperage and last_updated,
    // although the text says to put "the full object ... including all its required fields".
    const connector = (evse['connectors'] as Record<string, unknown>[])[0]!;
    expect(Object.keys(connector).sort()).toEqual(['format', 'id', 'standard', 'tariff_ids']);
    // `floor` is not a field (EVSE has floor_level); tolerated as an unknown field.
    expect(evse['floor']).toBe(-1);

    const repaired = {
      ...evse,
      physical_reference: '3',
      connectors: [{ ...connector, power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 16, last_updated: evse['last_updated'] }],
    };
    expect(findProblems(EVSE, repaired)).toEqual([]);
  });

  it('tariff_put_example: a pushed Tariff without the required last_updated', () => {
    const tariff = load('tariff_put_example.json');
    expect(tariff).not.toHaveProperty('last_updated');
    expect(findProblems(Tariff, { ...tariff, last_updated: '2015-06-29T20:39:09Z' })).toEqual([]);
  });

  // The next two pass the schema; they are recorded here so nobody uses them as numeric truth.

  it('cdr_example: latitude and longitude are swapped relative to the Location it copies', () => {
    const cdr = load('cdr_example.json') as { cdr_location: { id: string; coordinates: { latitude: string; longitude: string } } };
    const location = load('location_example.json') as { id: string; coordinates: { latitude: string; longitude: string } };
    expect(cdr.cdr_location.id).toBe(location.id);
    expect(cdr.cdr_location.coordinates).toEqual({ latitude: location.coordinates.longitude, longitude: location.coordinates.latitude });
  });

  it('session_example_2_short_finished: ENERGY volumes are in Wh although the unit is kWh', () => {
    const session = load('session_example_2_short_finished.json') as {
      kwh: number;
      charging_periods: { dimensions: { type: string; volume: number }[] }[];
    };
    const energy = session.charging_periods.flatMap((period) => period.dimensions).filter((dimension) => dimension.type === 'ENERGY');
    const total = energy.reduce((sum, dimension) => sum + dimension.volume, 0);
    expect(total).toBe(session.kwh * 1000);
  });
});
