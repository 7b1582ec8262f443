import { randomUUID } from 'node:crypto';
import { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import fp from 'fastify-plugin';

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's id is kept only if it cannot smuggle anything into logs or headers. */
const SANE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Fastify options: the id comes from a sane incoming x-request-id (a proxy's or a client's, so one
 * id follows a request across hops) or is a fresh UUID; pino logs it as `reqId`.
 * requestIdHeader stays off because Fastify would take the header verbatim, unchecked.
 */
export const requestIdOptions = {
  requestIdHeader: false,
  // The top-level requestIdLogLabel option is deprecated in Fastify 5; the log controller carries it.
  logController: new LogController({ requestIdLogLabel: 'reqId' }),
  genReqId: (req) => {
    const incoming = req.headers[REQUEST_ID_HEADER];
    return typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
  },
} satisfies Pick<FastifyServerOptions, 'requestIdHeader' | 'logController' | 'genReqId'>;

/** Echoes the request id on every response, errors and 404s included, so callers can quote it. */
export default fp(async function requestId(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
});
