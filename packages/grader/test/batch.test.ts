import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadBank } from '../../question-bank/src/load';
import { gradeOffline, weightedTotal } from '../src/index';
import { cleanEnv, runCliProcess } from './support/cli';
import { apiError, completion, FakeOpenAI, type RecordedRequest, type ScriptedReply } from './support/fake-openai';

const LABELLED = fileURLToPath(new URL('../fixtures/labelled-answers.jsonl', import.meta.url));

const OutputLine = z.union([
  z.strictObject({
    id: z.union([z.string(), z.number()]),
    total: z.number().min(0).max(100).nullable(),
    criteria: z.array(z.strictObject({ key: z.string(), score: z.number().int().min(0).max(4).nullable(), evidence: z.array(z.string()) })),
    flags: z.array(z.string()),
    grader: z.enum(['offline', 'llm']),
  }),
  z.strictObject({ id: z.union([z.string(), z.number()]), error: z.string() }),
]);
type OutputLine = z.infer<typeof OutputLine>;
type Graded = Extract<OutputLine, { total: unknown }>;

const Labelled = z.object({ id: z.string(), questionId: z.string(), kind: z.string(), humanScore: z.number(), answer: z.string() });
type Labelled = z.infer<typeof Labelled>;

const Summary = z.object({
  lines: z.number(),
  graded: z.number(),
  failed: z.number(),
  invalid: z.number(),
  retries: z.number(),
  drafted: z.number(),
  draftCacheHits: z.number(),
  agreement: z.object({ n: z.number(), pearson: z.number(), spearman: z.number(), mae: z.number(), qwk: z.number() }).nullable(),
  byKind: z.array(z.object({ kind: z.string(), n: z.number(), meanTotal: z.number().nullable(), meanHuman: z.number().nullable() })),
});

async function readJsonl<T>(path: string, schema: z.ZodType<T>): Promise<T[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => schema.parse(JSON.parse(l)));
}

const graded = (line: OutputLine): Graded => {
  if (!('total' in line)) throw new Error(`line ${line.id} failed: ${line.error}`);
  return line;
};

let dir: string;
let labelled: Labelled[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'grade-batch-'));
  labelled = await readJsonl(LABELLED, Labelled);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the labelled answer set', () => {
  it('has at least 60 lines over at least 10 bank questions, each question with every kind', async () => {
    const bank = await loadBank();
    const ids = new Set(bank.questions.map((q) => q.id));
    expect(labelled.length).toBeGreaterThanOrEqual(60);
    const byQuestion = new Map<string, Set<string>>();
    for (const l of labelled) {
      expect(ids.has(l.questionId), l.questionId).toBe(true);
      expect(l.humanScore).toBeGreaterThanOrEqual(0);
      expect(l.humanScore).toBeLessThanOrEqual(100);
      byQuestion.set(l.questionId, (byQuestion.get(l.questionId) ?? new Set()).add(l.kind));
    }
    expect(byQuestion.size).toBeGreaterThanOrEqual(10);
    const kinds = ['strong', 'partial', 'wrong', 'keywords', 'padded', 'injection', 'off-topic'];
    for (const [q, k] of byQuestion) expect([...k], q).toEqual(expect.arrayContaining(kinds));
    expect(new Set(labelled.map((l) => l.id)).size).toBe(labelled.length);
  });
});

