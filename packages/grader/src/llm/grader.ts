import type { GradeFlag, GradeResult, GradeUsage } from '@interview/contracts';
import type OpenAI from 'openai';
import { APIError, ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { PermanentGradeError, toGradeError } from '../errors';
import { detectInjection } from '../injection';
import { weightedTotal } from '../total';
import type { GradeInput, Grader } from '../types';
import { combineSamples } from './aggregate';
import { buildRepairMessage, buildSystemPrompt, buildUserMessage, LLM_PROMPT_VERSION, newBoundary } from './prompt';
import {
  checkCriteriaCoverage,
  describeZodError,
  type GradeOutput,
  type GradeOutputSchema,
  gradeOutputSchema,
  parseGradeOutput,
} from './schema';

/** USD per million tokens. Cached input defaults to the normal input price when not given. */
export interface LlmPricing {
  inputPerMTok: number;
  cachedInputPerMTok?: number;
  outputPerMTok: number;
}

export interface LlmGraderOptions {
  /** Configured by the caller; `maxRetries: 0` is recommended so the job queue owns retries. */
  client: OpenAI;
  model: string;
  /** Independent gradings per answer (self-consistency); the median score per criterion wins. */
  samples?: number;
  /** Re-asks after an invalid reply, with the validation error, before giving up. */
  maxRepairAttempts?: number;
  pricing?: LlmPricing;
  /** Upper bound on completion tokens per call. */
  maxOutputTokens?: number;
  /**
   * 'auto' (default) uses json_schema structured output and switches to json_object mode for good
   * once the provider rejects json_schema.
   */
  responseFormat?: 'auto' | 'json_schema' | 'json_object';
}

export interface LlmGrader extends Grader {
  readonly kind: 'llm';
  readonly model: string;
}

type Reply = { ok: true; value: GradeOutput } | { ok: false; error: string; raw: string | null };

class UsageMeter {
  promptTokens = 0;
  completionTokens = 0;
  cachedTokens = 0;
  add(usage: ChatCompletion['usage']): void {
    if (!usage) return;
    this.promptTokens += usage.prompt_tokens ?? 0;
    this.completionTokens += usage.completion_tokens ?? 0;
    this.cachedTokens += usage.prompt_tokens_details?.cached_tokens ?? 0;
  }
  snapshot(): GradeUsage {
    return { promptTokens: this.promptTokens, completionTokens: this.completionTokens, cachedTokens: this.cachedTokens };
  }
}

/** Cost in USD of the recorded usage; null when no pricing is configured. */
export function costOf(usage: GradeUsage, pricing: LlmPricing | undefined): number | null {
  if (!pricing) return null;
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const fresh = usage.promptTokens - cached;
  const cost =
    (fresh * pricing.inputPerMTok +
      cached * (pricing.cachedInputPerMTok ?? pricing.inputPerMTok) +
      usage.completionTokens * pricing.outputPerMTok) /
    1_000_000;
  return Math.round(cost * 1e8) / 1e8;
}

/** A 400/422 whose message says the provider does not support json_schema response formats. */
function isJsonSchemaUnsupported(err: unknown): boolean {
  if (!(err instanceof APIError) || (err.status !== 400 && err.status !== 422)) return false;
  const text = `${err.message} ${JSON.stringify(err.error ?? '')}`;
  return /response_format|json_schema|structured output/i.test(text);
}

function isZodError(err: unknown): err is z.ZodError {
  return err instanceof z.ZodError || (err instanceof Error && err.name === 'ZodError');
}

/**
 * LLM grader over any OpenAI-compatible chat completions API. The model proposes evidence,
 * reasoning and criterion scores; our code verifies the evidence, computes the total and raises
 * the flags.
 */
export function createLlmGrader(options: LlmGraderOptions): LlmGrader {
  const { client, model, pricing, maxOutputTokens } = options;
  const samples = Math.max(1, Math.floor(options.samples ?? 1));
  const maxRepairAttempts = Math.max(0, Math.floor(options.maxRepairAttempts ?? 2));
  let mode: 'auto' | 'json_schema' | 'json_object' = options.responseFormat ?? 'auto';

  const common = () => ({
    model,
    temperature: 0,
    ...(maxOutputTokens !== undefined ? { max_completion_tokens: maxOutputTokens } : {}),
  });

  async function requestStructured(
    messages: ChatCompletionMessageParam[],
    schema: GradeOutputSchema,
    input: GradeInput,
    meter: UsageMeter,
  ): Promise<Reply | 'unsupported'> {
    try {
      const completion = await client.chat.completions.parse({
        ...common(),
        messages,
        response_format: zodResponseFormat(schema, 'interview_grade'),
      });
      meter.add(completion.usage);
      const message = completion.choices[0]?.message;
      if (!message) return { ok: false, error: 'the reply had no choices', raw: null };
      if (message.refusal) return { ok: false, error: `the reply was a refusal (${message.refusal})`, raw: null };
      if (!message.parsed) return { ok: false, error: 'the reply had no content', raw: message.content ?? null };
      const coverage = checkCriteriaCoverage(input.rubric, message.parsed);
      return coverage ? { ok: false, error: coverage, raw: message.content ?? null } : { ok: true, value: message.parsed };
    } catch (err) {
      // parse() throws on content it cannot parse; the raw text is not available, only the reason.
      if (err instanceof SyntaxError) return { ok: false, error: `the reply is not valid JSON (${err.message})`, raw: null };
      if (isZodError(err)) return { ok: false, error: `the JSON does not match the schema: ${describeZodError(err)}`, raw: null };
      if (err instanceof LengthFinishReasonError)
        return { ok: false, error: 'the reply was cut off by the length limit; keep it shorter', raw: null };
      if (err instanceof ContentFilterFinishReasonError)
        throw new PermanentGradeError('the provider content filter blocked the reply', { cause: err });
      if (mode === 'auto' && isJsonSchemaUnsupported(err)) return 'unsupported';
      throw toGradeError(err);
    }
  }

  async function requestJsonObject(
    messages: ChatCompletionMessageParam[],
    schema: GradeOutputSchema,
    input: GradeInput,
    meter: UsageMeter,
  ): Promise<Reply> {
    let completion: ChatCompletion;
    try {
      completion = await client.chat.completions.create({ ...common(), messages, response_format: { type: 'json_object' } });
    } catch (err) {
      throw toGradeError(err);
    }
    meter.add(completion.usage);
    const choice = completion.choices[0];
    const content = choice?.message.content ?? null;
    if (choice?.finish_reason === 'length')
      return { ok: false, error: 'the reply was cut off by the length limit; keep it shorter', raw: null };
    const parsed = parseGradeOutput(schema, input.rubric, content);
    return parsed.ok ? parsed : { ok: false, error: parsed.error, raw: content };
  }

  async function request(
    messages: ChatCompletionMessageParam[],
    schema: GradeOutputSchema,
    input: GradeInput,
    meter: UsageMeter,
  ): Promise<Reply> {
    if (mode !== 'json_object') {
      const reply = await requestStructured(messages, schema, input, meter);
      if (reply !== 'unsupported') return reply;
      mode = 'json_object';
    }
    return requestJsonObject(messages, schema, input, meter);
  }

  /** One independent grading, with bounded repair turns for invalid replies. */
  async function sample(
    system: string,
    user: string,
    schema: GradeOutputSchema,
    input: GradeInput,
    meter: UsageMeter,
  ): Promise<GradeOutput> {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ];
    let lastError = '';
    for (let attempt = 0; attempt <= maxRepairAttempts; attempt++) {
      const reply = await request(messages, schema, input, meter);
      if (reply.ok) return reply.value;
      lastError = reply.error;
      if (reply.raw) messages.push({ role: 'assistant', content: reply.raw });
      messages.push({ role: 'user', content: buildRepairMessage(reply.error) });
    }
    throw new PermanentGradeError(`model output still invalid after ${maxRepairAttempts + 1} attempts: ${lastError}`);
  }

  async function grade(input: GradeInput): Promise<GradeResult> {
    const started = performance.now();
    const meter = new UsageMeter();
    const elapsed = () => Math.round(performance.now() - started);

    if (input.answer.trim() === '') {
      const usage = meter.snapshot();
      return {
        grader: 'llm',
        model,
        promptVersion: LLM_PROMPT_VERSION,
        total: 0,
        confidence: 0.95,
        criteria: input.rubric.criteria.map((c) => ({
          key: c.key,
          score: 0,
          reasoning: 'No answer was given; the model was not called.',
          evidence: [],
          keyPointsCovered: [],
          keyPointsMissed: c.keyPoints.map((k) => k.id),
          needsReview: false,
        })),
        strengths: [],
        improvements: [],
        keyPointsCovered: [],
        keyPointsMissed: input.rubric.criteria.flatMap((c) => c.keyPoints.map((k) => k.id)),
        flags: ['empty_answer'],
        usage,
        costUsd: costOf(usage, pricing),
        latencyMs: elapsed(),
      };
    }

    const schema = gradeOutputSchema(input.rubric);
    const system = buildSystemPrompt(input.question, input.rubric);
    const user = buildUserMessage(input.answer, newBoundary(input.answer));
    const outputs = await Promise.all(Array.from({ length: samples }, () => sample(system, user, schema, input, meter)));

    const injection = detectInjection(input.answer);
    const combined = combineSamples(input.rubric, input.answer, outputs, injection);
    const flags = new Set<GradeFlag>(combined.flags);
    if (injection.detected) flags.add('prompt_injection');
    const total = weightedTotal(input.rubric, combined.criteria);
    if (flags.has('unverified_evidence') || flags.has('prompt_injection') || total === null) flags.add('needs_human_review');

    let confidence = samples > 1 ? 0.9 - 0.25 * combined.spread : 0.7;
    if (flags.has('unverified_evidence')) confidence -= 0.2;
    if (flags.has('prompt_injection')) confidence -= 0.1;
    confidence = Math.round(Math.min(0.95, Math.max(0.05, confidence)) * 100) / 100;

    const usage = meter.snapshot();
    return {
      grader: 'llm',
      model,
      promptVersion: LLM_PROMPT_VERSION,
      total,
      confidence,
      criteria: combined.criteria,
      strengths: combined.strengths,
      improvements: combined.improvements,
      keyPointsCovered: combined.keyPointsCovered,
      keyPointsMissed: combined.keyPointsMissed,
      flags: [...flags],
      usage,
      costUsd: costOf(usage, pricing),
      latencyMs: elapsed(),
    };
  }

  return { kind: 'llm', model, promptVersion: LLM_PROMPT_VERSION, grade };
}
