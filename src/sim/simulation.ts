import { planFor } from './charger-plan.js';
import { scenarioSeconds, type Scenario, type SimOcppVersion } from './scenario.js';
import { SimClock } from './sim-clock.js';
import { SimStats, type SimSummary } from './sim-stats.js';
import { SimulatedCharger, type SimEvent } from './simulated-charger.js';

export interface SimulationOptions {
  /** The CSMS's OCPP endpoint without the identity: `ws://127.0.0.1:8080/ocpp`. */
  url: string;
  count: number;
  version: SimOcppVersion;
  scenario: Scenario;
  stats?: SimStats;
  onEvent?: (event: SimEvent) => void;
  /** Certificates (PEM) to trust for a `wss://` CSMS instead of the system's. */
  ca?: Buffer;
}

/**
 * Runs `count` chargers through the scenario side by side, each with its own simulated clock
 * starting at the same instant, and resolves with the summary once every one has finished.
 * A scenario that cannot apply to a charger (a card too long for its version) throws a
 * ScenarioError before any connects.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimSummary> {
  const { scenario } = options;
  const stats = options.stats ?? new SimStats();
  const plans = Array.from({ length: options.count }, (_, i) => planFor(scenario, i + 1, options.version));
  const startMs = scenario.start !== undefined ? Date.parse(scenario.start) : SimClock.startFor(scenarioSeconds(scenario.steps), scenario.speed);
  const chargers = plans.map(
    (plan) => new SimulatedCharger({ url: options.url, plan, clock: new SimClock(startMs, scenario.speed), stats, ...(options.onEvent && { onEvent: options.onEvent }), ...(options.ca && { ca: options.ca }) }),
  );
  await Promise.all(chargers.map((charger) => charger.run()));
  return stats.summary(options.count);
}