describe('grade-batch CLI, offline, as a child process', () => {
  let out: Graded[];
  let summary: z.infer<typeof Summary>;

  beforeAll(async () => {
    const outPath = join(dir, 'labelled.out.jsonl');
    const run = await runCliProcess(['--input', LABELLED, '--out', outPath, '--grader', 'offline']);
    expect(run.stderr).toContain('agreement with humanScore');
    expect(run.code).toBe(0);
    summary = Summary.parse(JSON.parse(run.stdout));
    out = (await readJsonl(outPath, OutputLine)).map(graded);
  }, 60_000);

  it('writes one valid output line per input line, in input order', () => {
    expect(out.map((o) => o.id)).toEqual(labelled.map((l) => l.id));
    for (const o of out) {
      expect(o.grader).toBe('offline');
      expect(o.criteria.length).toBeGreaterThanOrEqual(4);
      const answer = labelled.find((l) => l.id === o.id)?.answer ?? '';
      for (const c of o.criteria) for (const q of c.evidence) expect(answer).toContain(q);
    }
    expect(summary).toMatchObject({ lines: labelled.length, graded: labelled.length, failed: 0, invalid: 0, drafted: 0 });
  });

  it('agrees with the human labels above measured floors (measured: Pearson 0.919, Spearman 0.769, MAE 9.5, QWK 0.887)', () => {
    const a = summary.agreement;
    expect(a?.n).toBe(labelled.length);
    expect(a?.pearson).toBeGreaterThanOrEqual(0.82);
    expect(a?.spearman).toBeGreaterThanOrEqual(0.67);
    expect(a?.qwk).toBeGreaterThanOrEqual(0.79);
    expect(a?.mae).toBeLessThanOrEqual(14);
  });

  it('scores keyword lists, padding, injections and off-topic answers low, and strong answers high', () => {
    const totals = (kind: string) => out.filter((_, i) => labelled[i]?.kind === kind).map((o) => o.total ?? 0);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const strong = totals('strong');
    expect(mean(strong)).toBeGreaterThanOrEqual(85);
    for (const kind of ['keywords', 'padded', 'injection', 'off-topic']) {
      const t = totals(kind);
      expect(t.length).toBeGreaterThanOrEqual(10);
      expect(mean(t), kind).toBeLessThanOrEqual(25);
      for (const x of t) expect(x, kind).toBeLessThanOrEqual(35);
      expect(Math.max(...t), kind).toBeLessThan(Math.min(...strong));
    }
    for (const x of totals('off-topic')) expect(x).toBeLessThanOrEqual(10);
    out.forEach((o, i) => {
      if (labelled[i]?.kind === 'keywords') expect(o.flags, String(o.id)).toContain('keyword_stuffing');
      if (labelled[i]?.kind === 'injection') expect(o.flags, String(o.id)).toContain('prompt_injection');
    });
    const kinds = Object.fromEntries(summary.byKind.map((k) => [k.kind, k]));
    expect(kinds.strong?.n).toBe(strong.length);
  });
});

describe('grade-batch CLI with drafted rubrics (question + referenceAnswer, no questionId)', () => {
  it('drafts one rubric per question, reuses it, and still agrees with the labels (measured: Pearson 0.825, Spearman 0.564, MAE 14.3, QWK 0.674)', async () => {
    const bank = await loadBank();
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    const inPath = join(dir, 'drafted.in.jsonl');
    const outPath = join(dir, 'drafted.out.jsonl');
    const lines = labelled.map(({ questionId, ...rest }) => {
      const q = byId.get(questionId);
      if (!q) throw new Error(questionId);
      return JSON.stringify({ ...rest, question: q.prompt, referenceAnswer: q.referenceAnswer });
    });
    await writeFile(inPath, `${lines.join('\n')}\n`);
    const run = await runCliProcess(['--input', inPath, '--out', outPath]);
    expect(run.code).toBe(0);
    const summary = Summary.parse(JSON.parse(run.stdout));
    const questionCount = new Set(labelled.map((l) => l.questionId)).size;
    expect(summary).toMatchObject({ graded: labelled.length, drafted: questionCount, draftCacheHits: labelled.length - questionCount });
    const out = (await readJsonl(outPath, OutputLine)).map(graded);
    expect(out.map((o) => o.id)).toEqual(labelled.map((l) => l.id));
    const a = summary.agreement;
    expect(a?.pearson).toBeGreaterThanOrEqual(0.72);
    expect(a?.spearman).toBeGreaterThanOrEqual(0.46);
    expect(a?.qwk).toBeGreaterThanOrEqual(0.57);
    expect(a?.mae).toBeLessThanOrEqual(19);
  }, 60_000);
});

