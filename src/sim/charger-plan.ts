import { fillPattern, ScenarioError, type Scenario, type SimOcppVersion, type Step } from './scenario.js';

/** A step as one charger takes it: a tap names its one card. */
export type PlannedStep = Exclude<Step, { kind: 'tap' }> | { kind: 'tap'; uid: string; connector: number };

/** Everything one simulated charger needs to know. */
export interface ChargerPlan {
  identity: string;
  password?: string;
  version: SimOcppVersion;
  connectors: number;
  vendor: string;
  model: string;
  meterStartWh: number;
  steps: PlannedStep[];
}

/** An OCPP 1.6 idTag is at most 20 characters (CiString20Type); 2.0.1 allows 36. */
const ID_TAG_LENGTH: Record<SimOcppVersion, number> = { '1.6': 20, '2.0.1': 36 };

/** The plan of charger `n` (from 1): its identity, password and cards filled in from the scenario's patterns. */
export function planFor(scenario: Scenario, n: number, version: SimOcppVersion): ChargerPlan {
  const plan: ChargerPlan = {
    identity: fillPattern(scenario.chargerId, n),
    version,
    connectors: scenario.connectors,
    vendor: scenario.vendor,
    model: scenario.model,
    meterStartWh: scenario.meterStartWh,
    steps: scenario.steps.map((step, i) => {
      if (step.kind !== 'tap') return step;
      const uid = fillPattern(step.uids[(n - 1) % step.uids.length]!, n);
      if (uid.length > ID_TAG_LENGTH[version]) throw new ScenarioError(`steps[${i}].tap`, `${uid} is longer than the ${ID_TAG_LENGTH[version]} characters an OCPP ${version} charger can send`);
      return { kind: 'tap', uid, connector: step.connector };
    }),
  };
  if (scenario.password !== undefined) plan.password = fillPattern(scenario.password, n);
  return plan;
}
