import { randomUUID } from 'node:crypto';
import { authorizationHeader, type TokenEncoding } from './auth-header.js';
import type { OcpiEnvelope } from './envelope.js';
import { OcpiHeader, routingHeaderValues, type RoutingHeaders } from './headers.js';
import { OcpiError } from './ocpi-error.js';
import { nextLink } from './pagination.js';
import { isSuccess, OcpiStatus } from './status-codes.js';
import type { OcpiTrafficSink } from './traffic-sink.js';

/** Who we call and how: the credentials token the partner gave us and, on functional modules, the routing. */
export interface OcpiCallTarget {
  token: string;
  encoding: TokenEncoding;
  routing?: RoutingHeaders;
  correlationId?: string;
}

export interface OcpiResponse<T> {
  httpStatus: number;
  envelope: OcpiEnvelope<T>;
  headers: Headers;
  requestId: string;
}

export interface OcpiClientOptions {
  timeoutMs: number;
  userAgent?: string;
  /** Told of every request once it is answered or has failed (the operator's traffic log). */
  traffic?: OcpiTrafficSink;
}

/** What a request got back, as far as it got. */
interface Outcome {
  httpStatus: number | null;
  ocpiStatus: number | null;
}

/**
 * Calls a partner's OCPI endpoints with the headers 2.2.1 asks for. A transport failure, a timeout,
 * a body that is not an OCPI envelope or a non-1xxx status all become an OcpiError, so callers see
 * one error type whatever went wrong.
 */
export class OcpiClient {
  constructor(private readonly options: OcpiClientOptions) {}

  /** The same client with another timeout (a driver waiting at a charger cannot wait as long as a pull). */
  withTimeout(timeoutMs: number): OcpiClient {
    return new OcpiClient({ ...this.options, timeoutMs });
  }

  async request<T>(method: string, url: string, target: OcpiCallTarget, body?: unknown): Promise<OcpiResponse<T>> {
    const requestId = randomUUID();
    const correlationId = target.correlationId ?? randomUUID();
    const startedAt = new Date();
    const started = performance.now();
    const outcome: Outcome = { httpStatus: null, ocpiStatus: null };
    let error: string | null = null;
    try {
      return await this.#send<T>(method, url, target, body, requestId, correlationId, outcome);
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      throw failure;
    } finally {
      const from = target.routing?.from ?? null;
      const to = target.routing?.to ?? null;
      this.options.traffic?.record({ direction: 'out', startedAt, method, url, ...outcome, requestId, correlationId, from, to, body, latencyMs: Math.round(performance.now() - started), error });
    }
  }

  async #send<T>(method: string, url: string, target: OcpiCallTarget, body: unknown, requestId: string, correlationId: string, outcome: Outcome): Promise<OcpiResponse<T>> {
    const headers: Record<string, string> = {
      authorization: authorizationHeader(target.token, target.encoding),
      [OcpiHeader.RequestId]: requestId,
      [OcpiHeader.CorrelationId]: correlationId,
      accept: 'application/json',
      ...(target.routing ? routingHeaderValues(target.routing) : {}),
    };
    if (this.options.userAgent) headers['user-agent'] = this.options.userAgent;
    if (body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'follow',
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `timed out after ${this.options.timeoutMs} ms` : describe(error);
      throw new OcpiError(OcpiStatus.UnableToUseClientApi, `${method} ${url} failed: ${reason}`, 502);
    }

    outcome.httpStatus = response.status;
    const text = await response.text();
    const envelope = parseEnvelope<T>(text);
    outcome.ocpiStatus = envelope?.status_code ?? null;
    if (!envelope) {
      const what = response.ok ? 'did not answer with an OCPI envelope' : `answered HTTP ${response.status}`;
      throw new OcpiError(OcpiStatus.UnableToUseClientApi, `${method} ${url} ${what}`, response.status || 502, text.slice(0, 500));
    }
    if (!response.ok || !isSuccess(envelope.status_code)) {
      const message = envelope.status_message ? `: ${envelope.status_message}` : '';
      throw new OcpiError(envelope.status_code, `${method} ${url} answered HTTP ${response.status}, OCPI ${envelope.status_code}${message}`, response.status, envelope.data);
    }
    return { httpStatus: response.status, envelope, headers: response.headers, requestId };
  }

  async get<T>(url: string, target: OcpiCallTarget): Promise<T> {
    return (await this.request<T>('GET', url, target)).envelope.data as T;
  }

  /**
   * Every object of a paginated list, page after page, following `Link rel="next"` to the end.
   * The client never computes offsets itself: the server's Link keeps its filters and order.
   */
  async *crawl<T>(url: string, target: OcpiCallTarget): AsyncGenerator<T[], void, void> {
    let next: string | null = url;
    const seen = new Set<string>();
    while (next) {
      if (seen.has(next)) throw new OcpiError(OcpiStatus.UnableToUseClientApi, `pagination loop: ${next} was already fetched`);
      seen.add(next);
      const page: OcpiResponse<T[]> = await this.request<T[]>('GET', next, target);
      const items = page.envelope.data;
      if (items !== undefined && items !== null && !Array.isArray(items)) {
        throw new OcpiError(OcpiStatus.UnableToUseClientApi, `GET ${next} did not answer with a list`);
      }
      yield items ?? [];
      next = nextLink(page.headers.get(OcpiHeader.Link));
    }
  }
}

function parseEnvelope<T>(text: string): OcpiEnvelope<T> | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && typeof (value as OcpiEnvelope).status_code === 'number') return value as OcpiEnvelope<T>;
  } catch {
    // Not JSON: reported by the caller as "not an OCPI envelope".
  }
  return null;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
