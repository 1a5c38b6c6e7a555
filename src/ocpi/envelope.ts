import { formatOcpiDateTime } from './datetime.js';
import type { OcpiError } from './ocpi-error.js';
import { OcpiStatus, type OcpiStatusCode } from './status-codes.js';

/** The body of every OCPI response (OCPI 2.2.1 "Transport and format", Response format). */
export interface OcpiEnvelope<T = unknown> {
  data?: T;
  status_code: OcpiStatusCode;
  status_message?: string;
  timestamp: string;
}

export function successEnvelope<T>(data?: T, message = 'Success'): OcpiEnvelope<T> {
  const envelope: OcpiEnvelope<T> = { status_code: OcpiStatus.Success, status_message: message, timestamp: now() };
  if (data !== undefined) envelope.data = data;
  return envelope;
}

export function errorEnvelope(error: OcpiError): OcpiEnvelope {
  const envelope: OcpiEnvelope = { status_code: error.statusCode, status_message: error.message, timestamp: now() };
  if (error.detail !== undefined) envelope.data = error.detail;
  return envelope;
}

const STATUS_CODE_KEY = '"status_code"';
/** How far from either end of the text the top-level `status_code` is looked for before the text is parsed whole. */
const PEEK_CHARS = 512;

/**
 * The top-level `status_code` of an envelope's JSON text, for passing an answer on as it came (a
 * hub). Read without parsing `data` when the key is near the start (where we and most platforms
 * write it) or near the end; the nesting depth is counted, so a key of that name inside `data` is
 * never taken for it. Null when the text is not an OCPI response.
 */
export function peekStatusCode(text: string): number | null {
  const first = text.indexOf(STATUS_CODE_KEY);
  if (first < 0) return null;
  const atStart = first < PEEK_CHARS && depth(text, 0, first) === 1 ? codeAfterKey(text, first) : null;
  if (atStart !== null) return atStart;
  const last = text.lastIndexOf(STATUS_CODE_KEY);
  const atEnd = text.length - last < PEEK_CHARS && depth(text, last, text.length) === -1 ? codeAfterKey(text, last) : null;
  if (atEnd !== null) return atEnd;
  try {
    const parsed = JSON.parse(text) as { status_code?: unknown } | null;
    return typeof parsed?.status_code === 'number' ? parsed.status_code : null;
  } catch {
    return null;
  }
}

/** Brackets opened minus closed in `text[from, to)`, outside strings; `from` must be outside a string. */
function depth(text: string, from: number, to: number): number {
  let level = 0;
  let inString = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) level++;
    else if (c === 0x7d || c === 0x5d) level--;
  }
  return level;
}

function codeAfterKey(text: string, at: number): number | null {
  const value = /^\s*:\s*(\d+)[\s,}]/.exec(text.slice(at + STATUS_CODE_KEY.length, at + STATUS_CODE_KEY.length + 24));
  return value ? Number(value[1]) : null;
}

function now(): string {
  return formatOcpiDateTime(new Date());
}
