/**
 * Tokens and dollars per grading request, for every question in the shipped bank.
 *
 *   pnpm bench cost [--quick (the same: it takes a few seconds)] [--model=gpt-4.1-mini] [--encoding=o200k_base]
 *                   [--price-input=USD/MTok --price-cached=USD/MTok --price-output=USD/MTok]
 *
 * Each request is built with the grader's real prompt builders (buildSystemPrompt,
 * buildUserMessage) and the JSON schema it sends as response_format, and counted with a real BPE
 * tokenizer (js-tiktoken). The candidate answer is the question's reference answer (a full-length
 * strong answer); the expected completion is a reply of the shape the model must produce, sized
 * from the rubric (quotes from the answer, a descriptor-length reasoning per criterion, two
 * strengths and improvements, every key point id).
 *
 * The cacheable prefix is what stays byte-identical across answers to the same question: the
 * response schema and the system prompt (instructions, rubric, reference answer, question).
 * Baseline, computed in the same run: the same requests with no prompt caching at all.
 * Prices default to the worker's table for --model (apps/worker/src/grading/pricing.ts).
 */
import { buildSystemPrompt, buildUserMessage, gradeOutputSchema, newBoundary } from '@interview/grader';
import { loadBank } from '@interview/question-bank';
import { resolvePricing } from '@interview/worker';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { zodResponseFormat } from 'openai/helpers/zod';
import { numberOption, percentile, printResult, round, stringOption } from './support/common';

const model = stringOption('model', 'gpt-4.1-mini');
const encodingName = stringOption('encoding', 'o200k_base');
const QUESTIONS_PER_INTERVIEW = numberOption('questions', 10);
/** OpenAI's rule: prefixes of 1,024 tokens or more are cached, in 128-token steps. */
type QuestionFile = Awaited<ReturnType<typeof loadBank>>['questions'][number];

const CACHE_MIN = numberOption('cache-min', 1024);
const CACHE_STEP = numberOption('cache-step', 128);
// Chat framing: a few tokens per message plus the reply priming (OpenAI's published counting recipe).
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

const ranks = encodingName === 'cl100k_base' ? cl100k : encodingName === 'o200k_base' ? o200k : null;
if (!ranks) throw new Error(`--encoding must be o200k_base or cl100k_base, got ${encodingName}`);
const enc = new Tiktoken(ranks);
const tokens = (s: string) => enc.encode(s).length;

const priceFlag = (name: string) => {
  const v = numberOption(name, Number.NaN);
  return Number.isFinite(v) ? v : undefined;
};
const pricing = resolvePricing({
  LLM_MODEL: model,
  LLM_PRICE_INPUT_PER_MTOK: priceFlag('price-input'),
  LLM_PRICE_CACHED_INPUT_PER_MTOK: priceFlag('price-cached'),
  LLM_PRICE_OUTPUT_PER_MTOK: priceFlag('price-output'),
});
if (!pricing) throw new Error(`no price for ${model}: pass --price-input, --price-output (and --price-cached), USD per million tokens`);
const cachedPrice = pricing.cachedInputPerMTok ?? pricing.inputPerMTok;

/** A reply of the shape the grader demands, sized from this question's rubric and answer. */
function expectedCompletion(q: QuestionFile): string {
  const words = q.referenceAnswer.split(/\s+/).filter(Boolean);
  const quote = (i: number) =>
    words.slice((i * 17) % Math.max(1, words.length - 12), ((i * 17) % Math.max(1, words.length - 12)) + 12).join(' ');
  const keyPoints = q.rubric.criteria.flatMap((c) => c.keyPoints.map((k) => k.id));
  const covered = keyPoints.filter((_, i) => i % 3 !== 2);
  return JSON.stringify({
    criteria: q.rubric.criteria.map((c, i) => ({
      key: c.key,
      evidence: [quote(2 * i), quote(2 * i + 1)],
      reasoning: `The answer meets level 3 for ${c.title.toLowerCase()}: ${c.levels[3]}`,
      score: 3,
    })),
    strengths: [
      `Explains ${q.rubric.criteria[0]?.title.toLowerCase() ?? 'the core idea'} clearly with a concrete example.`,
      'Walks through the steps in a sensible order and names the tools used.',
    ],
    improvements: [
      `Say more about ${q.rubric.criteria.at(-1)?.title.toLowerCase() ?? 'the trade-offs'} and when it matters.`,
      'Mention how you would verify the fix and what you would monitor afterwards.',
    ],
    keyPointsCovered: covered,
    keyPointsMissed: keyPoints.filter((k) => !covered.includes(k)),
    flags: { promptInjection: false, offTopic: false, wrongLanguage: false },
  });
}

