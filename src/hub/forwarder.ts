import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { authorizationHeader } from '../ocpi/auth-header.js';
import { OcpiHeader, routingHeaderValues, type RoutingHeaders } from '../ocpi/headers.js';
import type { Peer } from '../peers/peer.js';

/** What came of one hop to a platform. */
export type Hop =
  | { kind: 'answered'; httpStatus: number; text: string; headers: IncomingHttpHeaders; requestId: string }
  /** Nothing answered in time (OCPI 4002). */
  | { kind: 'timeout'; requestId: string }
  /** The platform could not be reached, or refused the hub's token (OCPI 4003). */
  | { kind: 'unreachable'; reason: string; requestId: string };

export interface HopRequest {
  method: string;
  url: string;
  routing: RoutingHeaders;
  correlationId: string;
  /** JSON text of the body, if any. */
  body?: string;
}

/**
 * Sends one request on to a platform as the hub: the platform's own token, a new X-Request-ID for
 * this hop, the caller's X-Correlation-ID and routing headers unchanged (OCPI 2.2.1 "Transport and
 * format", request headers; "Message routing"). The answer is returned as it came, whatever its
 * status, for the hub to pass back.
 */
export class Forwarder {
  // Connections to each platform are kept open: a hub sends many requests to few platforms.
  readonly #http = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  readonly #https = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly options: { timeoutMs: number; userAgent?: string }) {}

  async send(peer: Peer, request: HopRequest): Promise<Hop> {
    const requestId = randomUUID();
    if (!peer.outgoingToken) return { kind: 'unreachable', reason: 'the hub holds no token for this platform', requestId };
    const headers: Record<string, string> = {
      authorization: authorizationHeader(peer.outgoingToken, peer.outgoingTokenEncoding),
      [OcpiHeader.RequestId]: requestId,
      [OcpiHeader.CorrelationId]: request.correlationId,
      accept: 'application/json',
      ...routingHeaderValues(request.routing),
    };
    if (this.options.userAgent) headers['user-agent'] = this.options.userAgent;
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(request.body));
    }
    try {
      const response = await this.#exchange(request, headers);
      // The platform no longer takes the hub's token: for the sender, the receiver is not connected.
      if (response.status === 401) return { kind: 'unreachable', reason: `${request.method} ${request.url} refused the hub's credentials (HTTP 401)`, requestId };
      return { kind: 'answered', httpStatus: response.status, text: response.text, headers: response.headers, requestId };
    } catch (error) {
      if (error === TIMED_OUT) return { kind: 'timeout', requestId };
      return { kind: 'unreachable', reason: `${request.method} ${request.url} failed: ${describe(error)}`, requestId };
    }
  }

  #exchange(request: HopRequest, headers: Record<string, string>): Promise<{ status: number; text: string; headers: IncomingHttpHeaders }> {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const outgoing = (secure ? httpsRequest : httpRequest)(url, { method: request.method, headers, agent: secure ? this.#https : this.#http }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(deadline);
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: response.headers });
        });
        response.on('error', fail);
      });
      // A plain timer for the whole exchange: an AbortSignal per hop cost more than the hub's own routing.
      const deadline = setTimeout(() => {
        reject(TIMED_OUT);
        outgoing.destroy();
      }, this.options.timeoutMs);
      function fail(error: Error): void {
        clearTimeout(deadline);
        reject(error);
      }
      outgoing.on('error', fail);
      outgoing.end(request.body);
    });
  }
}

/** What an exchange that outlived the timeout ends with. */
const TIMED_OUT = new Error('no answer in time');

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
