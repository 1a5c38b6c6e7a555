import type { FastifyBaseLogger } from 'fastify';
import type { ReconciliationService } from './reconciliation-service.js';

/** Hourly: findings appear within an hour of their threshold, and a run costs a few set-based queries. */
export const RECONCILE_EVERY_MS = 60 * 60_000;
/** The first run waits a minute after start, so a starting process first serves its partners. */
const FIRST_RUN_AFTER_MS = 60_000;

/** Runs reconciliation on a timer; `stop` waits for a run under way. */
export class ReconciliationSchedule {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;

  constructor(
    private readonly service: ReconciliationService,
    private readonly log: FastifyBaseLogger,
    private readonly everyMs = RECONCILE_EVERY_MS,
  ) {}

  start(): void {
    const tick = () => {
      this.#running = this.service
        .run()
        .then((report) => this.log.info({ seen: report.seen, added: report.added, resolved: report.resolved, open: report.open, skipped: report.skipped }, 'reconciliation run finished'))
        .catch((error: unknown) => this.log.error({ err: error }, 'reconciliation run failed'))
        .finally(() => {
          if (this.#timer) this.#timer = setTimeout(tick, this.everyMs);
        });
    };
    this.#timer = setTimeout(tick, Math.min(FIRST_RUN_AFTER_MS, this.everyMs));
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
