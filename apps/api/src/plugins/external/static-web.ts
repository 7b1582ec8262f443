import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { routeNotFound } from '../app/error-handler';

export const WEB_DIST = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

/** Serves the built web app, with client-side routes falling back to index.html. */
export default fp(async function staticWeb(app: FastifyInstance, opts: { root?: string }) {
  const root = opts.root ?? WEB_DIST;
  if (!existsSync(`${root}/index.html`)) {
    app.log.warn({ root }, 'web app not built (pnpm build:web); serving the API only');
    app.setNotFoundHandler(routeNotFound);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: 'index.html',
    // The build writes .br/.gz beside each asset; browsers get the smallest they accept.
    preCompressed: true,
    // Hashed assets never change: cache them for a year. index.html must be revalidated so a deploy shows at once.
    setHeaders(res, path) {
      res.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const apiLike = /^\/(api|ws|healthz|readyz|metrics)(\/|$)/.test(request.url);
    if (request.method !== 'GET' || apiLike) return routeNotFound(request, reply);
    return reply.type('text/html').sendFile('index.html');
  });
});
