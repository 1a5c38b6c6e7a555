import { parseArgs } from 'node:util';
import { AdminClient } from './admin-client.js';
import { CliError } from './cli-error.js';

const USAGE = `usage:
  evroam charger add --party CC-PID --id CB-1 --location LOC1 --evse EVSE_UID [--connector OCPP=OCPI]… [--password SECRET]
  evroam charger list --party CC-PID [--status accepted|pending]
  evroam charger show --party CC-PID --id CB-1
  evroam charger transactions --party CC-PID --id CB-1
  evroam charger remove --party CC-PID --id CB-1
--connector maps an OCPP connector (1.6 connector N, or 2.0.1 EVSE N; E.C for 2.0.1 EVSE E connector C)
to the OCPI connector id of the EVSE, e.g. --connector 1=1; repeatable. Default: OCPP 1 is the EVSE's
first connector. Chargers connect to ws(s)://HOST/ocpp/CB-1, with --password as HTTP Basic password.
Chargers held pending (chargerAutoRegistration) are accepted by adding them like any other.
(each also takes --config FILE)`;

type Options = Partial<Record<'party' | 'id' | 'location' | 'evse' | 'password' | 'status' | 'config', string>> & { connector?: string[] };

/** `evroam charger …`: registers chargers and maps them to a Location's EVSE, through the admin API. Prints JSON. */
export async function chargerCommand(args: string[]): Promise<unknown> {
  const [action, ...rest] = args;
  const values = parseOptions(rest);
  const client = () => AdminClient.fromConfig(values.config);
  const base = () => `/parties/${encodeURIComponent(required(values, 'party'))}/chargers`;
  switch (action) {
    case 'add':
      return client().call('POST', base(), {
        id: required(values, 'id'),
        location_id: required(values, 'location'),
        evse_uid: required(values, 'evse'),
        ...(values.connector && { connectors: connectorMap(values.connector) }),
        ...(values.password !== undefined && { password: values.password }),
      });
    case 'list':
      return client().call('GET', values.status === undefined ? base() : `${base()}?status=${encodeURIComponent(values.status)}`);
    case 'show':
      return client().call('GET', `${base()}/${encodeURIComponent(required(values, 'id'))}`);
    case 'transactions':
      return client().call('GET', `${base()}/${encodeURIComponent(required(values, 'id'))}/transactions`);
    case 'remove':
      await client().call('DELETE', `${base()}/${encodeURIComponent(required(values, 'id'))}`);
      return { removed: values.id };
    default:
      throw new CliError(action ? `unknown charger action "${action}"\n${USAGE}` : USAGE, 2);
  }
}

/** `--connector 1=1 --connector 2=2` → `{ "1": "1", "2": "2" }`. */
function connectorMap(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^([^=\s]+)=([^=\s]+)$/.exec(pair);
    if (!match) throw new CliError(`--connector ${pair}: expected OCPPCONNECTOR=OCPICONNECTOR, e.g. 1=1\n${USAGE}`, 2);
    if (map[match[1]!] !== undefined) throw new CliError(`--connector ${pair}: OCPP connector ${match[1]} is mapped twice`, 2);
    map[match[1]!] = match[2]!;
  }
  return map;
}

function parseOptions(args: string[]): Options {
  try {
    return parseArgs({
      args,
      options: {
        party: { type: 'string' },
        id: { type: 'string' },
        location: { type: 'string' },
        evse: { type: 'string' },
        connector: { type: 'string', multiple: true },
        password: { type: 'string' },
        status: { type: 'string' },
        config: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

function required(values: Options, name: Exclude<keyof Options, 'connector'>): string {
  const value = values[name];
  if (!value) throw new CliError(`missing --${name}\n${USAGE}`, 2);
  return value;
}
