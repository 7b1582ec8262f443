import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** Only the API surface is documented: not /docs, /metrics, /openapi.json or the static web app. */
const isDocumented = (url: string) => /^\/(api|ws)\//.test(url) || url === '/healthz' || url === '/readyz';

/** The guard's own default (see auth-guard.ts): /api and /ws need a member unless a route says otherwise. */
function minRole(url: string, auth: string | undefined): string {
  return auth ?? (/^\/(api|ws)\//.test(url) ? 'candidate' : 'public');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * OpenAPI 3.1 built from the zod route schemas, at /openapi.json and /docs. Registered before the
 * routes: @fastify/swagger only sees routes added after its onRoute hook.
 */
export default fp(async function openapi(app: FastifyInstance, opts: { version?: string } = {}) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Mock Interview API', version: opts.version ?? '1.0.0' },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'sid',
            description: 'Session cookie set by sign-up, sign-in and invitation acceptance',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description: 'csrfToken from the session body; required on every write made with the session cookie',
          },
        },
      },
    },
    transform: (doc) => {
      const { schema, url } = jsonSchemaTransform(doc);
      if (!isDocumented(url)) return { schema: { ...schema, hide: true }, url };
      const methods = ([] as string[]).concat(doc.route.method);
      const role = minRole(url, doc.route.config?.auth);
      const writes = methods.some((m) => !SAFE_METHODS.has(m));
      const scheme: Record<string, string[]> = writes ? { session: [], csrf: [] } : { session: [] };
      const security = role === 'public' ? [] : [scheme];
      const extra: FastifySchema & Record<string, unknown> = { security };
      if (role !== 'public') extra['x-min-role'] = role;
      return { schema: { ...schema, ...extra }, url };
    },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());
});
