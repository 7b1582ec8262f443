import { ImportJsonBody, ImportResult, YAML_LIMIT_BYTES } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { listUserMemberships } from '@interview/db/queries/orgs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnsupportedMediaError } from '../../errors';
import { principalOf } from '../../plugins/app/auth-guard';
import { createBankTransferService } from './bank-transfer.service';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/** YAML export and import of the organisation's rubrics and templates (admin and up). */
export default async function bankTransferRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  // Encapsulated: only the routes of this plugin accept YAML bodies.
  fastify.addContentTypeParser(YAML_TYPES, { parseAs: 'string', bodyLimit: YAML_LIMIT_BYTES }, (_request, body, done) => done(null, body));
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const transfer = createBankTransferService({ db: opts.db });
  const tags = ['rubrics'];

  app.get('/api/rubrics/export', { config: { auth: 'admin' }, schema: { tags } }, async (request, reply) => {
    const me = principalOf(request);
    const org = (await listUserMemberships(opts.db, { userId: me.userId })).find((m) => m.orgId === me.orgId);
    const text = await transfer.exportYaml(me, org?.orgName ?? 'this organisation');
    return reply
      .type('application/yaml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${org?.orgSlug ?? 'organisation'}-rubrics.yaml"`)
      .send(text);
  });

  app.post(
    '/api/rubrics/import',
    {
      config: { auth: 'admin' },
      // Fastify also parses text/plain into a string: only YAML types, or JSON holding {yaml}, are accepted.
      preValidation: async (request) => {
        const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
        if (type === 'application/json' && typeof request.body !== 'string') return;
        if (!YAML_TYPES.includes(type)) throw new UnsupportedMediaError('Send YAML as application/yaml, or JSON as {"yaml": "..."}');
      },
      // A JSON envelope escapes some characters, so it gets a little more room than raw YAML.
      bodyLimit: YAML_LIMIT_BYTES + 256 * 1024,
      schema: {
        tags,
        body: z.union([z.string().min(1, 'the YAML body is empty').max(YAML_LIMIT_BYTES), ImportJsonBody]),
        response: { 200: ImportResult },
      },
    },
    async (request) => {
      const text = typeof request.body === 'string' ? request.body : request.body.yaml;
      return transfer.importYaml(principalOf(request), text);
    },
  );
}
