import { z } from 'zod';
import { GradeFlag, GradeResult, GraderKind } from '../grade';
import { Criterion, KeyPoint, RedFlag, RubricDefinition, Score, Slug } from '../rubric';

export const RubricVersionStatus = z.enum(['draft', 'published']);

/** Largest typed answer, also the limit for sample and calibration answers. */
export const SampleAnswer = z
  .string()
  .min(1)
  .max(20_000)
  .refine((s) => s.trim().length > 0, 'answer must not be blank');

/**
 * What an editor may save: a valid RubricDefinition (positive weights, unique criterion keys)
 * whose key points and red flags are also uniquely named inside each criterion, so diffs and
 * grades can refer to them by id.
 */
export const EditableRubricDefinition = RubricDefinition.superRefine((rubric, ctx) => {
  for (const [i, c] of rubric.criteria.entries()) {
    for (const [field, items] of [
      ['keyPoints', c.keyPoints],
      ['redFlags', c.redFlags],
    ] as const) {
      const seen = new Set<string>();
      for (const [j, item] of items.entries()) {
        if (seen.has(item.id))
          ctx.addIssue({ code: 'custom', path: ['criteria', i, field, j, 'id'], message: `duplicate id "${item.id}"` });
        seen.add(item.id);
      }
    }
  }
});

export const RubricVersionSummary = z.object({
  id: z.uuid(),
  version: z.number(),
  status: RubricVersionStatus,
  contentHash: z.string(),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
});
export type RubricVersionSummary = z.infer<typeof RubricVersionSummary>;

export const RubricVersionDetail = RubricVersionSummary.extend({ rubricId: z.uuid(), definition: RubricDefinition });
export type RubricVersionDetail = z.infer<typeof RubricVersionDetail>;

/** Names a version wherever a response refers to one. */
export const RubricVersionRef = z.object({ id: z.uuid(), rubricId: z.uuid(), version: z.number(), status: RubricVersionStatus });
export type RubricVersionRef = z.infer<typeof RubricVersionRef>;

export const RubricSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  builtIn: z.boolean(),
  question: z.object({ id: z.uuid(), slug: z.string(), title: z.string(), category: z.string() }),
  forkedFromVersionId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  latestPublished: RubricVersionSummary.nullable(),
  draft: RubricVersionSummary.nullable(),
});
export type RubricSummary = z.infer<typeof RubricSummary>;

export const RubricDetail = RubricSummary.extend({ versions: z.array(RubricVersionSummary) });
export type RubricDetail = z.infer<typeof RubricDetail>;

