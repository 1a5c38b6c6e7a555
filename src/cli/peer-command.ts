import { parseArgs } from 'node:util';
import { AdminClient } from './admin-client.js';
import { CliError } from './cli-error.js';

const USAGE = `usage:
  evroam peer invite --party CC-PID
  evroam peer register --party CC-PID --versions-url URL --token TOKEN_A
  evroam peer list
  evroam peer check --id PEER_ID
  evroam peer pull --id PEER_ID --module locations|tariffs|tokens|sessions|cdrs [--delta]
  evroam peer rotate --id PEER_ID
  evroam peer unregister --id PEER_ID
(each also takes --config FILE)`;

/** `evroam peer …`: partner connections, through the running service's admin API. Prints JSON. */
export async function peerCommand(args: string[]): Promise<unknown> {
  const [action, ...rest] = args;
  const { values } = parseOptions(rest);
  const client = AdminClient.fromConfig(values.config);
  switch (action) {
    case 'invite':
      return client.call('POST', '/peers/invitations', { party: required(values, 'party') });
    case 'register':
      return client.call('POST', '/peers/registrations', {
        party: required(values, 'party'),
        versions_url: required(values, 'versions-url'),
        token: required(values, 'token'),
      });
    case 'list':
      return client.call('GET', '/peers');
    case 'check':
      return client.call('POST', `/peers/${encodeURIComponent(required(values, 'id'))}/check`);
    case 'pull':
      return client.call('POST', `/peers/${encodeURIComponent(required(values, 'id'))}/pull`, { module: required(values, 'module'), mode: values.delta ? 'delta' : 'full' });
    case 'rotate':
      return client.call('POST', `/peers/${encodeURIComponent(required(values, 'id'))}/rotation`);
    case 'unregister':
      return client.call('DELETE', `/peers/${encodeURIComponent(required(values, 'id'))}`);
    default:
      throw new CliError(action ? `unknown peer action "${action}"\n${USAGE}` : USAGE, 2);
  }
}

type PeerOptions = Partial<Record<'party' | 'versions-url' | 'token' | 'id' | 'config' | 'module', string>> & { delta?: boolean };

function parseOptions(args: string[]): { values: PeerOptions } {
  try {
    return parseArgs({
      args,
      options: { party: { type: 'string' }, 'versions-url': { type: 'string' }, token: { type: 'string' }, id: { type: 'string' }, config: { type: 'string' }, module: { type: 'string' }, delta: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

function required(values: PeerOptions, name: Exclude<keyof PeerOptions, 'delta'>): string {
  const value = values[name];
  if (!value) throw new CliError(`missing --${name}\n${USAGE}`, 2);
  return value;
}
