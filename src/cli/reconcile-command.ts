import { parseArgs } from 'node:util';
import type { RunReport } from '../settlement/reconciliation/reconciliation-service.js';
import type { FindingView as Finding } from '../settlement/reconciliation/reconciliation-api.js';
import { AdminClient } from './admin-client.js';
import { CliError } from './cli-error.js';

const USAGE = `usage: evroam reconcile [--party CC-PID] [--since DATE] [--json] [--config FILE]
Runs reconciliation now and lists the open findings: of one party (ours or a partner's) with
--party, about sessions and CDRs from DATE on (2025-03-01 or 2025-03-01T00:00:00Z) with --since.
--json prints them as a JSON array.`;

/** `evroam reconcile`: a reconciliation run, then the open findings as a table (or JSON). */
export async function reconcileCommand(args: string[]): Promise<string> {
  let values: { party?: string; since?: string; json?: boolean; config?: string };
  try {
    values = parseArgs({ args, options: { party: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const client = AdminClient.fromConfig(values.config);
  const run = await client.call<RunReport>('POST', '/reconciliation/runs', values.since === undefined ? {} : { since: values.since });
  const query = new URLSearchParams({ status: 'OPEN' });
  if (values.party !== undefined) query.set('party', values.party);
  if (values.since !== undefined) query.set('since', values.since);
  const findings = await client.call<Finding[]>('GET', `/reconciliation/findings?${query.toString()}`);
  if (values.json) return `${JSON.stringify(findings, null, 2)}\n`;

  const rows = findings.map((f) => [f.type, f.role, f.party, f.counterpart, f.session_id ?? '-', f.cdr_id ?? '-', `${amountText(f.amount_at_risk)} ${f.currency}`]);
  const lines = findings.length === 0 ? ['No open findings.'] : [textTable(['TYPE', 'ROLE', 'PARTY', 'COUNTERPART', 'SESSION', 'CDR', 'AMOUNT AT RISK'], rows, [6])];
  if (findings.length > 0) lines.push('', `${findings.length} open finding${findings.length === 1 ? '' : 's'}; at risk: ${totals(findings)}.`);
  lines.push(`This run saw ${run.seen}, of which ${run.added} new, and resolved ${run.resolved}.`);
  for (const reason of run.skipped) lines.push(`Not checked: ${reason}`);
  return `${lines.join('\n')}\n`;
}

/** Columns padded to their widest cell; the columns named in `right` aligned right (amounts). */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, right: readonly number[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (right.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** At least two decimals, as money is read: 3.3 → 3.30, 0.1234 stays. */
export function amountText(amount: number): string {
  const text = String(amount);
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  return decimals >= 2 ? text : amount.toFixed(2);
}

function totals(findings: readonly Finding[]): string {
  const byCurrency = new Map<string, number>();
  // Summed in hundredths of a cent, the resolution amounts are reported in, so no float residue shows.
  for (const f of findings) byCurrency.set(f.currency, (byCurrency.get(f.currency) ?? 0) + Math.round(f.amount_at_risk * 10_000));
  return [...byCurrency.entries()].map(([currency, units]) => `${amountText(units / 10_000)} ${currency}`).join(', ');
}
