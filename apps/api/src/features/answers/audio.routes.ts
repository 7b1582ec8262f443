import multipart from '@fastify/multipart';
import { InterviewState, ItemParams } from '@interview/contracts/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BadRequestError, TooLargeError } from '../../errors';
import { principalOf } from '../../plugins/app/auth-guard';
import type { InterviewService } from '../interviews/interview.service';
import { sniffAudio } from './audio-sniff';

const Fields = z.object({
  captions: z.string().max(20_000).default(''),
  durationMs: z.coerce.number().int().min(0).max(3_600_000).optional(),
});
const Submitted = z.object({ replayed: z.boolean(), state: InterviewState });

/** Seconds of slack on a recording's length over the item's limit (encoder padding, clock drift). */
const DURATION_SLACK_SEC = 5;

/**
 * Spoken answers: one multipart upload (`audio` file plus optional `captions` and `durationMs`
 * fields). The bytes decide the type; size and length are capped; then the answer is stored and
 * a transcription job takes over.
 */
export default async function audioRoutes(fastify: FastifyInstance, opts: { service: InterviewService; maxBytes: number }) {
  await fastify.register(multipart, {
    limits: { fileSize: opts.maxBytes, files: 1, fields: 4, fieldSize: 100_000, parts: 6 },
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tooLarge = () => new TooLargeError(`Recordings are limited to ${(opts.maxBytes / 1024 / 1024).toFixed(1)} MiB`);

  app.post(
    '/api/interviews/:id/items/:itemId/audio',
    {
      // Per candidate, not per IP: a whole office behind one NAT may be interviewing at once.
      config: { rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: (req) => req.principal?.userId ?? req.ip } },
      schema: { tags: ['interviews'], params: ItemParams, consumes: ['multipart/form-data'], response: { 200: Submitted } },
    },
    async (request) => {
      if (!request.isMultipart()) throw new BadRequestError('Send the recording as multipart/form-data with an `audio` file');
      let audio: Buffer | null = null;
      const fields: Record<string, string> = {};
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'audio') throw new BadRequestError(`Unexpected file field "${part.fieldname}"`);
          audio = await part.toBuffer().catch((err) => {
            throw err instanceof fastify.multipartErrors.RequestFileTooLargeError ? tooLarge() : err;
          });
          if (part.file.truncated) throw tooLarge();
        } else if (typeof part.value === 'string') {
          fields[part.fieldname] = part.value;
        }
      }
      if (!audio || audio.length === 0) throw new BadRequestError('The `audio` file is missing or empty');
      const parsed = Fields.parse(fields);
      const sniffed = await sniffAudio(audio);
      const durationMs = sniffed.durationMs ?? parsed.durationMs ?? null;
      const state = await opts.service.view(principalOf(request), request.params.id);
      const item = state.items.find((i) => i.id === request.params.itemId);
      if (item && durationMs !== null && durationMs > (item.timeLimitSec + DURATION_SLACK_SEC) * 1000)
        throw new BadRequestError(`The recording is longer than this question's ${item.timeLimitSec} s limit`, { durationMs });
      return opts.service.submit(principalOf(request), request.params.id, request.params.itemId, {
        mode: 'spoken',
        audio,
        mime: sniffed.mime,
        durationMs,
        captions: parsed.captions,
      });
    },
  );

  app.get('/api/interviews/:id/items/:itemId/audio', { schema: { tags: ['interviews'], params: ItemParams } }, async (request, reply) => {
    const { audio, mime } = await opts.service.audio(principalOf(request), request.params.id, request.params.itemId);
    // Served with its sniffed type only, never sniffed again by the browser, and never cached by proxies.
    return reply
      .header('content-type', mime)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(audio);
  });
}
