import { parseArgs } from 'node:util';
import { AdminClient } from '../cli/admin-client.js';
import { CliError } from '../cli/cli-error.js';
import { loadConfig } from '../config/load-config.js';

const USAGE = `usage:
  evroam hub agreement add --emsp CC-PID --cpo CC-PID        let an eMSP and a CPO roam through the hub
  evroam hub agreement list
  evroam hub agreement remove --emsp CC-PID --cpo CC-PID
  evroam hub clients                                         parties connected to the hub and their status
  evroam hub messages [--correlation-id ID] [--request-id ID] [--party CC-PID] [--module M]
                      [--object-id ID] [--outcome ok|failed] [--since DATETIME] [--until DATETIME] [--limit N]
(each also takes --party-hub CC-PID when several hub parties are hosted, and --config FILE)`;

type HubOptions = Partial<Record<'emsp' | 'cpo' | 'party-hub' | 'config' | 'correlation-id' | 'request-id' | 'party' | 'module' | 'object-id' | 'outcome' | 'since' | 'until' | 'limit', string>>;

/** `evroam hub …`: a hub's roaming agreements, connected parties and message log, through the admin API. Prints JSON. */
export async function hubCommand(args: string[]): Promise<unknown> {
  const [subject, ...rest] = args;
  const action = subject === 'agreement' ? rest.shift() : undefined;
  const values = parseOptions(rest);
  const client = AdminClient.fromConfig(values.config);
  const base = `/parties/${encodeURIComponent(hubParty(values))}/hub`;
  switch (subject) {
    case 'agreement':
      switch (action) {
        case 'add':
          return client.call('POST', `${base}/agreements`, { emsp: required(values, 'emsp'), cpo: required(values, 'cpo') });
        case 'list':
          return client.call('GET', `${base}/agreements`);
        case 'remove':
          return client.call('DELETE', `${base}/agreements/${encodeURIComponent(required(values, 'emsp'))}/${encodeURIComponent(required(values, 'cpo'))}`);
        default:
          throw new CliError(action ? `unknown hub agreement action "${action}"\n${USAGE}` : USAGE, 2);
      }
    case 'clients':
      return client.call('GET', `${base}/clients`);
    case 'messages': {
      const query = new URLSearchParams();
      for (const name of ['correlation-id', 'request-id', 'party', 'module', 'object-id', 'outcome', 'since', 'until', 'limit'] as const) {
        const value = values[name];
        if (value) query.set(name.replace(/-/g, '_'), value);
      }
      return client.call('GET', `${base}/messages?${query.toString()}`);
    }
    default:
      throw new CliError(subject ? `unknown hub command "${subject}"\n${USAGE}` : USAGE, 2);
  }
}

/** `--party-hub`, or the one hub party the configuration hosts. */
function hubParty(values: HubOptions): string {
  if (values['party-hub']) return values['party-hub'];
  const hubs = loadConfig({ file: values.config }).config.parties.filter((p) => p.roles.includes('HUB'));
  if (hubs.length !== 1) throw new CliError(`${hubs.length === 0 ? 'no party of this configuration holds the HUB role' : 'several hub parties are hosted: name one with --party-hub CC-PID'}\n${USAGE}`, 2);
  return `${hubs[0]!.countryCode}-${hubs[0]!.partyId}`;
}

function parseOptions(args: string[]): HubOptions {
  const names = ['emsp', 'cpo', 'party-hub', 'config', 'correlation-id', 'request-id', 'party', 'module', 'object-id', 'outcome', 'since', 'until', 'limit'] as const;
  try {
    return parseArgs({ args, options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])), strict: true, allowPositionals: false }).values as HubOptions;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

function required(values: HubOptions, name: 'emsp' | 'cpo'): string {
  const value = values[name];
  if (!value) throw new CliError(`missing --${name}\n${USAGE}`, 2);
  return value;
}