export const ListRubricsQuery = z.object({
  questionId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const RubricPage = z.object({ items: z.array(RubricSummary), total: z.number() });
export type RubricPage = z.infer<typeof RubricPage>;

export const RubricVersionParams = z.object({ id: z.uuid(), versionId: z.uuid() });
export const VersionParams = z.object({ versionId: z.uuid() });
export const CalibrationParams = z.object({ id: z.uuid(), calibrationId: z.uuid() });

export const ForkRubricBody = z.object({ name: z.string().trim().min(1).max(120).optional() });
export const SaveDraftBody = z.object({ definition: EditableRubricDefinition });

// ---- Diff between two versions

export const RubricDiffQuery = z.object({
  /** Defaults to the published version before `to` (or the forked-from version). */
  from: z.uuid().optional(),
  /** Defaults to the draft, else the latest published version. */
  to: z.uuid().optional(),
});

const TextChange = z.object({ from: z.string(), to: z.string() });
const listChanges = <T extends z.ZodType>(item: T) =>
  z.object({
    added: z.array(item),
    removed: z.array(item),
    changed: z.array(z.object({ id: z.string(), from: item, to: item })),
  });

export const CriterionChange = z.object({
  key: z.string(),
  title: TextChange.nullable(),
  weight: z.object({ from: z.number(), to: z.number() }).nullable(),
  assesses: TextChange.nullable(),
  levels: z.array(z.object({ level: Score, from: z.string(), to: z.string() })),
  keyPoints: listChanges(KeyPoint),
  redFlags: listChanges(RedFlag),
});
export type CriterionChange = z.infer<typeof CriterionChange>;

export const RubricDiff = z.object({
  from: RubricVersionRef,
  to: RubricVersionRef,
  identical: z.boolean(),
  criteria: z.object({
    added: z.array(Criterion),
    removed: z.array(Criterion),
    changed: z.array(CriterionChange),
    unchanged: z.array(z.string()),
  }),
  /** Each criterion's share of the total weight, in percent, before and after (null = absent). */
  weightShares: z.array(z.object({ key: z.string(), from: z.number().nullable(), to: z.number().nullable() })),
});
export type RubricDiff = z.infer<typeof RubricDiff>;

// ---- Calibration answers

export const CalibrationBody = z.object({
  answer: SampleAnswer,
  expectedScores: z.record(Slug, Score).refine((s) => Object.keys(s).length > 0, 'give at least one expected score'),
  note: z.string().trim().max(2000).optional(),
});

export const CalibrationItem = z.object({
  id: z.uuid(),
  answer: z.string(),
  expectedScores: z.record(z.string(), z.number()),
  expectedTotal: z.number().nullable(),
  note: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});
export type CalibrationItem = z.infer<typeof CalibrationItem>;

export const CalibrationRunBody = z.object({ versionId: z.uuid().optional() });

export const CalibrationCriterionResult = z.object({
  key: z.string(),
  expected: z.number().nullable(),
  actual: z.number().nullable(),
  delta: z.number().nullable(),
});

export const CalibrationAnswerResult = z.object({
  calibrationId: z.uuid(),
  expectedTotal: z.number().nullable(),
  actualTotal: z.number().nullable(),
  criteria: z.array(CalibrationCriterionResult),
  flags: z.array(GradeFlag),
  /** Set when grading this answer failed; the other answers are still reported. */
  error: z.string().nullable(),
});

export const CalibrationRun = z.object({
  version: RubricVersionRef,
  grader: GraderKind,
  model: z.string().nullable(),
  answers: z.array(CalibrationAnswerResult),
  summary: z.object({
    answers: z.number(),
    graded: z.number(),
    /** Criterion scores compared (expected given and actual not null). */
    comparisons: z.number(),
    exactRate: z.number().nullable(),
    withinOneRate: z.number().nullable(),
    meanAbsoluteError: z.number().nullable(),
    meanAbsoluteTotalDelta: z.number().nullable(),
  }),
});
export type CalibrationRun = z.infer<typeof CalibrationRun>;

// ---- Try a rubric on a sample answer

export const TryRubricBody = z
  .object({ answer: SampleAnswer, versionId: z.uuid().optional(), rubricId: z.uuid().optional() })
  .refine((b) => (b.versionId === undefined) !== (b.rubricId === undefined), {
    message: 'give exactly one of versionId or rubricId',
    path: ['versionId'],
  });

export const TryRubricResult = GradeResult.extend({ rubricVersion: RubricVersionRef });
export type TryRubricResult = z.infer<typeof TryRubricResult>;

// ---- Regrade under a new version

export const RegradeBody = z
  .object({
    templateId: z.uuid().optional(),
    answerIds: z.array(z.uuid()).min(1).max(10_000).optional(),
  })
  .refine((b) => b.templateId !== undefined || b.answerIds !== undefined, {
    message: 'give templateId or answerIds',
    path: ['templateId'],
  });

export const RegradeAccepted = z.object({
  /** The first (usually only) regrade job; null when no answer matched. */
  jobId: z.string().nullable(),
  jobIds: z.array(z.string()),
  answerCount: z.number(),
});

export const RegradeDiffQuery = z.object({
  /** Compare against this version; default: the version each answer's interview item pinned. */
  baseVersionId: z.uuid().optional(),
});

export const RegradeAnswerDiff = z.object({
  answerId: z.uuid(),
  interviewId: z.uuid(),
  baseVersionId: z.uuid(),
  status: z.enum(['pending', 'done', 'failed', 'needs_human_review']),
  oldTotal: z.number().nullable(),
  newTotal: z.number().nullable(),
  delta: z.number().nullable(),
  criteria: z.array(z.object({ key: z.string(), old: z.number().nullable(), new: z.number().nullable(), delta: z.number().nullable() })),
  changed: z.boolean(),
});

export const RegradeDiff = z.object({
  version: RubricVersionRef,
  baseVersion: RubricVersionRef.nullable(),
  answers: z.array(RegradeAnswerDiff),
  summary: z.object({
    /** Answers with a grade under the new version. */
    n: z.number(),
    /** Of those, answers with a total under both versions (the mean delta's base). */
    compared: z.number(),
    meanDelta: z.number().nullable(),
    changed: z.number(),
  }),
});
export type RegradeDiff = z.infer<typeof RegradeDiff>;

// ---- YAML import/export in the bank's file format

export const YAML_LIMIT_BYTES = 2 * 1024 * 1024;
export const ImportJsonBody = z.object({ yaml: z.string().min(1).max(YAML_LIMIT_BYTES) });

export const ImportResult = z.object({
  questions: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
  rubrics: z.array(
    z.object({
      rubricId: z.uuid(),
      questionSlug: z.string(),
      name: z.string(),
      change: z.enum(['created', 'new-version', 'unchanged']),
      versionId: z.uuid(),
    }),
  ),
  templates: z.array(z.object({ templateId: z.uuid(), slug: z.string(), change: z.enum(['created', 'updated']) })),
});
export type ImportResult = z.infer<typeof ImportResult>;