interface Row {
  id: string;
  prompt: number;
  prefix: number;
  billedCached: number;
  completion: number;
  coldUsd: number;
  warmUsd: number;
}

const started = performance.now();
const bank = await loadBank();
if (bank.issues.length) throw new Error(`the bank has problems: ${bank.issues.map((i) => i.file).join(', ')}`);
const rows: Row[] = [];
for (const q of bank.questions) {
  const schema = JSON.stringify(zodResponseFormat(gradeOutputSchema(q.rubric), 'interview_grade').json_schema);
  const system = buildSystemPrompt(q, q.rubric);
  const user = buildUserMessage(q.referenceAnswer, newBoundary(q.referenceAnswer));
  const prefix = tokens(schema) + PER_MESSAGE + tokens(system);
  const prompt = prefix + PER_MESSAGE + tokens(user) + REPLY_PRIMING;
  const billedCached = prefix >= CACHE_MIN ? Math.floor(prefix / CACHE_STEP) * CACHE_STEP : 0;
  const completion = tokens(expectedCompletion(q));
  const usd = (fresh: number, cached: number) =>
    (fresh * pricing.inputPerMTok + cached * cachedPrice + completion * pricing.outputPerMTok) / 1e6;
  rows.push({
    id: q.id,
    prompt,
    prefix,
    billedCached,
    completion,
    coldUsd: usd(prompt, 0),
    warmUsd: usd(prompt - billedCached, billedCached),
  });
}

const mean = (f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
const sum = (f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0);
const widest = [...rows].sort((a, b) => b.prompt - a.prompt).slice(0, 5);
console.log(`cost: ${rows.length} bank questions, ${encodingName}, model ${model}`);
console.log(`prices (USD/MTok): input ${pricing.inputPerMTok}, cached input ${cachedPrice}, output ${pricing.outputPerMTok}`);
console.log('largest requests (tokens): id  prompt  cacheable-prefix  completion');
for (const r of widest) console.log(`  ${r.id}  ${r.prompt}  ${r.prefix}  ${r.completion}`);
const coldPerInterview = mean((r) => r.coldUsd) * QUESTIONS_PER_INTERVIEW;
const warmPerInterview = mean((r) => r.warmUsd) * QUESTIONS_PER_INTERVIEW;
const cacheableShare = sum((r) => r.prefix) / sum((r) => r.prompt);
const billedShare = sum((r) => r.billedCached) / sum((r) => r.prompt);
console.log(
  `per request: prompt p50 ${percentile(
    rows.map((r) => r.prompt),
    50,
  )} / max ${Math.max(...rows.map((r) => r.prompt))} tokens, ` +
    `cacheable prefix mean ${mean((r) => r.prefix).toFixed(0)}, completion mean ${mean((r) => r.completion).toFixed(0)}`,
);
console.log(
  `per ${QUESTIONS_PER_INTERVIEW}-question interview: $${warmPerInterview.toFixed(5)} with the prefix cached ` +
    `(baseline without caching $${coldPerInterview.toFixed(5)}, ${((1 - warmPerInterview / coldPerInterview) * 100).toFixed(1)}% saved); ` +
    `cacheable share of the prompt ${(cacheableShare * 100).toFixed(1)}% (${(billedShare * 100).toFixed(1)}% in ${CACHE_STEP}-token steps)`,
);
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
printResult('cost', {
  questions: rows.length,
  encoding: encodingName,
  model,
  prompt_tokens_mean: round(
    mean((r) => r.prompt),
    0,
  ),
  prompt_tokens_max: Math.max(...rows.map((r) => r.prompt)),
  prefix_tokens_mean: round(
    mean((r) => r.prefix),
    0,
  ),
  completion_tokens_mean: round(
    mean((r) => r.completion),
    0,
  ),
  cacheable_share: round(cacheableShare, 3),
  billed_cached_share: round(billedShare, 3),
  usd_per_interview: round(warmPerInterview, 5),
  baseline_usd_per_interview_uncached: round(coldPerInterview, 5),
});
