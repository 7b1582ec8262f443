import type { CriterionGrade, RubricDefinition } from '@interview/contracts';
import type {
  Agreement,
  Comparison,
  DecisionRecord,
  InterviewResults,
  InterviewSummary,
  OrgReport,
  Transcript,
} from '@interview/contracts/api';
import { quadraticWeightedKappa, weightedTotal } from '@interview/grader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createOrg, invite, type Org, TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi } from './support/harness';
import { createInterview, type InterviewFixture } from './support/interview-fixture';

type TranscriptBody = z.infer<typeof Transcript>;

const WEAK = 'I am not sure. Maybe restart it and see if that helps.';
const FORMULA = '=HYPERLINK("http://evil.example","click"), then "quoted", and\na second line';

async function referenceAnswers(api: TestApi): Promise<string[]> {
  const rows = await api.sql<{ reference_answer: string }>(
    `select q.reference_answer from app.template_questions tq join app.interview_templates t on t.id = tq.template_id
     join app.questions q on q.id = tq.question_id where t.slug = 'warm-up' and t.org_id is null order by tq.position`,
  );
  return rows.map((r) => r.reference_answer);
}

async function storedGrade(api: TestApi, gradeId: string) {
  const [row] = await api.sql<{ criteria: CriterionGrade[]; total: number | null; rubric_version_id: string }>(
    'select criteria, total, rubric_version_id from app.grades where id = $1',
    [gradeId],
  );
  const [rubric] = await api.sql<{ definition: RubricDefinition; rubric_id: string }>(
    'select definition, rubric_id from app.rubric_versions where id = $1',
    [row!.rubric_version_id],
  );
  return { ...row!, definition: rubric!.definition, rubricId: rubric!.rubric_id };
}

/** A criterion the AI scored, and a reviewer score at least two levels away from it. */
function pickCriterion(criteria: CriterionGrade[]) {
  const c = criteria.find((x) => x.score !== null)!;
  return { key: c.key, ai: c.score!, other: c.score! <= 1 ? 4 : 0 };
}

const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;

