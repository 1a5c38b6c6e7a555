/** A share with the counts it comes from; `value` is null when nothing was counted. */
export interface Rate {
  value: number | null;
  succeeded: number;
  total: number;
}

/** Durations in seconds: mean and percentiles (nearest rank) of `count` observations. */
export interface Durations {
  average_seconds: number | null;
  p50_seconds: number | null;
  p95_seconds: number | null;
  count: number;
}

export const AUTHORIZATION_METHODS = ['whitelist', 'realtime', 'command'] as const;
export type AuthorizationMethod = (typeof AUTHORIZATION_METHODS)[number];

/** The KPIs of docs/SETTLEMENT.md ("KPIs"), for one partner or all. */
export interface KpiFigures {
  authorization_success_rate: Rate & { by_method: Record<AuthorizationMethod, Rate> };
  cdr_acceptance_rate: Rate;
  time_from_session_end_to_cdr: Durations;
  settlement_cycle_time: Durations;
  session_success_rate: Rate;
  partner_endpoint_availability: Rate;
  push_delivery_latency: Durations;
}

/** Successes and attempts of one rate. */
export class Count {
  succeeded = 0;
  total = 0;

  add(succeeded: number, total: number): void {
    this.succeeded += succeeded;
    this.total += total;
  }

  rate(): Rate {
    return { value: this.total === 0 ? null : round(this.succeeded / this.total, 4), succeeded: this.succeeded, total: this.total };
  }
}

/** Everything counted for one partner (or for all): what {@link KpiFigures} are computed from. */
export class Tally {
  readonly authorizations: Record<AuthorizationMethod, Count> = { whitelist: new Count(), realtime: new Count(), command: new Count() };
  readonly cdrAcceptance = new Count();
  readonly cdrSeconds: number[] = [];
  readonly settlementSeconds: number[] = [];
  readonly sessions = new Count();
  readonly calls = new Count();
  readonly deliverySeconds: number[] = [];

  figures(): KpiFigures {
    const overall = new Count();
    for (const method of AUTHORIZATION_METHODS) overall.add(this.authorizations[method].succeeded, this.authorizations[method].total);
    return {
      authorization_success_rate: { ...overall.rate(), by_method: { whitelist: this.authorizations.whitelist.rate(), realtime: this.authorizations.realtime.rate(), command: this.authorizations.command.rate() } },
      cdr_acceptance_rate: this.cdrAcceptance.rate(),
      time_from_session_end_to_cdr: durations(this.cdrSeconds),
      settlement_cycle_time: durations(this.settlementSeconds),
      session_success_rate: this.sessions.rate(),
      partner_endpoint_availability: this.calls.rate(),
      push_delivery_latency: durations(this.deliverySeconds),
    };
  }
}

export function durations(seconds: readonly number[]): Durations {
  if (seconds.length === 0) return { average_seconds: null, p50_seconds: null, p95_seconds: null, count: 0 };
  const sorted = [...seconds].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return { average_seconds: round(sorted.reduce((s, v) => s + v, 0) / sorted.length, 3), p50_seconds: round(rank(0.5), 3), p95_seconds: round(rank(0.95), 3), count: sorted.length };
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
