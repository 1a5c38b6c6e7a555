/**
 * What simulated chargers do, as read from a scenario file (docs/SIMULATOR.md): who they are,
 * how fast simulated time runs, and the steps every charger takes after it has booted.
 */

export type SimOcppVersion = '1.6' | '2.0.1';

export const SIM_OCPP_VERSIONS: readonly SimOcppVersion[] = ['1.6', '2.0.1'];

export type Step =
  /** A driver holds a card to the reader: Authorize, then a transaction when it is accepted. `uids[(n - 1) % length]` for charger n. */
  | { kind: 'tap'; uids: string[]; connector: number }
  /** Open sessions draw `kw` for `minutes`, with a meter reading every `meterEverySeconds`. */
  | { kind: 'charge'; minutes: number; kw: number; meterEverySeconds: number; connector: number | null }
  /** The connection drops for `seconds`; sessions keep charging and their readings wait in a queue. */
  | { kind: 'offline'; seconds: number }
  | { kind: 'stop'; connector: number | null; reason: string }
  /** Idle time; the charger sends its heartbeats. */
  | { kind: 'wait'; seconds: number }
  | { kind: 'status'; connector: number; state: string };

export interface Scenario {
  /** Identity pattern: `{n}` is the charger's number from 1, `{n:4}` the same padded to 4 digits. */
  chargerId: string;
  /** HTTP Basic password pattern (security profile 1); none when absent. */
  password?: string;
  connectors: number;
  /** The version when `--ocpp` does not say. */
  ocpp?: SimOcppVersion;
  /** Simulated seconds per real second. */
  speed: number;
  /** Simulated time of the first message; by default the run ends about when it started in real time. */
  start?: string;
  vendor: string;
  model: string;
  meterStartWh: number;
  steps: Step[];
}

/** A scenario file that cannot be used, naming the field at fault. */
export class ScenarioError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ScenarioError';
  }
}

/** Without a scenario file the chargers boot, report their connectors and keep a five-minute heartbeat going. */
export const DEFAULT_SCENARIO: Scenario = {
  chargerId: 'SIM-{n}',
  connectors: 1,
  speed: 1,
  vendor: 'evroam',
  model: 'Simulated charger',
  meterStartWh: 0,
  steps: [{ kind: 'wait', seconds: 300 }],
};

/** 1.6 connector states; 2.0.1 knows only Available, Occupied, Reserved, Unavailable and Faulted. */
const STATES = ['Available', 'Preparing', 'Charging', 'SuspendedEVSE', 'SuspendedEV', 'Finishing', 'Reserved', 'Unavailable', 'Faulted', 'Occupied'];
const STEP_KINDS = ['tap', 'charge', 'offline', 'stop', 'wait', 'status'];

export function parseScenario(raw: unknown): Scenario {
  const root = record(raw, '(root)');
  known(root, '(root)', ['charger_id', 'password', 'connectors', 'ocpp', 'speed', 'start', 'vendor', 'model', 'meter_start_wh', 'steps']);
  const scenario: Scenario = {
    chargerId: text(root.charger_id ?? DEFAULT_SCENARIO.chargerId, 'charger_id'),
    connectors: integer(root.connectors ?? 1, 'connectors', 1, 100),
    speed: positive(root.speed ?? 1, 'speed', 1_000_000),
    vendor: text(root.vendor ?? DEFAULT_SCENARIO.vendor, 'vendor'),
    model: text(root.model ?? DEFAULT_SCENARIO.model, 'model'),
    meterStartWh: integer(root.meter_start_wh ?? 0, 'meter_start_wh', 0, 1e12),
    steps: [],
  };
  if (!scenario.chargerId.includes('{n')) throw new ScenarioError('charger_id', 'must contain {n} so every charger gets its own identity');
  if (root.password !== undefined) scenario.password = text(root.password, 'password');
  if (root.ocpp !== undefined) scenario.ocpp = version(root.ocpp, 'ocpp');
  if (root.start !== undefined) {
    const start = text(root.start, 'start');
    if (Number.isNaN(Date.parse(start))) throw new ScenarioError('start', `${JSON.stringify(start)} is not an ISO 8601 date-time`);
    scenario.start = new Date(start).toISOString();
  }
  if (!Array.isArray(root.steps) || root.steps.length === 0) throw new ScenarioError('steps', 'must be a non-empty array');
  scenario.steps = root.steps.map((step, i) => parseStep(step, `steps[${i}]`, scenario.connectors));
  return scenario;
}

/** What the length of a step depends on; a scenario's steps and a charger's planned steps both have it. */
type TimedStep = { kind: 'charge'; minutes: number } | { kind: 'offline' | 'wait'; seconds: number } | { kind: 'tap' | 'stop' | 'status' };

