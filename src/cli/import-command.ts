import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AdminClient } from './admin-client.js';
import { CliError } from './cli-error.js';

const MODULES = ['locations', 'tariffs', 'tokens'] as const;
const USAGE = `usage: evroam import ${MODULES.join('|')} FILE --party CC-PID [--config FILE]
FILE holds a JSON array of OCPI objects; the import is all or nothing.`;

/** `evroam import MODULE FILE --party CC-PID`: bulk-loads OCPI objects through the admin API. */
export async function importCommand(args: string[]): Promise<unknown> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { party: { type: 'string' }, config: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const [module, file] = parsed.positionals;
  if (!module || !(MODULES as readonly string[]).includes(module) || !file) throw new CliError(USAGE, 2);
  if (!parsed.values.party) throw new CliError(`missing --party\n${USAGE}`, 2);

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
  }
  let objects: unknown;
  try {
    objects = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, 2);
  }
  if (!Array.isArray(objects)) throw new CliError(`${file} must hold a JSON array of OCPI ${module} objects`, 2);

  const client = AdminClient.fromConfig(parsed.values.config);
  return client.call('POST', `/parties/${encodeURIComponent(parsed.values.party)}/${module}/import`, objects);
}
