import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError } from '../../errors';

/** Connection-level failures mean the database is unreachable, not that the request was bad. */
const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '08003']);

function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown };
  if (e?.code && DB_DOWN_CODES.has(e.code)) return true;
  if (typeof e?.message === 'string' && /Connection terminated|timeout exceeded when trying to connect/i.test(e.message)) return true;
  return e?.cause !== undefined && e.cause !== err && isDatabaseDown(e.cause);
}

/** Text Postgres cannot store (a NUL character: 22021 in text, 22P05 in jsonb): the client's input is at fault. */
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

function isUnstorableText(err: unknown, depth = 0): boolean {
  const e = err as { code?: string; cause?: unknown };
  if (e?.code && UNSTORABLE_TEXT_CODES.has(e.code)) return true;
  return depth < 5 && e?.cause !== undefined && e.cause !== err && isUnstorableText(e.cause, depth + 1);
}

/**
 * One place maps errors to responses. Every body is `{ error: { code, message, details? } }`;
 * 5xx bodies never carry internals or stack traces.
 */
export default fp(async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: [err.validationContext, v.instancePath.replace(/^\//, '').replaceAll('/', '.')].filter(Boolean).join('.'),
        message: v.message,
      }));
      return reply.status(400).send({ error: { code: 'invalid_input', message: 'Request failed validation', details } });
    }
    if (err instanceof ZodError) {
      const details = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return reply.status(400).send({ error: { code: 'invalid_input', message: 'Request failed validation', details } });
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: (err.code ?? 'bad_request').toLowerCase(), message: err.message } });
    }
    if (isUnstorableText(err)) {
      return reply
        .status(400)
        .send({ error: { code: 'invalid_input', message: 'The request contains text that cannot be stored (such as a NUL character)' } });
    }
    if (isDatabaseDown(err)) {
      request.log.warn({ err }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ error: { code: 'database_unavailable', message: 'The database is unavailable; retry shortly' } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on our side' } });
  });
});

/** The JSON 404 body for an unknown route; the web plugin falls back to it for non-page requests. */
export function routeNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({ error: { code: 'not_found', message: `Route ${request.method} ${request.url} not found` } });
}
