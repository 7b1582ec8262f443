import type { QuestionDetail, QuestionSummary } from '@interview/contracts/api';
import { RubricDefinition } from '@interview/contracts/rubric';
import type { Db } from '@interview/db';
import { latestPublishedRubricVersion } from '@interview/db/queries/bank';
import { getVisibleRubric } from '@interview/db/queries/rubrics';
import { getVisibleQuestion, type QuestionRow, searchQuestions } from '@interview/db/queries/templates';
import { NotFoundError } from '../../errors';
import type { Principal } from '../../plugins/app/auth-guard';

function toSummary(q: QuestionRow, bankOrgId: string | null): QuestionSummary {
  return {
    id: q.id,
    slug: q.slug,
    category: q.category,
    title: q.title,
    prompt: q.prompt,
    difficulty: q.difficulty,
    tags: q.tags,
    timeLimitSec: q.timeLimitSec,
    builtIn: bankOrgId === null,
  };
}

/** The question banks an organisation can browse: the built-in one and its own. */
export function createQuestionService(deps: { db: Db }) {
  const { db } = deps;
  return {
    async search(me: Principal, query: { search?: string; category?: string; limit: number; offset: number }) {
      const { rows, total } = await searchQuestions(db, { orgId: me.orgId, ...query, search: query.search || undefined });
      return { items: rows.map((r) => toSummary(r.question, r.bankOrgId)), total };
    },

    async get(me: Principal, questionId: string): Promise<QuestionDetail> {
      const found = await getVisibleQuestion(db, { questionId, orgId: me.orgId });
      if (!found) throw new NotFoundError('Question');
      // The rubric new interviews here would use: the org's newest published one, else the built-in one.
      const version = await latestPublishedRubricVersion(db, { questionId, orgId: me.orgId });
      const rubric = version ? await getVisibleRubric(db, { rubricId: version.rubricId, orgId: me.orgId }) : null;
      return {
        ...toSummary(found.question, found.bankOrgId),
        referenceAnswer: found.question.referenceAnswer,
        rubric:
          version && rubric
            ? {
                rubricId: rubric.rubric.id,
                rubricName: rubric.rubric.name,
                builtIn: rubric.rubric.orgId === null,
                versionId: version.id,
                version: version.version,
                definition: RubricDefinition.parse(version.definition),
              }
            : null,
      };
    },
  };
}
