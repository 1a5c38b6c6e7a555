import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A charger's simulated time. It moves only when the charger says so (`advance`), and real time
 * follows at `speed` simulated seconds per real second, so an hour of charging can take seconds
 * while every timestamp sent is the simulated one. When messages take longer than the compressed
 * interval allows, real time falls behind and catches up at the next wait; simulated timestamps
 * never drift.
 */
export class SimClock {
  #elapsedSeconds = 0;
  readonly #realStart = performance.now();

  constructor(
    /** Simulated time at the start, in epoch milliseconds. */
    readonly startMs: number,
    readonly speed: number,
  ) {}

  /**
   * The start that makes a run of `seconds` simulated seconds end about when it started in real
   * time, so compressed time never sends timestamps from the future.
   */
  static startFor(seconds: number, speed: number, nowMs = Date.now()): number {
    return Math.floor((nowMs - seconds * 1000 * (1 - 1 / speed)) / 1000) * 1000;
  }

  /** Simulated now, as an OCPP timestamp. */
  now(): string {
    return new Date(this.nowMs()).toISOString();
  }

  nowMs(): number {
    return this.startMs + this.#elapsedSeconds * 1000;
  }

  /** Moves simulated time on by `seconds` and waits until real time has caught up with it. */
  async advance(seconds: number): Promise<void> {
    this.#elapsedSeconds += seconds;
    const due = this.#realStart + (this.#elapsedSeconds * 1000) / this.speed;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  }
}