describe('grade-batch CLI input handling', () => {
  it('reports bad lines with their line numbers, skips them, and writes {id, error} for ungradable ones', async () => {
    const first = labelled[0] as Labelled;
    const inPath = join(dir, 'mixed.in.jsonl');
    const outPath = join(dir, 'mixed.out.jsonl');
    await writeFile(
      inPath,
      [
        JSON.stringify({ id: 'ok-1', questionId: first.questionId, answer: first.answer }),
        '',
        '{"id": "broken", ',
        JSON.stringify({ id: 'no-answer', questionId: first.questionId }),
        JSON.stringify({ id: 'unknown', questionId: 'no-such-question', answer: 'x' }),
        '   ',
        JSON.stringify({
          id: 'too-short',
          question: 'What is a pod in Kubernetes?',
          referenceAnswer: 'A group of containers.',
          answer: 'x',
        }),
        JSON.stringify({ id: 'ok-2', questionId: first.questionId, answer: '' }),
      ].join('\n'),
    );
    const run = await runCliProcess(['--input', inPath, '--out', outPath, '--concurrency', '3']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line 3: invalid input, skipped: invalid JSON/);
    expect(run.stderr).toMatch(/line 4: invalid input, skipped: answer:/);
    expect(run.stderr).toMatch(/line 5 \(id "unknown"\): RubricResolveError: unknown questionId "no-such-question"/);
    const out = await readJsonl(outPath, OutputLine);
    expect(out.map((o) => o.id)).toEqual(['ok-1', 'unknown', 'too-short', 'ok-2']);
    expect(out[1]).toEqual({ id: 'unknown', error: 'RubricResolveError: unknown questionId "no-such-question"' });
    expect(out[2]).toMatchObject({ id: 'too-short', error: expect.stringMatching(/^DraftError: the reference answer is too short/) });
    expect(out[3]).toMatchObject({ id: 'ok-2', total: 0, flags: ['empty_answer'] });
    expect(Summary.parse(JSON.parse(run.stdout))).toMatchObject({ lines: 6, graded: 2, failed: 2, invalid: 2, agreement: null });
  }, 60_000);

  it('exits 1 with usage on bad arguments, a missing file, or LLM mode without LLM_MODEL', async () => {
    const noOut = await runCliProcess(['--input', LABELLED]);
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toContain('--out is required');
    expect(noOut.stderr).toContain('Usage: pnpm grade-batch');
    const missing = await runCliProcess(['--input', join(dir, 'nope.jsonl'), '--out', join(dir, 'x.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.jsonl');
    const llm = await runCliProcess(['--input', LABELLED, '--out', join(dir, 'x.jsonl'), '--grader', 'llm']);
    expect(llm.code).toBe(1);
    expect(llm.stderr).toContain('LLM_MODEL is required');
  }, 60_000);

  it('grades a generated 3,000-line file in bounded time, in order, with the same totals as the labelled run', async () => {
    const inPath = join(dir, 'bulk.in.jsonl');
    const outPath = join(dir, 'bulk.out.jsonl');
    const N = 3_000;
    const lines: string[] = [];
    for (let i = 0; i < N; i++) {
      const l = labelled[i % labelled.length] as Labelled;
      lines.push(JSON.stringify({ ...l, id: `bulk-${i}` }));
    }
    await writeFile(inPath, `${lines.join('\n')}\n`);
    const started = performance.now();
    const run = await runCliProcess(['--input', inPath, '--out', outPath, '--concurrency', '4']);
    const seconds = (performance.now() - started) / 1000;
    expect(run.code).toBe(0);
    const out = (await readJsonl(outPath, OutputLine)).map(graded);
    expect(out).toHaveLength(N);
    expect(out.map((o) => o.id)).toEqual(Array.from({ length: N }, (_, i) => `bulk-${i}`));
    // Same totals as the library gives in-process for the source line.
    const bank = await loadBank();
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    const expected = labelled.map((l) => {
      const q = byId.get(l.questionId);
      if (!q) throw new Error(l.questionId);
      return gradeOffline({ question: q, rubric: q.rubric, answer: l.answer }).total;
    });
    out.forEach((o, i) => {
      expect(o.total).toBe(expected[i % expected.length]);
    });
    expect(Summary.parse(JSON.parse(run.stdout)).agreement?.n).toBe(N);
    expect(seconds).toBeLessThan(100);
  }, 120_000);
});

describe('grade-batch CLI, LLM mode, against a loopback OpenAI-compatible server', () => {
  const QUESTION = 'Why would you gate a slow dependency check behind a readiness probe rather than a liveness probe in Kubernetes?';
  const REFERENCE =
    'A readiness probe decides whether the pod receives traffic: while it fails, the endpoints controller removes the pod IP from the Service endpoints, and nothing is restarted. ' +
    'A liveness probe that fails makes the kubelet kill and restart the container, so a slow or broken dependency would cause a restart loop for a problem a restart cannot fix. ' +
    'Slow starts belong in a startup probe, which holds off the other probes until the app is up. ' +
    'Dependency checks in readiness should be cheap and time-bounded, and a shared dependency outage can take every replica out of rotation at once.';
  const DRAFT_REPLY = {
    criteria: [
      ['Traffic gating', 3, 'Readiness failing removes the pod from Service endpoints without a restart.'],
      ['no-restart', 2, 'A failing liveness probe restarts the container, which cannot fix a dependency.'],
      ['Startup', 1, 'A startup probe covers slow starts.'],
      ['dependency-checks', 2, 'Dependency checks must be cheap and can remove all replicas at once.'],
    ].map(([key, weight, point]) => ({
      key,
      title: `${key} title`,
      weight,
      assesses: `Whether the answer explains: ${point}`,
      levels: {
        '0': 'Nothing relevant about this aspect.',
        '1': 'Names the idea without explaining it.',
        '2': 'Explains part of the idea correctly.',
        '3': 'Explains the idea with a minor gap.',
        '4': `Fully explains: ${point}`,
      },
      keyPoints: [{ id: `${key} point`, point, synonyms: [String(key).toLowerCase(), 'probe'] }],
      redFlags: [],
    })),
  };
  const DRAFT_KEYS = ['traffic-gating', 'no-restart', 'startup', 'dependency-checks'];

  const A1 =
    'While the readiness probe fails the pod is taken out of the Service endpoints, so it gets no traffic. It is never restarted for that, unlike with a liveness probe.';
  const A2 = 'Liveness probes are better because restarting fixes everything.';
  const BANK_ANSWER =
    'Terminating means deletionTimestamp is set. A finalizer is blocking it and --force cannot bypass finalizers. I would run kubectl get pod -o yaml first.';
  const FAIL_ANSWER = 'This one makes the provider reject the request.';

  function gradeReply(keys: string[], spec: Record<string, { score: number | null; evidence: string[] }>): ScriptedReply {
    return completion(
      JSON.stringify({
        criteria: keys.map((key) => ({
          key,
          evidence: spec[key]?.evidence ?? [],
          reasoning: `Reasoning for ${key}.`,
          score: spec[key] ? spec[key].score : 0,
        })),
        strengths: ['s'],
        improvements: ['i'],
        keyPointsCovered: [],
        keyPointsMissed: [],
        flags: { promptInjection: false, offTopic: false, wrongLanguage: false },
      }),
    );
  }

  let server: FakeOpenAI;
  const calls = { draft: 0, bankAnswer: 0 };
  beforeAll(async () => {
    const bank = await loadBank();
    const bankKeys = (bank.questions.find((q) => q.id === 'stuck-terminating-pod')?.rubric.criteria ?? []).map((c) => c.key);
    server = await new FakeOpenAI().start();
    server.always((req: RecordedRequest): ScriptedReply => {
      if (req.body.response_format?.json_schema?.name === 'rubric_draft') {
        calls.draft++;
        return completion(JSON.stringify(DRAFT_REPLY));
      }
      const user: string = req.body.messages.at(-1).content;
      if (user.includes(A1)) {
        return gradeReply(DRAFT_KEYS, {
          'traffic-gating': { score: 4, evidence: ['the pod is taken out of the Service endpoints'] },
          'no-restart': { score: 3, evidence: ['It is never restarted for that, unlike with a liveness probe.'] },
          startup: { score: 2, evidence: ['a quote the candidate never wrote'] },
          'dependency-checks': { score: null, evidence: [] },
        });
      }
      if (user.includes(A2)) return gradeReply(DRAFT_KEYS, {});
      if (user.includes(BANK_ANSWER)) {
        calls.bankAnswer++;
        if (calls.bankAnswer === 1) return apiError(429, 'Rate limit reached', { 'retry-after-ms': '50' });
        return gradeReply(bankKeys, {
          'deletion-mechanics': { score: 2, evidence: ['Terminating means deletionTimestamp is set.'] },
          finalizers: { score: 4, evidence: ['--force cannot bypass finalizers'] },
          intervention: { score: 2, evidence: ['kubectl get pod -o yaml'] },
        });
      }
      if (user.includes(FAIL_ANSWER)) return apiError(400, 'Invalid request: the model does not exist');
      return apiError(500, 'unexpected request');
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('drafts a rubric once for lines without questionId, grades every line with the real openai client, retries 429s', async () => {
    const inPath = join(dir, 'llm.in.jsonl');
    const outPath = join(dir, 'llm.out.jsonl');
    await writeFile(
      inPath,
      [
        { id: 'draft-a', question: QUESTION, referenceAnswer: REFERENCE, answer: A1, humanScore: 80 },
        { id: 'draft-b', question: QUESTION, referenceAnswer: REFERENCE, answer: A2, humanScore: 5 },
        { id: 'bank-1', questionId: 'stuck-terminating-pod', answer: BANK_ANSWER, humanScore: 60 },
        { id: 'bank-fail', questionId: 'stuck-terminating-pod', answer: FAIL_ANSWER, humanScore: 50 },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const env = cleanEnv({ LLM_BASE_URL: server.baseURL, LLM_API_KEY: 'test-key', LLM_MODEL: 'test-model' });
    const run = await runCliProcess(['--input', inPath, '--out', outPath, '--grader', 'llm', '--concurrency', '3'], env);

    expect(run.code, run.stderr).toBe(2);
    const summary = Summary.parse(JSON.parse(run.stdout));
    expect(summary).toMatchObject({ lines: 4, graded: 3, failed: 1, invalid: 0, retries: 1, drafted: 1, draftCacheHits: 1 });
    expect(summary.agreement?.n).toBe(3);
    expect(run.stderr).toContain('grade-batch (llm test-model)');
    expect(run.stderr).toMatch(/line 4 \(id "bank-fail"\): PermanentGradeError: provider rejected the request \(400\)/);

    // One draft request (shared by two concurrent lines), in structured-output mode, question and reference as delimited data.
    expect(calls.draft).toBe(1);
    const draftReq = server.requests.find((r) => r.body.response_format?.json_schema?.name === 'rubric_draft');
    expect(draftReq?.headers.authorization).toBe('Bearer test-key');
    expect(draftReq?.body.model).toBe('test-model');
    expect(draftReq?.body.messages.at(-1).content).toContain(REFERENCE);

    // Grading requests for drafted lines carry the drafted (normalised) rubric in the stable system prefix.
    const gradeReqs = server.requests.filter((r) => r.body.response_format?.json_schema?.name === 'interview_grade');
    const a1Req = gradeReqs.find((r) => String(r.body.messages.at(-1).content).includes(A1));
    const system: string = a1Req?.body.messages[0].content;
    expect(system).toContain('## Criterion `traffic-gating`');
    expect(system).toContain('Fully explains: Readiness failing removes the pod');
    expect(system).toContain(REFERENCE);
    // The bank line was rate-limited once (429, retry-after-ms 50) and retried once by the batch.
    expect(gradeReqs.filter((r) => String(r.body.messages.at(-1).content).includes(BANK_ANSWER))).toHaveLength(2);
    expect(calls.bankAnswer).toBe(2);

    const out = await readJsonl(outPath, OutputLine);
    expect(out.map((o) => o.id)).toEqual(['draft-a', 'draft-b', 'bank-1', 'bank-fail']);
    const a = graded(out[0] as OutputLine);
    expect(a.grader).toBe('llm');
    expect(a.criteria.map((c) => c.key)).toEqual(DRAFT_KEYS);
    // Evidence is verified against the answer: the invented quote is dropped and flagged.
    expect(a.criteria.find((c) => c.key === 'traffic-gating')?.evidence).toEqual(['the pod is taken out of the Service endpoints']);
    expect(a.criteria.find((c) => c.key === 'startup')?.evidence).toEqual([]);
    expect(a.flags).toEqual(expect.arrayContaining(['unverified_evidence', 'needs_human_review']));
    // The total is ours: the weighted mean over the drafted weights (3, 2, 1, 2), null criteria left out.
    const weights = { criteria: DRAFT_KEYS.map((key, i) => ({ key, weight: [3, 2, 1, 2][i] })) };
    expect(a.total).toBe(weightedTotal(weights as never, a.criteria));
    expect(a.criteria.find((c) => c.key === 'dependency-checks')?.score).toBeNull();
    expect(graded(out[1] as OutputLine).total).toBe(0);
    const bankLine = graded(out[2] as OutputLine);
    expect(bankLine.criteria.map((c) => c.key)).toEqual(['deletion-mechanics', 'finalizers', 'node-and-runtime-causes', 'intervention']);
    expect(bankLine.total).toBeGreaterThan(0);
    expect(out[3]).toEqual({ id: 'bank-fail', error: expect.stringContaining('PermanentGradeError: provider rejected the request (400)') });
  }, 60_000);
});
