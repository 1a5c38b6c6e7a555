#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { CliError } from './cli-error.js';
import { importCommand } from './import-command.js';
import { outboxCommand } from './outbox-command.js';
import { peerCommand } from './peer-command.js';
import { serveCommand } from './serve-command.js';

const USAGE = `evroam — OCPI roaming for CPOs, eMSPs and hubs

usage:
  evroam serve [--config FILE]      run the service (default config: ./evroam.config.json, created on first run)
  evroam peer invite|register|list|check|pull|rotate|unregister …   partner connections
  evroam import locations|tariffs|tokens FILE --party CC-PID        bulk-load OCPI objects
  evroam outbox list|retry …                                        deliveries and dead letters
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
