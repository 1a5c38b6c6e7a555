import { parseArgs } from 'node:util';
import type { Durations, KpiFigures as Figures, Rate } from '../settlement/kpis/kpi-figures.js';
import type { KpiReport as Report } from '../settlement/kpis/kpi-service.js';
import { AdminClient } from './admin-client.js';
import { CliError } from './cli-error.js';
import { textTable } from './reconcile-command.js';

const USAGE = `usage: evroam kpi [--party CC-PID] [--since DATE] [--until DATE] [--json] [--config FILE]
The roaming KPIs of the last 30 days (or from --since to --until), for all partners or for one
party (ours or a partner's) with --party. --json prints the figures with their counts.`;

/** `evroam kpi`: the KPI figures as a table per partner, or the report as JSON. */
export async function kpiCommand(args: string[]): Promise<string> {
  let values: { party?: string; since?: string; until?: string; json?: boolean; config?: string };
  try {
    values = parseArgs({ args, options: { party: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const query = new URLSearchParams();
  if (values.party !== undefined) query.set('party', values.party);
  if (values.since !== undefined) query.set('from', values.since);
  if (values.until !== undefined) query.set('to', values.until);
  const report = await AdminClient.fromConfig(values.config).call<Report>('GET', `/kpis?${query.toString()}`);
  if (values.json) return `${JSON.stringify(report, null, 2)}\n`;

  const sections = [`KPIs from ${report.period.from} to ${report.period.to}${report.party ? ` for ${report.party}` : ''}`, '', table('all partners', report)];
  for (const [partner, figures] of Object.entries(report.by_partner)) sections.push('', table(partner, figures));
  return `${sections.join('\n')}\n`;
}

function table(title: string, f: Figures): string {
  const auth = f.authorization_success_rate;
  const rows = [
    ['authorization success rate', ...rate(auth)],
    ['  whitelist', ...rate(auth.by_method.whitelist)],
    ['  real-time', ...rate(auth.by_method.realtime)],
    ['  remote start (command)', ...rate(auth.by_method.command)],
    ['CDR acceptance rate', ...rate(f.cdr_acceptance_rate)],
    ['time from session end to CDR', ...durations(f.time_from_session_end_to_cdr, 'CDRs')],
    ['settlement cycle time', ...durations(f.settlement_cycle_time, 'sessions settled')],
    ['session success rate', ...rate(f.session_success_rate)],
    ['partner endpoint availability', ...rate(f.partner_endpoint_availability)],
    ['push delivery latency', ...durations(f.push_delivery_latency, 'messages')],
  ];
  return textTable([title.toUpperCase(), 'VALUE', 'FROM'], rows, [1]);
}

function rate(r: Rate): [string, string] {
  return [r.value === null ? '-' : `${(r.value * 100).toFixed(1)} %`, `${r.succeeded} of ${r.total}`];
}

function durations(d: Durations, what: string): [string, string] {
  if (d.count === 0) return ['-', `0 ${what}`];
  return [`${seconds(d.average_seconds!)} avg`, `${d.count} ${what}; p50 ${seconds(d.p50_seconds!)}, p95 ${seconds(d.p95_seconds!)}`];
}

function seconds(value: number): string {
  if (Math.abs(value) < 120) return `${value.toFixed(1)} s`;
  if (Math.abs(value) < 7200) return `${(value / 60).toFixed(1)} min`;
  if (Math.abs(value) < 172_800) return `${(value / 3600).toFixed(1)} h`;
  return `${(value / 86_400).toFixed(1)} d`;
}
