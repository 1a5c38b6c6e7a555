import type { SimStats } from './sim-stats.js';

/**
 * One line on a terminal showing how a simulation goes: connected chargers, sessions and errors.
 * On a terminal it is redrawn in place a few times a second; written to a file or a pipe, a line
 * is added every few seconds instead.
 */
export class ProgressLine {
  readonly #timer: NodeJS.Timeout;
  #last = '';

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly stats: SimStats,
    private readonly chargers: number,
  ) {
    this.#timer = setInterval(() => this.#draw(), stream.isTTY ? 250 : 5000);
    this.#timer.unref();
  }

  text(): string {
    const s = this.stats;
    return `sim: ${s.connectedNow}/${this.chargers} connected · sessions ${s.sessionsActive} active, ${s.sessionsCompleted} done, ${s.tapsRefused} refused · errors ${s.errors}`;
  }

  /** Draws the final state and leaves the line. */
  stop(): void {
    clearInterval(this.#timer);
    this.#draw(true);
  }

  #draw(final = false): void {
    const text = this.text();
    if (this.stream.isTTY) {
      this.stream.write(`\r${text.padEnd(this.#last.length)}${final ? '\n' : ''}`);
    } else if (final || text !== this.#last) {
      this.stream.write(`${text}\n`);
    }
    this.#last = text;
  }
}
