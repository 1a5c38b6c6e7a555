import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFor } from '../../src/sim/charger-plan.js';
import { parseScenario, scenarioSeconds, ScenarioError } from '../../src/sim/scenario.js';
import { SimClock } from '../../src/sim/sim-clock.js';

const DOC = readFileSync(resolve(import.meta.dirname, '../../docs/SIMULATOR.md'), 'utf8');

describe('scenario files', () => {
  it('reads the example of docs/SIMULATOR.md and gives each charger its identity, password and card', () => {
    const example = /## Scenario file\n\n```json\n([\s\S]*?)```/.exec(DOC)![1]!;
    const scenario = parseScenario(JSON.parse(example));
    expect(scenarioSeconds(scenario.steps)).toBe(30 * 60 + 600 + 20 * 60);
    const second = planFor(scenario, 2, '1.6');
    expect(second).toMatchObject({ identity: 'SIM-002', password: 'sim-secret-2', meterStartWh: 250000 });
    expect(second.steps[0]).toEqual({ kind: 'tap', uid: '04B1C2D3E4F501', connector: 1 });
    expect(planFor(scenario, 3, '1.6').steps[0]).toMatchObject({ uid: '04A23B5C6D7E80' });
    expect(second.steps[3]).toEqual({ kind: 'charge', minutes: 20, kw: 11, meterEverySeconds: 60, connector: null });
  });

  it('names the field at fault', () => {
    const fault = (raw: unknown) => {
      try {
        parseScenario(raw);
      } catch (error) {
        return (error as ScenarioError).message;
      }
      return 'accepted';
    };
    expect(fault({ steps: [] })).toBe('steps: must be a non-empty array');
    expect(fault({ charger_id: 'CB-1', steps: [{ wait: { seconds: 1 } }] })).toBe('charger_id: must contain {n} so every charger gets its own identity');
    expect(fault({ steps: [{ stop: {} }, { tap: 'A', charge: {} }] })).toBe('steps[1]: must have exactly one of tap, charge, offline, stop, wait, status');
    expect(fault({ connectors: 2, steps: [{ stop: { connector: 3 } }] })).toBe('steps[0].stop.connector: must be an integer from 1 to 2');
    expect(fault({ steps: [{ wait: { seconds: 1 } }], sped: 10 })).toContain('(root): unknown field "sped"');
  });

  it('starts compressed time early enough that a run never sends timestamps from the future', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    // An hour at 60× takes a minute of real time: simulated time starts 59 minutes back.
    expect(new Date(SimClock.startFor(3600, 60, now)).toISOString()).toBe('2026-03-02T09:01:00.000Z');
    expect(SimClock.startFor(3600, 1, now)).toBe(now);
  });
});
