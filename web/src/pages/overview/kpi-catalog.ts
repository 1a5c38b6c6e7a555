import type { DurationFigure, KpiFigures, RateFigure } from '../../api/types';

export interface KpiDefinition {
  key: string;
  label: string;
  /** What is counted, in a line under the title (docs/SETTLEMENT.md "KPIs"). */
  about: string;
  kind: 'rate' | 'duration';
  /** What one event is called in "4 of 5 …". */
  unit: string;
}

/** The KPIs of the settlement issue in the order the overview shows them. */
export const KPIS: KpiDefinition[] = [
  { key: 'authorization_success_rate', label: 'Authorization success', about: 'Allowed of all decided authorizations (whitelist, real time, commands)', kind: 'rate', unit: 'authorizations' },
  { key: 'cdr_acceptance_rate', label: 'CDR acceptance', about: 'CDRs accepted of all CDRs delivered or refused', kind: 'rate', unit: 'CDRs' },
  { key: 'time_from_session_end_to_cdr', label: 'Time to CDR', about: 'Session end to CDR issued (CPO) or received (eMSP)', kind: 'duration', unit: 'CDRs' },
  { key: 'settlement_cycle_time', label: 'Settlement cycle time', about: 'Session end to its statement settled', kind: 'duration', unit: 'sessions' },
  { key: 'session_success_rate', label: 'Session success', about: 'Sessions completed with energy of all sessions ended', kind: 'rate', unit: 'sessions' },
  { key: 'partner_endpoint_availability', label: 'Partner availability', about: 'Calls to partners they answered, of all calls made', kind: 'rate', unit: 'calls' },
  { key: 'push_delivery_latency', label: 'Push delivery latency', about: 'Outbox message queued to delivered', kind: 'duration', unit: 'messages' },
];

/** The KPIs this service reports (the settlement cycle time only once the backend measures it). */
export function reportedKpis(figures: KpiFigures): KpiDefinition[] {
  return KPIS.filter((kpi) => figures[kpi.key] !== undefined);
}

export function rateOf(figures: KpiFigures, key: string): RateFigure {
  return figures[key] as RateFigure;
}

export function durationOf(figures: KpiFigures, key: string): DurationFigure {
  return figures[key] as DurationFigure;
}
