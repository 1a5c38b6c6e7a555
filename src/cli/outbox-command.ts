import { parseArgs } from 'node:util';
import { AdminClient } from './admin-client.js';
import { CliError } from './cli-error.js';

const USAGE = `usage:
  evroam outbox list [--status PENDING|IN_FLIGHT|DELIVERED|DEAD] [--peer PEER_ID] [--reference ID]
  evroam outbox backlog
  evroam outbox retry (--id MESSAGE_ID | --peer PEER_ID | --all-dead)
(each also takes --config FILE)`;

/** `evroam outbox …`: what is waiting to be delivered, and sending dead letters again. */
export async function outboxCommand(args: string[]): Promise<unknown> {
  const [action, ...rest] = args;
  let values: Partial<Record<'status' | 'peer' | 'reference' | 'id' | 'config', string>> & { 'all-dead'?: boolean };
  try {
    values = parseArgs({
      args: rest,
      options: { status: { type: 'string' }, peer: { type: 'string' }, reference: { type: 'string' }, id: { type: 'string' }, config: { type: 'string' }, 'all-dead': { type: 'boolean' } },
      strict: true,
    }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const client = AdminClient.fromConfig(values.config);
  switch (action) {
    case 'list': {
      const query = new URLSearchParams();
      if (values.status) query.set('status', values.status);
      if (values.peer) query.set('peer', values.peer);
      if (values.reference) query.set('reference', values.reference);
      return client.call('GET', `/outbox?${query.toString()}`);
    }
    case 'backlog':
      return client.call('GET', '/outbox/backlog');
    case 'retry':
      if (!values.id && !values.peer && !values['all-dead']) throw new CliError(`say which dead letters: --id, --peer or --all-dead\n${USAGE}`, 2);
      return client.call('POST', '/outbox/retry', { id: values.id, peer: values.peer });
    default:
      throw new CliError(action ? `unknown outbox action "${action}"\n${USAGE}` : USAGE, 2);
  }
}