/** A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (ch === '"' || ch === '\n' || ch === '\r') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    else field += ch;
    i++;
  }
  if (quoted || field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

describe.each(apiProfiles)('reviewer API: overrides, decisions, releases, comparison, exports, agreement (%s)', (profile) => {
  let api: TestApi;
  let acme: Org;
  let other: Org;
  let refs: string[];
  let practice: InterviewFixture;
  let assessment: InterviewFixture;
  let running: InterviewFixture;
  let foreign: InterviewFixture;

  beforeAll(async () => {
    api = await bootApi(profile);
    acme = await createOrg(api.server, 'Acme Actions');
    other = await createOrg(api.server, 'Other Actions');
    refs = await referenceAnswers(api);
    practice = await createInterview(api, {
      orgId: acme.owner.orgId,
      candidateId: acme.candidate.userId,
      answers: [refs[0]!, WEAK, refs[2]!],
    });
    assessment = await createInterview(api, {
      orgId: acme.owner.orgId,
      candidateId: acme.candidate.userId,
      mode: 'assessment',
      answers: [refs[0]!, refs[1]!, WEAK],
    });
    running = await createInterview(api, {
      orgId: acme.owner.orgId,
      candidateId: acme.candidate.userId,
      mode: 'assessment',
      status: 'in_progress',
      answers: [refs[0]!, null, null],
    });
    foreign = await createInterview(api, { orgId: other.owner.orgId, candidateId: other.candidate.userId, answers: [WEAK] });
  });
  afterAll(async () => api?.close());

  it('overrides a criterion without touching the AI score; the latest override wins and totals follow', async () => {
    const item = practice.items[0]!;
    const before = await storedGrade(api, item.gradeId!);
    const { key, ai, other: first } = pickCriterion(before.criteria);
    const url = `/api/review/grades/${item.gradeId}/overrides`;

    const res1 = await acme.reviewer.ok<{
      override: { aiScore: number; score: number; reviewerId: string };
      aiTotal: number;
      total: number;
    }>(
      acme.reviewer.post(url, { criterionKey: key, score: first, reason: 'The answer explains this clearly in its second paragraph.' }),
      201,
    );
    const scoresWith = (score: number) => before.criteria.map((c) => (c.key === key ? { key, score } : c));
    expect(res1.override).toMatchObject({ aiScore: ai, score: first, reviewerId: acme.reviewer.userId });
    expect(res1.aiTotal).toBe(before.total);
    expect(res1.total).toBe(weightedTotal(before.definition, scoresWith(first)));
    expect(res1.total).not.toBe(before.total);

    const res2 = await acme.admin.ok<{ total: number; interviewTotal: number }>(
      acme.admin.post(url, { criterionKey: key, score: 2, reason: '  On reflection this is a partial answer.  ' }),
      201,
    );
    const q1 = weightedTotal(before.definition, scoresWith(2))!;
    expect(res2.total).toBe(q1);
    const others = await api.sql<{ total: number }>(
      'select total from app.grades where id = any($1::uuid[]) order by array_position($1::uuid[], id)',
      [[practice.items[1]!.gradeId, practice.items[2]!.gradeId]],
    );
    expect(res2.interviewTotal).toBe(mean([q1, ...others.map((o) => o.total)]));

    // The AI's own scores and total are stored untouched; overrides are separate rows.
    const after = await storedGrade(api, item.gradeId!);
    expect(after.criteria).toEqual(before.criteria);
    expect(after.total).toBe(before.total);
    const rows = await api.sql<{ score: number; ai_score: number; reason: string }>(
      'select score, ai_score, reason from app.score_overrides where grade_id = $1 order by created_at',
      [item.gradeId],
    );
    expect(rows).toEqual([
      { score: first, ai_score: ai, reason: 'The answer explains this clearly in its second paragraph.' },
      { score: 2, ai_score: ai, reason: 'On reflection this is a partial answer.' },
    ]);

    const t = await acme.reviewer.ok<TranscriptBody>(acme.reviewer.get(`/api/review/interviews/${practice.interviewId}/transcript`));
    const criterion = t.questions[0]!.grade!.criteria.find((c) => c.key === key)!;
    expect(criterion).toMatchObject({ aiScore: ai, score: 2, override: { score: 2, aiScore: ai, reviewer: { id: acme.admin.userId } } });
    expect(criterion.overrideHistory).toMatchObject([{ score: first, reviewer: { id: acme.reviewer.userId } }]);
    expect(t.questions[0]!.grade).toMatchObject({ aiTotal: before.total, total: q1 });
    expect(t.total).toBe(res2.interviewTotal);

    const results = await acme.candidate.ok<z.infer<typeof InterviewResults>>(
      acme.candidate.get(`/api/interviews/${practice.interviewId}/results`),
    );
    expect(results.questions[0]!.grade!.criteria.find((c) => c.key === key)).toMatchObject({ score: ai, overriddenScore: 2 });
    expect(results.questions[0]!.grade!.total).toBe(q1);
    expect(results.total).toBe(res2.interviewTotal);
    const list = await acme.reviewer.ok<z.infer<typeof InterviewSummary>[]>(acme.reviewer.get('/api/interviews'));
    expect(list.find((s) => s.id === practice.interviewId)?.total).toBe(res2.interviewTotal);

    const audit = await api.sql<{ actor_id: string; data: { criterionKey: string; score: number; aiScore: number } }>(
      "select actor_id, data from app.audit_log where action = 'grade.override' and target_id = $1 order by id",
      [item.gradeId],
    );
    expect(audit.map((a) => [a.actor_id, a.data.criterionKey, a.data.score, a.data.aiScore])).toEqual([
      [acme.reviewer.userId, key, first, ai],
      [acme.admin.userId, key, 2, ai],
    ]);
  });

  it('refuses bad overrides: 400 body or unknown criterion, 401, 403 role or CSRF, 404 other organisation; nothing stored', async () => {
    const item = practice.items[1]!;
    const url = `/api/review/grades/${item.gradeId}/overrides`;
    const { definition } = await storedGrade(api, item.gradeId!);
    const key = definition.criteria[0]!.key;
    const good = { criterionKey: key, score: 3, reason: 'Fair enough' };
    for (const body of [
      { ...good, score: 5 },
      { ...good, score: -1 },
      { ...good, score: 2.5 },
      { ...good, score: '3' },
      { ...good, reason: 'ab' },
      { ...good, reason: '   ab   ' },
      { ...good, reason: 'x'.repeat(2001) },
      { criterionKey: key, score: 3 },
      { ...good, criterionKey: '' },
    ]) {
      const res = await acme.reviewer.post(url, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    const unknown = await acme.reviewer.post(url, { ...good, criterionKey: 'no-such-criterion' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'bad_request', details: { criteria: definition.criteria.map((c) => c.key) } });

    expect((await acme.candidate.post(url, good)).statusCode).toBe(403);
    expect((await other.reviewer.post(url, good)).statusCode).toBe(404);
    expect((await acme.reviewer.post(`/api/review/grades/${foreign.items[0]!.gradeId}/overrides`, good)).statusCode).toBe(404);
    expect((await acme.reviewer.post(`/api/review/grades/${crypto.randomUUID()}/overrides`, good)).statusCode).toBe(404);
    expect((await acme.reviewer.post('/api/review/grades/not-a-grade/overrides', good)).statusCode).toBe(400);
    expect((await new TestClient(api.server).post(url, good)).statusCode).toBe(401);
    const noCsrf = await api.server.inject({ method: 'POST', url, headers: { cookie: acme.reviewer.cookie! }, payload: good });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_invalid');
    const stored = await api.sql('select 1 from app.score_overrides where grade_id = any($1::uuid[])', [
      [item.gradeId, foreign.items[0]!.gradeId],
    ]);
    expect(stored).toEqual([]);
  });

  it('records one decision per reviewer, replaces it on a second call, and audits each', async () => {
    const url = `/api/review/interviews/${assessment.interviewId}/decision`;
    const first = await acme.reviewer.ok<z.infer<typeof DecisionRecord>>(
      acme.reviewer.put(url, { decision: 'yes', notes: 'Solid on probes.' }),
    );
    expect(first).toMatchObject({
      interviewId: assessment.interviewId,
      decision: 'yes',
      notes: 'Solid on probes.',
      reviewer: { id: acme.reviewer.userId, email: acme.reviewer.session!.user.email },
    });
    const again = await acme.reviewer.ok<z.infer<typeof DecisionRecord>>(acme.reviewer.put(url, { decision: 'strong_yes' }));
    expect(again).toMatchObject({ id: first.id, decision: 'strong_yes', notes: '', createdAt: first.createdAt });
    expect(Date.parse(again.updatedAt)).toBeGreaterThanOrEqual(Date.parse(first.updatedAt));
    const admin = await acme.admin.ok<z.infer<typeof DecisionRecord>>(acme.admin.put(url, { decision: 'mixed', notes: 'n'.repeat(5000) }));
    expect(admin.id).not.toBe(first.id);

    const rows = await api.sql<{ reviewer_id: string; decision: string }>(
      'select reviewer_id, decision from app.decisions where interview_id = $1 order by decision',
      [assessment.interviewId],
    );
    expect(rows).toEqual([
      { reviewer_id: acme.admin.userId, decision: 'mixed' },
      { reviewer_id: acme.reviewer.userId, decision: 'strong_yes' },
    ]);
    const t = await acme.reviewer.ok<TranscriptBody>(acme.reviewer.get(`/api/review/interviews/${assessment.interviewId}/transcript`));
    expect(t.decisions.map((d) => d.decision)).toEqual(['mixed', 'strong_yes']);
    const list = await acme.reviewer.ok<z.infer<typeof InterviewSummary>[]>(acme.reviewer.get('/api/interviews'));
    expect(list.find((s) => s.id === assessment.interviewId)?.decision).toBe('mixed');
    // The candidate never sees the hiring decision.
    const own = await acme.candidate.ok<z.infer<typeof InterviewSummary>[]>(acme.candidate.get('/api/interviews'));
    expect(own.find((s) => s.id === assessment.interviewId)?.decision).toBeNull();
    const audit = await api.sql<{ data: { decision: string } }>(
      "select data from app.audit_log where action = 'interview.decision' and target_id = $1 order by id",
      [assessment.interviewId],
    );
    expect(audit.map((a) => a.data.decision)).toEqual(['yes', 'strong_yes', 'mixed']);
  });

  it('refuses bad decisions: 400 body, 401, 403 candidate, 404 other organisation', async () => {
    const url = `/api/review/interviews/${practice.interviewId}/decision`;
    for (const body of [{ decision: 'maybe' }, {}, { decision: 'yes', notes: 'n'.repeat(5001) }, { decision: 'yes', notes: 5 }]) {
      expect((await acme.reviewer.put(url, body)).statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    expect((await acme.candidate.put(url, { decision: 'yes' })).statusCode).toBe(403);
    expect((await new TestClient(api.server).put(url, { decision: 'yes' })).statusCode).toBe(401);
    expect((await other.reviewer.put(url, { decision: 'yes' })).statusCode).toBe(404);
    expect((await acme.reviewer.put(`/api/review/interviews/${foreign.interviewId}/decision`, { decision: 'no' })).statusCode).toBe(404);
    expect((await acme.reviewer.put('/api/review/interviews/x/decision', { decision: 'no' })).statusCode).toBe(400);
    expect(
      await api.sql('select 1 from app.decisions where interview_id = any($1::uuid[])', [[practice.interviewId, foreign.interviewId]]),
    ).toEqual([]);
  });

  it('releases a finished assessment once (idempotent, audited once); the candidate then sees results', async () => {
    const results = `/api/interviews/${assessment.interviewId}/results`;
    expect((await acme.candidate.get(results)).statusCode).toBe(403);
    const url = `/api/review/interviews/${assessment.interviewId}/release`;
    const first = await acme.reviewer.ok<{ interviewId: string; resultsReleasedAt: string }>(acme.reviewer.post(url));
    expect(first.interviewId).toBe(assessment.interviewId);
    const again = await acme.admin.ok<{ resultsReleasedAt: string }>(acme.admin.post(url));
    expect(again.resultsReleasedAt).toBe(first.resultsReleasedAt);
    const [row] = await api.sql<{ results_released_at: Date }>('select results_released_at from app.interviews where id = $1', [
      assessment.interviewId,
    ]);
    expect(row!.results_released_at.toISOString()).toBe(first.resultsReleasedAt);
    const audit = await api.sql("select actor_id from app.audit_log where action = 'interview.release' and target_id = $1", [
      assessment.interviewId,
    ]);
    expect(audit).toEqual([{ actor_id: acme.reviewer.userId }]);

    const seen = await acme.candidate.ok<z.infer<typeof InterviewResults>>(acme.candidate.get(results));
    expect(seen.complete).toBe(true);
    const own = await acme.candidate.ok<z.infer<typeof InterviewSummary>[]>(acme.candidate.get('/api/interviews'));
    expect(own.find((s) => s.id === assessment.interviewId)).toMatchObject({
      total: seen.total,
      resultsReleasedAt: first.resultsReleasedAt,
    });
  });

  it('refuses to release an unfinished interview (409) and answers 400/401/403/404 like the rest', async () => {
    const url = `/api/review/interviews/${running.interviewId}/release`;
    const res = await acme.reviewer.post(url);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('interview_not_finished');
    const [row] = await api.sql<{ results_released_at: Date | null }>('select results_released_at from app.interviews where id = $1', [
      running.interviewId,
    ]);
    expect(row!.results_released_at).toBeNull();
    expect((await acme.candidate.post(`/api/review/interviews/${assessment.interviewId}/release`)).statusCode).toBe(403);
    expect((await new TestClient(api.server).post(url)).statusCode).toBe(401);
    expect((await acme.reviewer.post(`/api/review/interviews/${foreign.interviewId}/release`)).statusCode).toBe(404);
    expect((await other.admin.post(`/api/review/interviews/${assessment.interviewId}/release`)).statusCode).toBe(404);
    expect((await acme.reviewer.post('/api/review/interviews/nope/release')).statusCode).toBe(400);
    const [theirs] = await api.sql<{ results_released_at: Date | null }>('select results_released_at from app.interviews where id = $1', [
      foreign.interviewId,
    ]);
    expect(theirs!.results_released_at).toBeNull();
  });

  it('compares the organisation’s interviews on a template, question by question in template order', async () => {
    const cmp = await acme.reviewer.ok<z.infer<typeof Comparison>>(
      acme.reviewer.get(`/api/review/compare?templateId=${practice.templateId}`),
    );
    const [templateQs] = await api.sql<{ ids: string[] }>(
      'select array_agg(question_id order by position) as ids from app.template_questions where template_id = $1',
      [practice.templateId],
    );
    expect(cmp.template).toMatchObject({ id: practice.templateId, name: 'Warm-up' });
    expect(cmp.template.questions.map((q) => q.questionId)).toEqual(templateQs!.ids);
    expect(cmp.candidates.map((c) => c.interviewId)).toEqual([practice.interviewId, assessment.interviewId, running.interviewId]);
    for (const f of [practice, assessment]) {
      const t = await acme.reviewer.ok<TranscriptBody>(acme.reviewer.get(`/api/review/interviews/${f.interviewId}/transcript`));
      const row = cmp.candidates.find((c) => c.interviewId === f.interviewId)!;
      expect(row.questionTotals).toEqual(t.questions.map((q) => q.grade!.total));
      expect(row.total).toBe(t.total);
      expect(row.flags.sort()).toEqual([...new Set(t.questions.flatMap((q) => q.grade!.flags))].sort());
    }
    const live = cmp.candidates.find((c) => c.interviewId === running.interviewId)!;
    expect(live.questionTotals).toHaveLength(3);
    expect(live.questionTotals.slice(1)).toEqual([null, null]);
    expect(live).toMatchObject({ total: null, status: 'in_progress', decision: null, decisions: [] });
    const decided = cmp.candidates.find((c) => c.interviewId === assessment.interviewId)!;
    expect(decided.decision).toBe('mixed');
    expect(decided.decisions.map((d) => d.decision).sort()).toEqual(['mixed', 'strong_yes']);
    expect(cmp.candidates.every((c) => c.candidate.id === acme.candidate.userId)).toBe(true);
  });

  it('refuses comparison without a usable template: 400, 404 for another organisation’s, 403 for candidates', async () => {
    const [priv] = await api.sql<{ id: string }>(
      "insert into app.interview_templates (org_id, slug, name, total_time_limit_sec) values ($1, 'private', 'Private', 600) returning id",
      [other.owner.orgId],
    );
    expect((await acme.reviewer.get(`/api/review/compare?templateId=${priv!.id}`)).statusCode).toBe(404);
    expect(
      (await other.reviewer.ok<{ candidates: unknown[] }>(other.reviewer.get(`/api/review/compare?templateId=${priv!.id}`))).candidates,
    ).toEqual([]);
    expect((await acme.reviewer.get(`/api/review/compare?templateId=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await acme.reviewer.get('/api/review/compare')).statusCode).toBe(400);
    expect((await acme.reviewer.get('/api/review/compare?templateId=warm-up')).statusCode).toBe(400);
    expect((await acme.candidate.get(`/api/review/compare?templateId=${practice.templateId}`)).statusCode).toBe(403);
    expect((await new TestClient(api.server).get(`/api/review/compare?templateId=${practice.templateId}`)).statusCode).toBe(401);
  });

  it('exports one interview as JSON and as RFC 4180 CSV with spreadsheet formulas neutralised', async () => {
    const mallory = await invite(api.server, acme.owner, 'candidate', '-Mallory, "the" =cmd');
    const tricky = await createInterview(api, {
      orgId: acme.owner.orgId,
      candidateId: mallory.userId,
      answers: [FORMULA, '+1 it is fast, and @everyone agrees', '@SUM(A1:A9)'],
    });
    const base = `/api/review/interviews/${tricky.interviewId}/export`;

    const json = await acme.reviewer.get(base);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json; charset=utf-8/);
    expect(json.headers['content-disposition']).toBe(`attachment; filename="interview-${tricky.interviewId}.json"`);
    const transcript = await acme.reviewer.ok<TranscriptBody>(acme.reviewer.get(`/api/review/interviews/${tricky.interviewId}/transcript`));
    expect(json.json()).toEqual(transcript);

    const csv = await acme.reviewer.get(`${base}?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="interview-${tricky.interviewId}.csv"`);
    // Quotes are doubled inside a quoted field that keeps its line break.
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), then ""quoted"", and\na second line"`);
    const [header, ...rows] = parseCsv(csv.body);
    const col = (name: string) => header!.indexOf(name);
    expect(header).toEqual(
      expect.arrayContaining(['interview_id', 'candidate_name', 'criterion_key', 'ai_score', 'final_score', 'answer']),
    );
    expect(rows).toHaveLength(transcript.questions.reduce((n, q) => n + q.grade!.criteria.length, 0));
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
    expect(new Set(rows.map((r) => r[col('candidate_name')]))).toEqual(new Set(['\'-Mallory, "the" =cmd']));
    const answers = [...new Set(rows.map((r) => r[col('answer')]))];
    expect(answers).toEqual([`'${FORMULA}`, "'+1 it is fast, and @everyone agrees", "'@SUM(A1:A9)"]);
    // Numbers stay numbers: scores are written bare.
    const first = transcript.questions[0]!.grade!.criteria[0]!;
    expect(rows[0]![col('criterion_key')]).toBe(first.key);
    expect(rows[0]![col('ai_score')]).toBe(first.aiScore === null ? '' : String(first.aiScore));
    expect(rows[0]![col('question_total')]).toBe(String(transcript.questions[0]!.grade!.total ?? ''));
  });

  it('exports the organisation’s interviews, all or one template with a column per question', async () => {
    const res = await acme.admin.get(`/api/review/export?templateId=${practice.templateId}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="interviews-${practice.templateId}.csv"`);
    const [header, ...rows] = parseCsv(res.body);
    const cmp = await acme.reviewer.ok<z.infer<typeof Comparison>>(
      acme.reviewer.get(`/api/review/compare?templateId=${practice.templateId}`),
    );
    expect(header!.slice(-3)).toEqual(cmp.template.questions.map((q, n) => `Q${n + 1} ${q.title}`));
    expect(rows.map((r) => r[0])).toEqual(cmp.candidates.map((c) => c.interviewId));
    const total = header!.indexOf('total');
    for (const [n, c] of cmp.candidates.entries()) {
      expect(rows[n]![total]).toBe(c.total === null ? '' : String(c.total));
      expect(rows[n]!.slice(-3)).toEqual(c.questionTotals.map((t) => (t === null ? '' : String(t))));
    }

    const all = await acme.reviewer.get('/api/review/export');
    expect(all.headers['content-type']).toMatch(/^application\/json/);
    expect(all.headers['content-disposition']).toBe('attachment; filename="interviews-all.json"');
    const report = all.json() as z.infer<typeof OrgReport>;
    const ids = await api.sql<{ id: string }>('select id from app.interviews where org_id = $1 order by created_at', [acme.owner.orgId]);
    expect(report.template).toBeNull();
    expect(report.interviews.map((i) => i.interviewId)).toEqual(ids.map((r) => r.id));
    expect(report.interviews.every((i) => i.questionTotals.length === 0)).toBe(true);
    expect(report.interviews.map((i) => i.interviewId)).not.toContain(foreign.interviewId);
  });

  it('refuses exports with a bad format (400), to candidates (403), across organisations (404) and anonymously (401)', async () => {
    expect((await acme.reviewer.get(`/api/review/interviews/${practice.interviewId}/export?format=xml`)).statusCode).toBe(400);
    expect((await acme.reviewer.get('/api/review/export?format=xlsx')).statusCode).toBe(400);
    expect((await acme.reviewer.get(`/api/review/interviews/${foreign.interviewId}/export?format=csv`)).statusCode).toBe(404);
    expect((await acme.reviewer.get(`/api/review/export?templateId=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await acme.candidate.get(`/api/review/interviews/${practice.interviewId}/export`)).statusCode).toBe(403);
    expect((await acme.candidate.get('/api/review/export')).statusCode).toBe(403);
    expect((await new TestClient(api.server).get('/api/review/export')).statusCode).toBe(401);
  });

  it('measures AI-vs-reviewer agreement per rubric on reviewed interviews only', async () => {
    const team = await createOrg(api.server, 'Calibration Team');
    const get = (qs = '') => team.reviewer.ok<z.infer<typeof Agreement>>(team.reviewer.get(`/api/review/agreement${qs}`));
    const reviewed = await createInterview(api, { orgId: team.owner.orgId, candidateId: team.candidate.userId, answers: refs });
    await createInterview(api, { orgId: team.owner.orgId, candidateId: team.candidate.userId, answers: [WEAK, WEAK, WEAK] });
    expect(await get()).toEqual({ overall: { n: 0, overridden: 0, exactRate: null, withinOneRate: null, qwk: null }, rubrics: [] });

    // A decision marks the interview reviewed: every AI-scored criterion counts as accepted. Acme's
    // reviews (earlier tests) are on the same built-in rubrics, so an exact n also proves they stay out.
    await team.reviewer.ok(team.reviewer.put(`/api/review/interviews/${reviewed.interviewId}/decision`, { decision: 'yes' }));
    const grades = await Promise.all(reviewed.items.map((i) => storedGrade(api, i.gradeId!)));
    const scored = grades.map((g) => g.criteria.filter((c) => c.score !== null));
    const n = scored.reduce((a, s) => a + s.length, 0);
    expect(n).toBeGreaterThan(0);
    const accepted = await get();
    expect(accepted.overall).toMatchObject({ n, overridden: 0, exactRate: 1, withinOneRate: 1 });
    expect(accepted.rubrics.map((r) => r.rubricId).sort()).toEqual(grades.map((g) => g.rubricId).sort());
    expect(accepted.rubrics.every((r) => r.builtIn && r.rubricName === 'default')).toBe(true);

    // One override two levels away: one pair disagrees, and kappa is computed on the 0–4 scale.
    const target = pickCriterion(grades[0]!.criteria);
    await team.reviewer.ok(
      team.reviewer.post(`/api/review/grades/${reviewed.items[0]!.gradeId}/overrides`, {
        criterionKey: target.key,
        score: target.other,
        reason: 'Misses the key point',
      }),
      201,
    );
    const ai = scored.flat().map((c) => c.score!);
    const human = scored.flatMap((s, g) => s.map((c) => (g === 0 && c.key === target.key ? target.other : c.score!)));
    const after = await get();
    expect(after.overall).toMatchObject({ n, overridden: 1, exactRate: (n - 1) / n, withinOneRate: (n - 1) / n });
    expect(after.overall.qwk).toBeCloseTo(quadraticWeightedKappa(ai, human, 5)!, 10);
    const own = after.rubrics.find((r) => r.rubricId === grades[0]!.rubricId)!;
    expect(own).toMatchObject({
      n: scored[0]!.length,
      overridden: 1,
      questionId: reviewed.items[0]!.questionId,
      questionTitle: reviewed.items[0]!.title,
    });

    const filtered = await get(`?rubricId=${grades[0]!.rubricId}`);
    expect(filtered.rubrics.map((r) => r.rubricId)).toEqual([grades[0]!.rubricId]);
    expect(filtered.overall).toMatchObject({ n: scored[0]!.length, overridden: 1 });
  });

  it('refuses agreement for another organisation’s rubric (404), a bad id (400), candidates (403)', async () => {
    const [priv] = await api.sql<{ id: string }>(
      "insert into app.rubrics (org_id, question_id, name) values ($1, $2, 'private') returning id",
      [other.owner.orgId, practice.items[0]!.questionId],
    );
    expect((await acme.reviewer.get(`/api/review/agreement?rubricId=${priv!.id}`)).statusCode).toBe(404);
    expect(
      (await other.reviewer.ok<{ rubrics: unknown[] }>(other.reviewer.get(`/api/review/agreement?rubricId=${priv!.id}`))).rubrics,
    ).toEqual([]);
    expect((await acme.reviewer.get(`/api/review/agreement?rubricId=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await acme.reviewer.get('/api/review/agreement?rubricId=abc')).statusCode).toBe(400);
    expect((await acme.candidate.get('/api/review/agreement')).statusCode).toBe(403);
    expect((await new TestClient(api.server).get('/api/review/agreement')).statusCode).toBe(401);
  });
});
