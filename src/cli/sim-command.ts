import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ProgressLine } from '../sim/progress-line.js';
import { DEFAULT_SCENARIO, parseScenario, ScenarioError, SIM_OCPP_VERSIONS, type Scenario, type SimOcppVersion } from '../sim/scenario.js';
import { SimStats } from '../sim/sim-stats.js';
import { runSimulation } from '../sim/simulation.js';
import { CliError } from './cli-error.js';

const USAGE = `usage: evroam sim chargers --url ws://127.0.0.1:8080/ocpp --count N [--ocpp 1.6|2.0.1] [--scenario FILE] [--ca PEMFILE]
Runs N simulated chargers against an OCPP endpoint; FILE is a scenario (docs/SIMULATOR.md). Without
one they boot, report their connectors and send heartbeats for five minutes. --ca trusts the
certificates in PEMFILE for a wss:// endpoint (a self-signed one). Progress goes to stderr, a JSON
summary to stdout; the exit code is 1 when any error was counted.`;

/** `evroam sim chargers …`: runs simulated chargers; resolves with the exit code. */
export async function simCommand(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'chargers') throw new CliError(what ? `unknown sim target "${what}"\n${USAGE}` : USAGE, 2);
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: { url: { type: 'string' }, count: { type: 'string' }, ocpp: { type: 'string' }, scenario: { type: 'string' }, ca: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (!values.url || !/^wss?:\/\/\S+$/.test(values.url)) throw new CliError(`--url must be the charger endpoint, e.g. ws://127.0.0.1:8080/ocpp\n${USAGE}`, 2);
  const count = Number(values.count);
  if (!values.count || !Number.isInteger(count) || count < 1 || count > 100_000) throw new CliError(`--count must be a whole number from 1 to 100000\n${USAGE}`, 2);
  if (values.ocpp !== undefined && !SIM_OCPP_VERSIONS.includes(values.ocpp as SimOcppVersion)) throw new CliError(`--ocpp must be one of ${SIM_OCPP_VERSIONS.join(', ')}\n${USAGE}`, 2);
  if (values.ca !== undefined && !values.url.startsWith('wss://')) throw new CliError(`--ca is for a wss:// --url\n${USAGE}`, 2);
  const ca = values.ca === undefined ? undefined : readCa(values.ca);
  const scenario = values.scenario === undefined ? DEFAULT_SCENARIO : readScenario(values.scenario);
  const version = (values.ocpp as SimOcppVersion | undefined) ?? scenario.ocpp ?? '1.6';

  const stats = new SimStats();
  const progress = new ProgressLine(process.stderr, stats, count);
  let summary;
  try {
    summary = await runSimulation({ url: values.url, count, version, scenario, stats, ...(ca && { ca }) });
  } catch (error) {
    if (error instanceof ScenarioError) throw new CliError(`${values.scenario}: ${error.message}`, 2);
    throw error;
  } finally {
    progress.stop();
  }
  process.stdout.write(`${JSON.stringify({ ocpp: version, ...summary }, null, 2)}\n`);
  return summary.errors === 0 ? 0 : 1;
}

function readCa(file: string): Buffer {
  let pem: Buffer;
  try {
    pem = readFileSync(file);
  } catch (error) {
    throw new CliError(`--ca: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new CliError(`--ca: ${file} holds no PEM certificate`, 2);
  return pem;
}

function readScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
  }
  try {
    return parseScenario(JSON.parse(text));
  } catch (error) {
    if (error instanceof ScenarioError) throw new CliError(`${file}: ${error.message}`, 2);
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, 2);
  }
}
