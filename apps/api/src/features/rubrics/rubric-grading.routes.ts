import {
  CalibrationBody,
  CalibrationItem,
  CalibrationParams,
  CalibrationRun,
  CalibrationRunBody,
  IdParams,
  TryRubricBody,
  TryRubricResult,
} from '@interview/contracts/api';
import type { Db } from '@interview/db';
import type { Grader } from '@interview/grader';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth-guard';
import { createRubricGradingService } from './rubric-grading.service';
import type { RubricService } from './rubrics.service';

/** Grading costs money with an LLM: limit per user, not per address. */
const perUser = (max: number) => ({
  max,
  timeWindow: '1 minute',
  keyGenerator: (request: FastifyRequest) => request.principal?.userId ?? request.ip,
});

/** Trying a rubric on a sample answer, and calibration answers with their runs. */
export default async function rubricGradingRoutes(
  fastify: FastifyInstance,
  opts: { db: Db; grader: Grader; rubrics: RubricService; timeoutMs?: number },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const grading = createRubricGradingService({
    ...opts,
    onGraderError: (err) => fastify.log.warn({ err }, 'synchronous grading failed'),
  });
  const tags = ['rubrics'];

  app.post(
    '/api/rubrics/try',
    {
      // Reviewers may try published versions; the service asks for admin when the version is a draft.
      config: { auth: 'reviewer', rateLimit: perUser(30) },
      schema: { tags, body: TryRubricBody, response: { 200: TryRubricResult } },
    },
    async (request) => grading.tryAnswer(principalOf(request), request.body),
  );

  app.get(
    '/api/rubrics/:id/calibration',
    { config: { auth: 'admin' }, schema: { tags, params: IdParams, response: { 200: z.array(CalibrationItem) } } },
    async (request) => grading.listCalibration(principalOf(request), request.params.id),
  );

  app.post(
    '/api/rubrics/:id/calibration',
    { config: { auth: 'admin' }, schema: { tags, params: IdParams, body: CalibrationBody, response: { 201: CalibrationItem } } },
    async (request, reply) => reply.status(201).send(await grading.addCalibration(principalOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/rubrics/:id/calibration/:calibrationId',
    { config: { auth: 'admin' }, schema: { tags, params: CalibrationParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await grading.removeCalibration(principalOf(request), request.params.id, request.params.calibrationId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/rubrics/:id/calibration/run',
    {
      config: { auth: 'admin', rateLimit: perUser(10) },
      schema: { tags, params: IdParams, body: CalibrationRunBody, response: { 200: CalibrationRun } },
    },
    async (request) => grading.runCalibration(principalOf(request), request.params.id, request.body),
  );
}
