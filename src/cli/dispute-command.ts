import { parseArgs } from 'node:util';
import type { DisputeView as Dispute } from '../settlement/disputes/dispute-service.js';
import { AdminClient } from './admin-client.js';
import { CliError } from './cli-error.js';
import { amountText, textTable } from './reconcile-command.js';

const USAGE = `usage:
  evroam dispute list [--party CC-PID] [--status OPEN|ACCEPTED|REJECTED|WITHDRAWN] [--cdr ID]
  evroam dispute open --party CC-PID (--counterpart CC-PID --cdr ID | --finding ID) --reason TEXT [--amount N] [--note TEXT] [--role CPO|EMSP]
  evroam dispute show --id ID
  evroam dispute accept|reject|withdraw --id ID [--note TEXT]
Disputes about CDRs or reconciliation findings (docs/SETTLEMENT.md). Accepting at a CPO issues
the credit CDR that cancels the disputed one. Each prints a table, or the admin API's JSON with
--json. (each also takes --config FILE)`;

type Options = Partial<Record<'party' | 'counterpart' | 'status' | 'cdr' | 'finding' | 'reason' | 'amount' | 'note' | 'role' | 'id' | 'config', string>> & { json?: boolean };

/** `evroam dispute …`: disputes through the admin API, as tables or JSON. */
export async function disputeCommand(args: string[]): Promise<string> {
  const [action, ...rest] = args;
  const values = parseOptions(rest);
  const client = () => AdminClient.fromConfig(values.config);
  const shown = (dispute: Dispute) => (values.json ? json(dispute) : disputeText(dispute));
  switch (action) {
    case 'list': {
      const query = new URLSearchParams();
      if (values.party !== undefined) query.set('party', values.party);
      if (values.status !== undefined) query.set('status', values.status);
      if (values.cdr !== undefined) query.set('cdr_id', values.cdr);
      const disputes = await client().call<Dispute[]>('GET', `/settlement/disputes?${query.toString()}`);
      if (values.json) return json(disputes);
      if (disputes.length === 0) return 'No disputes.\n';
      const rows = disputes.map((d) => [d.id, d.party, d.counterpart, d.role, d.cdr_id ?? d.session_id ?? '-', d.status, `${amountText(d.amount_claimed)} ${d.currency}`, `${d.age_days} d`, d.reason]);
      return `${textTable(['ID', 'PARTY', 'COUNTERPART', 'ROLE', 'CDR OR SESSION', 'STATUS', 'CLAIMED', 'AGE', 'REASON'], rows, [6, 7])}\n`;
    }
    case 'open': {
      if ((values.cdr === undefined) === (values.finding === undefined)) throw new CliError(`dispute open: name either --cdr ID (with --counterpart) or --finding ID\n${USAGE}`, 2);
      const body: Record<string, unknown> = { party: required(values, 'party'), reason: required(values, 'reason') };
      if (values.counterpart !== undefined) body.counterpart = values.counterpart;
      if (values.cdr !== undefined) body.cdr_id = values.cdr;
      if (values.finding !== undefined) body.finding_id = values.finding;
      if (values.amount !== undefined) body.amount_claimed = amount(values.amount);
      if (values.note !== undefined) body.note = values.note;
      if (values.role !== undefined) body.role = values.role;
      return shown(await client().call<Dispute>('POST', '/settlement/disputes', body));
    }
    case 'show':
      return shown(await client().call<Dispute>('GET', `/settlement/disputes/${encodeURIComponent(required(values, 'id'))}`));
    case 'accept':
    case 'reject':
    case 'withdraw':
      return shown(await client().call<Dispute>('POST', `/settlement/disputes/${encodeURIComponent(required(values, 'id'))}/${action}`, values.note === undefined ? {} : { note: values.note }));
    default:
      throw new CliError(action ? `unknown dispute action "${action}"\n${USAGE}` : USAGE, 2);
  }
}

function disputeText(d: Dispute): string {
  const about = [d.cdr_id && `CDR ${d.cdr_id}`, d.session_id && `session ${d.session_id}`, d.finding_id && `finding ${d.finding_id}`].filter(Boolean).join(', ');
  const lines = [
    `Dispute ${d.id}: ${d.party} with ${d.counterpart} (${d.role}), ${d.status}, ${d.age_days} day${d.age_days === 1 ? '' : 's'} old`,
    `about ${about || '-'}; claimed ${amountText(d.amount_claimed)} ${d.currency}; reason: ${d.reason}`,
  ];
  if (d.credit_cdr_id !== null) lines.push(`credited by CDR ${d.credit_cdr_id}`);
  if (d.events && d.events.length > 0) lines.push('', textTable(['AT', 'ACTION', 'FROM', 'TO', 'NOTE'], d.events.map((e) => [e.at, e.action, e.from_status ?? '-', e.to_status, e.note ?? ''])));
  return `${lines.join('\n')}\n`;
}

function amount(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new CliError(`--amount ${raw}: a number, 0 or more, with a decimal point (e.g. 4.25)`, 2);
  return value;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function parseOptions(args: string[]): Options {
  const text = { type: 'string' } as const;
  try {
    return parseArgs({
      args,
      options: { party: text, counterpart: text, status: text, cdr: text, finding: text, reason: text, amount: text, note: text, role: text, id: text, config: text, json: { type: 'boolean' } },
      strict: true,
    }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

function required(values: Options, name: 'party' | 'reason' | 'id'): string {
  const value = values[name];
  if (value === undefined || value === '') throw new CliError(`--${name} is required\n${USAGE}`, 2);
  return value;
}
