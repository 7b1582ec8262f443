import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { TooManyRequestsError } from '../../errors';

/**
 * Per-route limits (routes opt in through `config.rateLimit`). With Redis the counters are shared
 * by every API process; otherwise each process counts on its own.
 */
export default fp(async function rateLimitPlugin(app: FastifyInstance, opts: { redis?: Redis; prefix: string }) {
  await app.register(rateLimit, {
    global: false,
    redis: opts.redis,
    // Installs (and test runs) sharing one Redis keep separate counters.
    nameSpace: `interview-rl:${opts.prefix}`,
    // A Redis hiccup must not lock everyone out of signing in.
    skipOnError: true,
    // The builder's value is thrown, so it reaches the one error handler like any typed error.
    errorResponseBuilder: (_req, ctx) => new TooManyRequestsError(`Too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`),
  });
});
