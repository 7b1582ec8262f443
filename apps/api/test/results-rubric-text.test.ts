import type { RubricDefinition } from '@interview/contracts';
import type { InterviewResults } from '@interview/contracts/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createOrg, type Org } from './support/client';
import { apiProfiles, bootApi, type TestApi } from './support/harness';
import { createInterview, type InterviewFixture } from './support/interview-fixture';

type Results = z.infer<typeof InterviewResults>;
type Level = keyof RubricDefinition['criteria'][number]['levels'];

/** The first question of the built-in warm-up template: its reference answer, the strongest we have. */
async function firstReference(api: TestApi): Promise<string> {
  const rows = await api.sql<{ reference_answer: string }>(
    `select q.reference_answer from app.template_questions tq join app.interview_templates t on t.id = tq.template_id
     join app.questions q on q.id = tq.question_id where t.slug = 'warm-up' and t.org_id is null order by tq.position limit 1`,
  );
  return rows[0]!.reference_answer;
}

async function rubricOf(api: TestApi, rubricVersionId: string): Promise<RubricDefinition> {
  const rows = await api.sql<{ definition: RubricDefinition }>('select definition from app.rubric_versions where id = $1', [
    rubricVersionId,
  ]);
  return rows[0]!.definition;
}

describe.each(apiProfiles)('results carry the rubric texts a candidate reads (%s)', (profile) => {
  let api: TestApi;
  let acme: Org;
  let practice: InterviewFixture;

  beforeAll(async () => {
    api = await bootApi(profile);
    acme = await createOrg(api.server, 'Acme Results Text');
    practice = await createInterview(api, {
      orgId: acme.owner.orgId,
      candidateId: acme.candidate.userId,
      answers: [await firstReference(api)],
    });
  });
  afterAll(async () => api?.close());

  it('names each criterion, gives the descriptor of the level shown and the text of every key point', async () => {
    const results = await acme.candidate.ok<Results>(acme.candidate.get(`/api/interviews/${practice.interviewId}/results`));
    const grade = results.questions[0]!.grade!;
    const rubric = await rubricOf(api, grade.rubricVersionId);
    for (const c of grade.criteria) {
      const def = rubric.criteria.find((d) => d.key === c.key)!;
      expect(c.title).toBe(def.title);
      if (c.score === null) expect(c.levelDescriptor).toBeUndefined();
      else expect(c.levelDescriptor).toBe(def.levels[c.score as Level]);
    }
    const texts = grade.keyPointTexts!;
    expect(Object.keys(texts).sort()).toEqual(rubric.criteria.flatMap((c) => c.keyPoints.map((k) => k.id)).sort());
    for (const id of [...grade.keyPointsCovered, ...grade.keyPointsMissed]) expect(texts[id]).toEqual(expect.any(String));
    expect(grade.keyPointsCovered.length).toBeGreaterThan(0);
  });

  it("follows a reviewer's override: the descriptor is the overridden level's", async () => {
    const before = await acme.candidate.ok<Results>(acme.candidate.get(`/api/interviews/${practice.interviewId}/results`));
    const grade = before.questions[0]!.grade!;
    const criterion = grade.criteria[0]!;
    const score = criterion.score === 0 ? 4 : 0;
    await acme.reviewer.ok(
      acme.reviewer.post(`/api/review/grades/${grade.id}/overrides`, { criterionKey: criterion.key, score, reason: 'Checked by hand' }),
      201,
    );
    const after = await acme.candidate.ok<Results>(acme.candidate.get(`/api/interviews/${practice.interviewId}/results`));
    const overridden = after.questions[0]!.grade!.criteria.find((c) => c.key === criterion.key)!;
    const def = (await rubricOf(api, grade.rubricVersionId)).criteria.find((d) => d.key === criterion.key)!;
    expect(overridden).toMatchObject({
      score: criterion.score,
      overriddenScore: score,
      title: def.title,
      levelDescriptor: def.levels[score],
    });
  });

  it('publishes the new optional fields in the OpenAPI document', async () => {
    const doc = JSON.stringify((await api.server.inject({ method: 'GET', url: '/openapi.json' })).json());
    expect(doc).toContain('keyPointTexts');
    expect(doc).toContain('levelDescriptor');
  });
});
