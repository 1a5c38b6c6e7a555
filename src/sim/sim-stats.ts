/** What can go wrong for a simulated charger, each counted as an error. */
export type SimErrorKind =
  /** A frame from the CSMS that breaks the official schema (typed-ocpp). */
  | 'schema'
  /** A call answered with a CALLERROR, not answered in time, or lost with the connection. */
  | 'call'
  /** The CSMS refused or dropped the connection. */
  | 'connection';

/** How long calls took from sending to their answer, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface SimSummary {
  chargers: number;
  /** Chargers that connected at least once. */
  connected: number;
  sessions_started: number;
  sessions_completed: number;
  taps_refused: number;
  calls: number;
  /** Requests the CSMS sent to the chargers (remote start, unlock, …). */
  requests_received: number;
  errors: number;
  errors_by_kind: Record<SimErrorKind, number>;
  /** The first errors, as said. */
  error_samples: string[];
  call_ms: LatencySummary;
  call_ms_by_action: Record<string, LatencySummary>;
  seconds: number;
}

const SAMPLES_KEPT = 20;

/** Counters and call timings of a simulation, shared by all its chargers. */
export class SimStats {
  connectedNow = 0;
  readonly #everConnected = new Set<string>();
  sessionsActive = 0;
  sessionsStarted = 0;
  sessionsCompleted = 0;
  tapsRefused = 0;
  requestsReceived = 0;
  readonly #errors: Record<SimErrorKind, number> = { schema: 0, call: 0, connection: 0 };
  readonly #samples: string[] = [];
  /** Per action: when each answer came (performance.now()) and how long it took. */
  readonly #latencies = new Map<string, { at: number[]; ms: number[] }>();
  readonly #started = performance.now();

  connected(identity: string): void {
    this.connectedNow++;
    this.#everConnected.add(identity);
  }

  disconnected(): void {
    this.connectedNow--;
  }

  call(action: string, ms: number): void {
    let list = this.#latencies.get(action);
    if (!list) this.#latencies.set(action, (list = { at: [], ms: [] }));
    list.at.push(performance.now());
    list.ms.push(ms);
  }

  error(kind: SimErrorKind, identity: string, message: string): void {
    this.#errors[kind]++;
    if (this.#samples.length < SAMPLES_KEPT) this.#samples.push(`${identity}: ${message}`);
  }

  get errors(): number {
    return this.#errors.schema + this.#errors.call + this.#errors.connection;
  }

  /** Call timings, of one action or all, answered at or after `since` (a performance.now() time). */
  latencies(action?: string, since = 0): number[] {
    const lists = action === undefined ? [...this.#latencies.values()] : [this.#latencies.get(action) ?? { at: [], ms: [] }];
    return lists.flatMap((list) => list.ms.filter((_, i) => list.at[i]! >= since));
  }

  summary(chargers: number): SimSummary {
    const all = this.latencies();
    return {
      chargers,
      connected: this.#everConnected.size,
      sessions_started: this.sessionsStarted,
      sessions_completed: this.sessionsCompleted,
      taps_refused: this.tapsRefused,
      calls: all.length,
      requests_received: this.requestsReceived,
      errors: this.errors,
      errors_by_kind: { ...this.#errors },
      error_samples: [...this.#samples],
      call_ms: latencySummary(all),
      call_ms_by_action: Object.fromEntries([...this.#latencies].sort(([a], [b]) => a.localeCompare(b)).map(([action, list]) => [action, latencySummary(list.ms)])),
      seconds: round((performance.now() - this.#started) / 1000),
    };
  }
}

export function latencySummary(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: round(percentile(sorted, 0.5)), p99: round(percentile(sorted, 0.99)), max: round(sorted.at(-1) ?? 0) };
}

/** Nearest-rank percentile of sorted values; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
