import { errorEnvelope, successEnvelope } from '../ocpi/envelope.js';
import type { RoutingHeaders } from '../ocpi/headers.js';
import type { OcpiCaller } from '../ocpi/fastify/ocpi-caller.js';
import type { OcpiError } from '../ocpi/ocpi-error.js';
import type { InterfaceRole } from '../ocpi/versions.js';
import type { RoutedModule } from './hub-interfaces.js';

/** A request to one of the hub's interfaces, as the route binding hands it over. */
export interface HubCall {
  caller: OcpiCaller;
  /** From: one of the caller's parties (checked by the transport); to: the addressee, or the hub itself. */
  routing: RoutingHeaders;
  requestId: string;
  correlationId: string;
  method: string;
  module: RoutedModule;
  role: InterfaceRole;
  /** Path segments below the module's endpoint, decoded. */
  path: string[];
  /** The query string as received: `''` or `?…`. */
  search: string;
  body: unknown;
  /** The request URL as partners reach it, for the `Link` of lists the hub answers itself. */
  url: URL;
}

/** What the hub answers: a destination's answer passed back, or the hub's own. */
export interface HubAnswer {
  httpStatus: number;
  /** The JSON text of the response envelope. */
  body: string;
  headers: Record<string, string>;
  ocpiStatus: number | null;
  /** Set when the request was sent on. */
  forwardedRequestId?: string;
  destinationPeerId?: string;
  error?: string;
}

export function successAnswer(data?: unknown, message?: string, headers: Record<string, string> = {}): HubAnswer {
  return { httpStatus: 200, body: JSON.stringify(successEnvelope(data, message)), headers, ocpiStatus: 1000 };
}

export function errorAnswer(error: OcpiError, hop?: { forwardedRequestId?: string; destinationPeerId?: string }): HubAnswer {
  return { httpStatus: error.httpStatus, body: JSON.stringify(errorEnvelope(error)), headers: {}, ocpiStatus: error.statusCode, error: error.message, ...hop };
}