/** Simulated seconds the steps take: taps, stops and status changes take none. */
export function scenarioSeconds(steps: readonly TimedStep[]): number {
  return steps.reduce((sum, step) => {
    switch (step.kind) {
      case 'charge':
        return sum + step.minutes * 60;
      case 'offline':
      case 'wait':
        return sum + step.seconds;
      default:
        return sum;
    }
  }, 0);
}

/** Fills `{n}` and `{n:WIDTH}` with the charger's number. */
export function fillPattern(pattern: string, n: number): string {
  return pattern.replace(/\{n(?::(\d+))?\}/g, (_all, width: string | undefined) => String(n).padStart(width ? Number(width) : 0, '0'));
}

function parseStep(raw: unknown, field: string, connectors: number): Step {
  const step = record(raw, field);
  const keys = Object.keys(step).filter((k) => k !== 'connector');
  if (keys.length !== 1 || !STEP_KINDS.includes(keys[0]!)) throw new ScenarioError(field, `must have exactly one of ${STEP_KINDS.join(', ')}`);
  const kind = keys[0]!;
  const at = `${field}.${kind}`;
  const value = step[kind];
  switch (kind) {
    case 'tap': {
      // {"tap": "UID"}, {"tap": ["UID1", "UID2"]} or {"tap": {"uid": …, "connector": 2}}.
      const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { uid: value };
      known(object, at, ['uid', 'connector']);
      const uids = (Array.isArray(object.uid) ? object.uid : [object.uid]).map((u, i) => text(u, Array.isArray(object.uid) ? `${at}.uid[${i}]` : at));
      if (uids.length === 0) throw new ScenarioError(at, 'names no card');
      for (const uid of uids) if (uid.length > 36) throw new ScenarioError(at, `${uid} is longer than 36 characters (OCPP 2.0.1 IdTokenType)`);
      return { kind, uids, connector: connectorOf(object.connector ?? step.connector, `${at}.connector`, connectors) ?? 1 };
    }
    case 'charge': {
      const object = record(value, at);
      known(object, at, ['minutes', 'kw', 'meter_every_s', 'connector']);
      return {
        kind,
        minutes: positive(object.minutes, `${at}.minutes`, 100_000),
        kw: nonNegative(object.kw, `${at}.kw`, 1000),
        meterEverySeconds: positive(object.meter_every_s ?? 60, `${at}.meter_every_s`, 86_400),
        connector: connectorOf(object.connector ?? step.connector, `${at}.connector`, connectors),
      };
    }
    case 'offline':
    case 'wait': {
      const object = record(value, at);
      known(object, at, ['seconds']);
      return { kind, seconds: positive(object.seconds, `${at}.seconds`, 10_000_000) };
    }
    case 'stop': {
      const object = record(value ?? {}, at);
      known(object, at, ['connector', 'reason']);
      return { kind, connector: connectorOf(object.connector ?? step.connector, `${at}.connector`, connectors), reason: text(object.reason ?? 'Local', `${at}.reason`) };
    }
    default: {
      const object = typeof value === 'string' ? { state: value } : record(value, at);
      known(object, at, ['state', 'connector']);
      const state = text(object.state, `${at}.state`);
      if (!STATES.includes(state)) throw new ScenarioError(`${at}.state`, `must be one of ${STATES.join(', ')}`);
      return { kind: 'status', state, connector: connectorOf(object.connector ?? step.connector, `${at}.connector`, connectors) ?? 1 };
    }
  }
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ScenarioError(field, 'must be a JSON object');
  return value as Record<string, unknown>;
}

function known(object: Record<string, unknown>, field: string, names: string[]): void {
  const unknown = Object.keys(object).find((k) => !names.includes(k));
  if (unknown !== undefined) throw new ScenarioError(field, `unknown field "${unknown}" (known: ${names.join(', ')})`);
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new ScenarioError(field, 'must be a non-empty string');
  return value;
}

function version(value: unknown, field: string): SimOcppVersion {
  if (!SIM_OCPP_VERSIONS.includes(value as SimOcppVersion)) throw new ScenarioError(field, `must be one of ${SIM_OCPP_VERSIONS.join(', ')}`);
  return value as SimOcppVersion;
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new ScenarioError(field, `must be an integer from ${min} to ${max}`);
  return value;
}

function positive(value: unknown, field: string, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) throw new ScenarioError(field, `must be a number above 0 and at most ${max}`);
  return value;
}

function nonNegative(value: unknown, field: string, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) throw new ScenarioError(field, `must be a number from 0 to ${max}`);
  return value;
}

function connectorOf(value: unknown, field: string, connectors: number): number | null {
  if (value === undefined) return null;
  return integer(value, field, 1, connectors);
}
