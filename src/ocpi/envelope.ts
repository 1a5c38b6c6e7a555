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

function now(): string {
  return formatOcpiDateTime(new Date());
}
