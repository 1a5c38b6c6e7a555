/** OCPP-J message types (OCPP-J 1.6 §4.1.3, OCPP 2.0.1 Part 4 §4.1.3): CALL, CALLRESULT, CALLERROR. */
const KINDS: Record<number, OcppFrameKind> = { 2: 'CALL', 3: 'CALLRESULT', 4: 'CALLERROR' };

/** INVALID: a frame that is not OCPP-J at all, kept because support wants to see it. */
export type OcppFrameKind = 'CALL' | 'CALLRESULT' | 'CALLERROR' | 'INVALID';

/** One WebSocket frame between a charger and us. */
export interface OcppFrame {
  /** The charge box identity as the charger connected with it. */
  charger: string;
  /** `in`: the charger sent it; `out`: we did. */
  direction: 'in' | 'out';
  at: Date;
  kind: OcppFrameKind;
  messageId: string | null;
  /** The call's action; for a CALLRESULT or CALLERROR, the action of the call it answers. */
  action: string | null;
  payload: unknown;
  /** A CALLERROR's code and description, or why the frame could not be read. */
  error: string | null;
  /** The transaction the payload names (1.6 `transactionId`, 2.0.1 `transactionInfo.transactionId`). */
  transactionId: string | null;
}

/** Where the gateway reports every frame; `record` must return at once. */
export interface OcppFrameSink {
  record(frame: OcppFrame): void;
}

/** A charger that never answers must not grow the memory of its connection without bound. */
const MAX_OPEN_CALLS = 100;

/**
 * Reads the frames of one connection. Answers name only the message id, so the action of each call
 * is remembered until its answer comes, per direction (each side numbers its own calls).
 */
export class FrameReader {
  readonly #openCalls = new Map<string, string>();

  constructor(private readonly charger: string) {}

  read(raw: string, outbound: boolean): OcppFrame {
    const direction = outbound ? 'out' : 'in';
    const frame: OcppFrame = { charger: this.charger, direction, at: new Date(), kind: 'INVALID', messageId: null, action: null, payload: raw, error: null, transactionId: null };
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return { ...frame, error: 'not JSON' };
    }
    const kind = Array.isArray(message) ? KINDS[message[0] as number] : undefined;
    if (!kind || !Array.isArray(message) || typeof message[1] !== 'string') return { ...frame, payload: message, error: 'not an OCPP-J frame' };
    const messageId = message[1];
    if (kind === 'CALL') {
      const action = typeof message[2] === 'string' ? message[2] : null;
      if (action) this.#remember(`${direction}:${messageId}`, action);
      return { ...frame, kind, messageId, action, payload: message[3] ?? null, transactionId: transactionIdOf(message[3]) };
    }
    // An answer travels the other way from its call.
    const callKey = `${outbound ? 'in' : 'out'}:${messageId}`;
    const action = this.#openCalls.get(callKey) ?? null;
    this.#openCalls.delete(callKey);
    if (kind === 'CALLRESULT') return { ...frame, kind, messageId, action, payload: message[2] ?? null, transactionId: transactionIdOf(message[2]) };
    return { ...frame, kind, messageId, action, payload: message[4] ?? null, error: `${String(message[2])}: ${String(message[3] ?? '')}` };
  }

  #remember(key: string, action: string): void {
    if (this.#openCalls.size >= MAX_OPEN_CALLS) this.#openCalls.delete(this.#openCalls.keys().next().value!);
    this.#openCalls.set(key, action);
  }
}

function transactionIdOf(payload: unknown): string | null {
  if (!payload || typeof payload !== 'object') return null;
  const direct = (payload as { transactionId?: unknown }).transactionId;
  const info = (payload as { transactionInfo?: { transactionId?: unknown } }).transactionInfo?.transactionId;
  const id = direct ?? info;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}
