import type { RubricDetail, RubricSummary, RubricVersionDetail, RubricVersionRef, RubricVersionSummary } from '@interview/contracts/api';
import { RubricDefinition } from '@interview/contracts/rubric';
import type { RubricRow, RubricVersionRow, RubricVersionSummaryRow } from '@interview/db/queries/rubrics';

type QuestionBrief = RubricSummary['question'];

export const toVersionSummary = (v: RubricVersionSummaryRow): RubricVersionSummary => ({
  id: v.id,
  version: v.version,
  status: v.status,
  contentHash: v.contentHash,
  createdBy: v.createdBy,
  createdAt: v.createdAt.toISOString(),
  publishedAt: v.publishedAt?.toISOString() ?? null,
});

export const toVersionDetail = (v: RubricVersionRow): RubricVersionDetail => ({
  ...toVersionSummary(v),
  rubricId: v.rubricId,
  // Stored definitions were validated on the way in; parsing again fills defaults of older rows.
  definition: RubricDefinition.parse(v.definition),
});

export const toVersionRef = (v: Pick<RubricVersionRow, 'id' | 'rubricId' | 'version' | 'status'>): RubricVersionRef => ({
  id: v.id,
  rubricId: v.rubricId,
  version: v.version,
  status: v.status,
});

/** A rubric with its latest published version and its draft; `versions` must be newest first. */
export function toRubricSummary(rubric: RubricRow, question: QuestionBrief, versions: RubricVersionSummaryRow[]): RubricSummary {
  const published = versions.find((v) => v.status === 'published');
  const draft = versions.find((v) => v.status === 'draft');
  return {
    id: rubric.id,
    name: rubric.name,
    builtIn: rubric.orgId === null,
    question,
    forkedFromVersionId: rubric.forkedFromVersionId,
    createdAt: rubric.createdAt.toISOString(),
    latestPublished: published ? toVersionSummary(published) : null,
    draft: draft ? toVersionSummary(draft) : null,
  };
}

export const toRubricDetail = (rubric: RubricRow, question: QuestionBrief, versions: RubricVersionSummaryRow[]): RubricDetail => ({
  ...toRubricSummary(rubric, question, versions),
  versions: versions.map(toVersionSummary),
});
