import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DemoLog } from '../demo/demo-log.js';
import { runDemo } from '../demo/demo-run.js';
import { CliError } from './cli-error.js';

const USAGE = `usage: evroam demo [--exit] [--cpo-port N] [--emsp-port N]
Starts a CPO and an eMSP on this machine (embedded databases in a temporary folder), connects them
over OCPI, loads locations, tariffs and driver cards, and runs charging sessions on simulated
chargers, telling each step. The services then keep running until Ctrl-C; --exit stops after the
summary. Ports are free ones unless given.`;

/** `evroam demo`: the roaming story end to end with nothing to set up. */
export async function demoCommand(args: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { exit: { type: 'boolean' }, 'cpo-port': { type: 'string' }, 'emsp-port': { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const cpoPort = port(values['cpo-port'], 'cpo-port');
  const emspPort = port(values['emsp-port'], 'emsp-port');
  const folder = mkdtempSync(join(tmpdir(), 'evroam-demo-'));
  const log = new DemoLog(process.stdout);
  try {
    const demo = await runDemo({ folder, log, ...(cpoPort !== undefined && { cpoPort }), ...(emspPort !== undefined && { emspPort }) });
    if (!values.exit) {
      log.heading('Both services keep running until Ctrl-C');
      for (const [role, side] of [['CPO ', demo.cpo], ['eMSP', demo.emsp]] as const) log.text(`  ${role} ${side.partyKey}  ${side.url}  admin token ${side.adminToken}`);
      log.text(`\n  try: curl -H 'Authorization: Bearer ${demo.emsp.adminToken}' ${demo.emsp.url}/api/parties/${demo.emsp.partyKey}/received/cdrs`);
      log.text(`       curl -H 'Authorization: Bearer ${demo.cpo.adminToken}' ${demo.cpo.url}/api/parties/${demo.cpo.partyKey}/chargers`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      log.text('\nstopping…');
    }
    await demo.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function port(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535) throw new CliError(`--${name} must be a port number\n${USAGE}`, 2);
  return n;
}
