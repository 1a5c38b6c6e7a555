import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance } from 'fastify';
import { IdentifierError } from '../ids/identifier-error.js';
import { OcpiError } from '../ocpi/ocpi-error.js';
import { ApiError, type ApiErrorBody } from './api-error.js';

export interface AdminApiOptions {
  adminToken: string;
}

/**
 * The admin API's shared rules: bearer-token authentication for every route in its scope, and
 * errors as `{"error": {"status", "message", "field"}}` — never a stack trace, never a bare 500 for
 * bad input.
 */
export async function adminApi(app: FastifyInstance, options: AdminApiOptions): Promise<void> {
  app.addHook('onRequest', async (request) => {
    if (!hasAdminToken(request.headers.authorization, options.adminToken)) throw new ApiError(401, ADMIN_TOKEN_MISSING);
  });

  app.setErrorHandler(async (error: FastifyError | Error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.httpStatus >= 500) request.log.error({ err: error }, 'admin API request failed');
    const body: ApiErrorBody = { error: { status: apiError.httpStatus, message: apiError.message } };
    if (apiError.field) body.error.field = apiError.field;
    await reply.code(apiError.httpStatus).send(body);
  });

  app.setNotFoundHandler(async (request, reply) => {
    await reply.code(404).send({ error: { status: 404, message: `No admin API route ${request.method} ${request.url.split('?')[0]}` } });
  });
}

export const ADMIN_TOKEN_MISSING = 'Missing or wrong admin token (Authorization: Bearer …)';

/** `Authorization: Bearer <adminToken>`, compared in constant time. */
export function hasAdminToken(header: string | undefined, adminToken: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(adminToken));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function toApiError(error: FastifyError | Error): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof IdentifierError) return new ApiError(400, error.message, error.part);
  if (error instanceof OcpiError) {
    // A partner's failure during an operator's action is a bad gateway, not our bug.
    if (error.statusCode >= 3000 && error.statusCode < 4000 && error.httpStatus !== 500) return new ApiError(502, error.message);
    const status = error.httpStatus >= 400 ? error.httpStatus : 400;
    const field = /^Invalid field ([^:]+):/.exec(error.message)?.[1];
    return new ApiError(status, error.message, field);
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation && fastifyError.validation.length > 0) {
    const first = fastifyError.validation[0]!;
    const missing = (first.params as { missingProperty?: string }).missingProperty;
    const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = missing ? [path, missing].filter(Boolean).join('.') : path || fastifyError.validationContext || 'body';
    return new ApiError(400, `Invalid field ${field}: ${first.message ?? 'invalid'}`, field);
  }
  if (fastifyError.code?.startsWith('FST_ERR_CTP_')) return new ApiError(fastifyError.statusCode ?? 400, `Malformed request body: ${error.message}`);
  if (fastifyError.statusCode && fastifyError.statusCode < 500) return new ApiError(fastifyError.statusCode, error.message);
  return new ApiError(500, 'Internal server error');
}
