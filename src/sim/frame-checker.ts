import { OCPP16, OCPP20 } from 'typed-ocpp';
import type { SimOcppVersion } from './scenario.js';

/** The part of typed-ocpp's API the checker uses; OCPP16 and OCPP20 (the 2.0.1 schemas) both offer it. */
interface Validators {
  validate: { (value: unknown): boolean; errors: string[] };
  checkCallResult: { (result: never, call: never): boolean; errors: string[] };
}

const VALIDATORS: Record<SimOcppVersion, Validators> = {
  '1.6': OCPP16 as unknown as Validators,
  '2.0.1': OCPP20 as unknown as Validators,
};

/**
 * Checks every frame a charger receives against the official OCA schemas with typed-ocpp: a
 * validator independent of ocpp-rpc's, which the server validates with, so a schema slip on the
 * server's side cannot hide behind a shared bug. Call results are checked against the call they
 * answer. Returns a description of each violation.
 */
export class FrameChecker {
  readonly #validators: Validators;
  /** Our calls awaiting their result, by message id. */
  readonly #calls = new Map<string, unknown[]>();

  constructor(version: SimOcppVersion) {
    this.#validators = VALIDATORS[version];
  }

  /** Notes a frame we sent, so its result can be checked against it. */
  sent(frame: unknown[]): void {
    if (frame[0] === 2) this.#calls.set(String(frame[1]), frame);
  }

  /** Checks a received frame; returns the violation, or null when it is valid. */
  received(text: string): string | null {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return `not JSON: ${text.slice(0, 200)}`;
    }
    const { validate, checkCallResult } = this.#validators;
    if (!validate(frame)) return `${summary(frame)}: ${validate.errors.join('; ')}`;
    const [type, id] = frame as [number, string];
    if (type !== 3 && type !== 4) return null;
    const call = this.#calls.get(id);
    this.#calls.delete(id);
    if (type === 4) return null;
    if (!call) return `result to a call never sent (${id})`;
    if (!checkCallResult(frame as never, call as never)) return `${String(call[2])} result: ${checkCallResult.errors.join('; ')}`;
    return null;
  }

  /** Forgets calls that will never be answered (the connection dropped). */
  forgetPending(): void {
    this.#calls.clear();
  }
}

function summary(frame: unknown): string {
  const text = JSON.stringify(frame) ?? String(frame);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
