import { OcpiStatus, type OcpiStatusCode } from './status-codes.js';

/**
 * The one error type of the OCPI layer. `httpStatus` is 200 for errors that reached the OCPI layer:
 * the spec forbids an HTTP error status for an authenticated, well-formed request to an existing
 * resource ("Status codes", OCPI 2.2.1). Transport failures (bad JSON, bad token, unknown resource,
 * wrong credentials state) carry their HTTP status.
 */
export class OcpiError extends Error {
  constructor(
    readonly statusCode: OcpiStatusCode,
    message: string,
    readonly httpStatus: number = 200,
    /** Free-form debugging detail sent as the envelope's `data` (the spec allows it on errors). */
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'OcpiError';
  }

  static invalid(message: string, detail?: unknown): OcpiError {
    return new OcpiError(OcpiStatus.InvalidParameters, message, 200, detail);
  }

  static unauthorized(message = 'Missing or unknown credentials token'): OcpiError {
    return new OcpiError(OcpiStatus.ClientError, message, 401);
  }

  static notFound(message: string): OcpiError {
    return new OcpiError(OcpiStatus.ClientError, message, 404);
  }

  static methodNotAllowed(message: string): OcpiError {
    return new OcpiError(OcpiStatus.ClientError, message, 405);
  }
}
