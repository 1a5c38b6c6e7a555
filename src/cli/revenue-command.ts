import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { AdminClient } from './admin-client.js';
import { CliError } from './cli-error.js';
import { amountText, textTable } from './reconcile-command.js';

const USAGE = `usage: evroam revenue [--party CC-PID] [--role CPO|EMSP] [--from DATE] [--to DATE] [--json] [--config FILE]
Revenue from the settlement statements of the periods starting from --from to --to (default: the
twelve months up to this one), by partner, location and period (docs/SETTLEMENT.md): gross and net
for a CPO, retail revenue, roaming cost and margin for an eMSP. Without --party, every CPO and eMSP
party the service hosts. --json prints the admin API's reports as a JSON array.`;

interface Figures {
  sessions: number;
  gross?: string;
  credits?: string;
  written_off?: string;
  fees: string;
  net?: string;
  retail_revenue?: string;
  roaming_cost?: string;
  margin?: string;
}

interface Report {
  party: string;
  role: 'CPO' | 'EMSP';
  period: { from: string; to: string };
  currencies: Record<string, { totals: Figures; by_partner: Record<string, Figures>; by_location: Record<string, Figures>; by_period: Record<string, Figures> }>;
}

const COLUMNS = {
  CPO: [['GROSS', 'gross'], ['CREDITS', 'credits'], ['WRITTEN OFF', 'written_off'], ['FEES', 'fees'], ['NET', 'net']],
  EMSP: [['RETAIL REVENUE', 'retail_revenue'], ['ROAMING COST', 'roaming_cost'], ['FEES', 'fees'], ['MARGIN', 'margin']],
} as const;

/** `evroam revenue`: revenue reports per hosted party and role, as tables or JSON. */
export async function revenueCommand(args: string[]): Promise<string> {
  let values: { party?: string; role?: string; from?: string; to?: string; json?: boolean; config?: string };
  try {
    values = parseArgs({ args, options: { party: { type: 'string' }, role: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const client = AdminClient.fromConfig(values.config);
  const thisMonth = DateTime.utc().startOf('month');
  const from = values.from ?? thisMonth.minus({ months: 11 }).toISODate()!;
  const to = values.to ?? thisMonth.plus({ months: 1 }).toISODate()!;
  const targets = values.party !== undefined
    ? [{ party: values.party, role: values.role }]
    : client.parties.flatMap((p) => p.roles.filter((r) => (r === 'CPO' || r === 'EMSP') && (values.role === undefined || r === values.role)).map((role) => ({ party: `${p.countryCode}-${p.partyId}`.toUpperCase(), role })));
  if (targets.length === 0) throw new CliError(`no hosted party settles as ${values.role ?? 'CPO or EMSP'}; name one with --party\n${USAGE}`, 2);

  const reports: Report[] = [];
  for (const target of targets) {
    const query = new URLSearchParams({ party: target.party, from, to });
    if (target.role !== undefined) query.set('role', target.role);
    reports.push(await client.call<Report>('GET', `/settlement/revenue?${query.toString()}`));
  }
  if (values.json) return `${JSON.stringify(reports, null, 2)}\n`;
  return `${reports.map(reportText).join('\n')}`;
}

function reportText(report: Report): string {
  const title = `Revenue of ${report.party} as ${report.role}, statements of the periods from ${report.period.from.slice(0, 10)} to ${report.period.to.slice(0, 10)}`;
  const currencies = Object.entries(report.currencies);
  if (currencies.length === 0) return `${title}\nNo statements in this window.\n`;
  const columns = COLUMNS[report.role];
  const sections = [title];
  for (const [currency, figures] of currencies) {
    const row = (label: string, f: Figures) => [label, String(f.sessions), ...columns.map(([, key]) => amountText(Number(f[key] ?? 0)))];
    const rows = [
      row('all', figures.totals),
      ...Object.entries(figures.by_partner).map(([key, f]) => row(`partner ${key}`, f)),
      ...Object.entries(figures.by_location).map(([key, f]) => row(`location ${key}`, f)),
      ...Object.entries(figures.by_period).map(([key, f]) => row(`period ${key}`, f)),
    ];
    sections.push('', textTable([currency, 'SESSIONS', ...columns.map(([header]) => header)], rows, columns.map((_, i) => i + 2).concat(1)));
  }
  return `${sections.join('\n')}\n`;
}
