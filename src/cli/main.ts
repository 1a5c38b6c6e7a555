#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { chargerCommand } from './charger-command.js';
import { CliError } from './cli-error.js';
import { demoCommand } from './demo-command.js';
import { disputeCommand } from './dispute-command.js';
import { hubCommand } from '../hub/hub-command.js';
import { importCommand } from './import-command.js';
import { kpiCommand } from './kpi-command.js';
import { outboxCommand } from './outbox-command.js';
import { peerCommand } from './peer-command.js';
import { reconcileCommand } from './reconcile-command.js';
import { revenueCommand } from './revenue-command.js';
import { serveCommand } from './serve-command.js';
import { simCommand } from './sim-command.js';
import { statementCommand } from './statement-command.js';
import { tariffCommand } from './tariff-command.js';

const USAGE = `evroam — OCPI roaming for CPOs, eMSPs and hubs

usage:
  evroam demo [--exit]              a CPO and an eMSP with simulated chargers, end to end, nothing to set up
  evroam serve [--config FILE]      run the service (default config: ./evroam.config.json, created on first run)
  evroam peer invite|register|list|check|pull|rotate|unregister …   partner connections
  evroam import locations|tariffs|tokens FILE --party CC-PID        bulk-load OCPI objects
  evroam outbox list|retry …                                        deliveries and dead letters
  evroam reconcile [--party CC-PID] [--since DATE] [--json]        reconcile now; list open findings
  evroam kpi [--party CC-PID] [--json]                              roaming KPIs by partner
  evroam statement list|create|show|issue|settle|export|import …   settlement statements per partner and period
  evroam dispute list|open|show|accept|reject|withdraw …            disputes about CDRs and findings
  evroam revenue [--party CC-PID] [--from DATE] [--to DATE] [--json]   revenue by partner, location and period
  evroam tariff price|preview …                                     re-price a CDR offline; preview a session's price
  evroam charger add|list|show|transactions|remove …                OCPP chargers of a CPO party and their EVSEs
  evroam hub agreement add|list|remove · hub clients · hub messages …   a hub's roaming agreements, parties, message log
  evroam sim chargers --url ws://HOST:PORT/ocpp --count N [--ocpp 1.6|2.0.1] [--scenario FILE]   simulated chargers
  evroam help

Configuration: --config FILE or EVROAM_CONFIG; EVROAM_PORT, EVROAM_PUBLIC_URL, EVROAM_DATABASE_URL,
EVROAM_ADMIN_TOKEN override the file. See docs/CONFIGURATION.md.`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { config: { type: 'string' } }, strict: true });
      await serveCommand(values.config);
      return;
    }
    case 'peer':
      printJson(await peerCommand(rest));
      return;
    case 'import':
      printJson(await importCommand(rest));
      return;
    case 'outbox':
      printJson(await outboxCommand(rest));
      return;
    case 'hub':
      printJson(await hubCommand(rest));
      return;
    case 'reconcile':
      process.stdout.write(await reconcileCommand(rest));
      return;
    case 'kpi':
      process.stdout.write(await kpiCommand(rest));
      return;
    case 'statement':
      process.stdout.write(await statementCommand(rest));
      return;
    case 'dispute':
      process.stdout.write(await disputeCommand(rest));
      return;
    case 'revenue':
      process.stdout.write(await revenueCommand(rest));
      return;
    case 'tariff':
      printJson(await tariffCommand(rest));
      return;
    case 'charger':
      printJson(await chargerCommand(rest));
      return;
    case 'sim':
      process.exitCode = await simCommand(rest);
      return;
    case 'demo':
      await demoCommand(rest);
      return;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      throw new CliError(`unknown command "${command}"\n\n${USAGE}`, 2);
  }
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`evroam: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`evroam: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof Error && (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`evroam: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`evroam: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
