import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { StatementView as Statement } from '../settlement/statements/statement-service.js';
import { AdminClient } from './admin-client.js';
import { CliError } from './cli-error.js';
import { amountText, textTable } from './reconcile-command.js';

const USAGE = `usage:
  evroam statement list [--party CC-PID] [--counterpart CC-PID] [--status DRAFT|ISSUED|SETTLED]
  evroam statement create --party CC-PID --counterpart CC-PID --period 2026-03|2026-W10 [--role CPO|EMSP]
  evroam statement show --id ID
  evroam statement issue --id ID
  evroam statement settle --id ID
  evroam statement export --id ID [--format csv|json] [--out FILE]
  evroam statement import --id ID FILE
Settlement statements per partner and period (docs/SETTLEMENT.md). create builds the draft of a
period, or rebuilds it; export writes our statement (CSV by default) to FILE or to the screen;
import compares the partner's statement (CSV) with ours, line by line. Each prints a table, or
the admin API's JSON with --json (export prints the file as is). (each also takes --config FILE)`;

interface Comparison {
  our_lines: number;
  their_lines: number;
  matched: number;
  agreed: boolean;
  differences: Array<{ cdr_id: string; kind: string; line?: number; ours?: unknown; theirs?: unknown }>;
}

type Options = Partial<Record<'party' | 'counterpart' | 'status' | 'period' | 'role' | 'id' | 'format' | 'out' | 'config', string>> & { json?: boolean };

/** `evroam statement …`: settlement statements through the admin API, as tables or JSON. */
export async function statementCommand(args: string[]): Promise<string> {
  const [action, ...rest] = args;
  const { values, positionals } = parseOptions(rest);
  if (action !== 'import' && positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"; name the statement with --id\n${USAGE}`, 2);
  const client = () => AdminClient.fromConfig(values.config);
  const id = () => encodeURIComponent(required(values, 'id'));
  const shown = (statement: Statement) => (values.json ? json(statement) : statementText(statement));
  switch (action) {
    case 'list': {
      const query = new URLSearchParams();
      for (const key of ['party', 'counterpart', 'status'] as const) if (values[key] !== undefined) query.set(key, values[key]);
      const statements = await client().call<Statement[]>('GET', `/settlement/statements?${query.toString()}`);
      if (values.json) return json(statements);
      if (statements.length === 0) return 'No statements.\n';
      const rows = statements.map((s) => [s.id, s.party, s.counterpart, s.role, s.period, s.status, String(s.totals.lines), money(s.totals.gross), money(s.totals.net), s.currency]);
      return `${textTable(['ID', 'PARTY', 'COUNTERPART', 'ROLE', 'PERIOD', 'STATUS', 'LINES', 'GROSS', 'NET', 'CURRENCY'], rows, [6, 7, 8])}\n`;
    }
    case 'create':
      return shown(await client().call<Statement>('POST', '/settlement/statements', { party: required(values, 'party'), counterpart: required(values, 'counterpart'), period: required(values, 'period'), ...(values.role !== undefined && { role: values.role }) }));
    case 'show':
      return shown(await client().call<Statement>('GET', `/settlement/statements/${id()}`));
    case 'issue':
    case 'settle':
      return shown(await client().call<Statement>('POST', `/settlement/statements/${id()}/${action}`));
    case 'export': {
      const format = values.format ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new CliError(`--format ${format}: csv or json\n${USAGE}`, 2);
      const text = format === 'csv' ? await client().send('GET', `/settlement/statements/${id()}/csv`) : json(await client().call<Statement>('GET', `/settlement/statements/${id()}`));
      if (values.out === undefined) return text;
      await writeFile(values.out, text);
      return `Wrote statement ${values.id} to ${values.out} (${format.toUpperCase()}).\n`;
    }
    case 'import': {
      if (positionals.length !== 1) throw new CliError(`statement import: name one FILE, the partner's statement as CSV\n${USAGE}`, 2);
      const file = positionals[0]!;
      let csv: string;
      try {
        csv = await readFile(file, 'utf8');
      } catch (error) {
        throw new CliError(`cannot read ${file}: ${(error as Error).message}`, 2);
      }
      const comparison = JSON.parse(await client().send('POST', `/settlement/statements/${id()}/partner-statement`, { type: 'text/csv', text: csv })) as Comparison;
      return values.json ? json(comparison) : comparisonText(comparison);
    }
    default:
      throw new CliError(action ? `unknown statement action "${action}"\n${USAGE}` : USAGE, 2);
  }
}

function statementText(s: Statement): string {
  const t = s.totals;
  const head = [
    `Statement ${s.id}: ${s.party} with ${s.counterpart} (${s.role}), period ${s.period}, ${s.status}, priced at ${s.agreement.price_basis === 'WHOLESALE' ? 'the wholesale price list' : "the CPO's tariffs"}`,
    `cut-off ${s.cutoff_at}; issued ${s.issued_at ?? '-'}; settled ${s.settled_at ?? '-'}`,
  ];
  const lines = s.lines ?? [];
  const table = lines.length === 0 ? 'No lines.' : textTable(
    ['CDR', 'SESSION', 'SESSION END', 'KWH', 'EXCL. VAT', 'INCL. VAT', 'NOTE'],
    lines.map((l) => [l.cdr_id, l.session_id ?? '-', l.end_date_time, String(l.energy_kwh), amountText(l.total_excl_vat), amountText(l.total_incl_vat), [l.credit && 'credit', l.late && 'late', l.disputed && 'disputed'].filter(Boolean).join(', ')]),
    [3, 4, 5],
  );
  const vat = Object.entries(t.vat_by_country).map(([country, amount]) => `${country} ${money(amount)}`).join(', ') || '-';
  const totals = textTable(
    ['TOTALS', s.currency],
    [
      ['gross', money(t.gross)],
      ['credits', money(t.credits)],
      [`disputed (${t.disputed_lines} held apart)`, money(t.disputed)],
      ['fees', money(t.fees)],
      ['net', money(t.net)],
      ['total incl. VAT', money(t.total_incl_vat)],
    ],
    [1],
  );
  return `${[...head, '', table, '', totals, `VAT by country of charging: ${vat}`].join('\n')}\n`;
}

function comparisonText(c: Comparison): string {
  const head = `Ours ${c.our_lines} lines, theirs ${c.their_lines}; ${c.matched} match.`;
  if (c.agreed) return `${head} The statements agree.\n`;
  const cell = (value: unknown) => (value === undefined ? '-' : typeof value === 'object' && value !== null ? String((value as { total_excl_vat?: unknown }).total_excl_vat) : String(value));
  const rows = c.differences.map((d) => [d.cdr_id, d.kind, d.line === undefined ? '-' : String(d.line), cell(d.ours), cell(d.theirs)]);
  return `${head} ${c.differences.length} difference${c.differences.length === 1 ? '' : 's'}:\n\n${textTable(['CDR', 'DIFFERENCE', 'THEIR LINE', 'OURS', 'THEIRS'], rows, [2, 3, 4])}\n`;
}

function money(decimal: string): string {
  return amountText(Number(decimal));
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function parseOptions(args: string[]): { values: Options; positionals: string[] } {
  const text = { type: 'string' } as const;
  try {
    return parseArgs({
      args,
      options: { party: text, counterpart: text, status: text, period: text, role: text, id: text, format: text, out: text, config: text, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

function required(values: Options, name: 'party' | 'counterpart' | 'period' | 'id'): string {
  const value = values[name];
  if (value === undefined || value === '') throw new CliError(`--${name} is required\n${USAGE}`, 2);
  return value;
}
