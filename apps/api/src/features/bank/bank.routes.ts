import type { Db } from '@interview/db';
import type { FastifyInstance } from 'fastify';
import bankTransferRoutes from './bank-transfer.routes';
import questionRoutes from './questions.routes';

/** The question bank: browsing questions, and YAML export/import of an organisation's rubrics and templates. */
export default async function bankRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  await fastify.register(questionRoutes, opts);
  await fastify.register(bankTransferRoutes, opts);
}
