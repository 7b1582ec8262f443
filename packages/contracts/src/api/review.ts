import { z } from 'zod';
import { Evidence, GradeFlag, GraderKind } from '../grade';
import { AnswerMode, InterviewMode } from '../question';
import { Score } from '../rubric';
import { AnswerStatus, InterviewStatus, ItemStatus } from './interviews';

export const DecisionKind = z.enum(['strong_no', 'no', 'mixed', 'yes', 'strong_yes']);
export type DecisionKind = z.infer<typeof DecisionKind>;

export const GradeParams = z.object({ gradeId: z.uuid() });

export const OverrideBody = z.object({
  criterionKey: z.string().min(1).max(80),
  score: Score,
  reason: z.string().trim().min(3).max(2000),
});
export const OverrideResult = z.object({
  override: z.object({
    id: z.uuid(),
    gradeId: z.uuid(),
    criterionKey: z.string(),
    aiScore: z.number().nullable(),
    score: z.number(),
    reason: z.string(),
    reviewerId: z.uuid(),
    createdAt: z.iso.datetime(),
  }),
  /** The AI's own total, never changed by an override. */
  aiTotal: z.number().nullable(),
  /** The question's total with every criterion's latest override applied. */
  total: z.number().nullable(),
  /** The interview's total after this override (null until every question is graded). */
  interviewTotal: z.number().nullable(),
});

export const DecisionBody = z.object({ decision: DecisionKind, notes: z.string().max(5000).default('') });
export const DecisionRecord = z.object({
  id: z.uuid(),
  interviewId: z.uuid(),
  reviewer: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  decision: DecisionKind,
  notes: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;

export const ReleaseResult = z.object({ interviewId: z.uuid(), resultsReleasedAt: z.iso.datetime() });

const Person = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

export const TranscriptAnswer = z.object({
  id: z.uuid(),
  mode: AnswerMode,
  text: z.string().nullable(),
  transcript: z.string().nullable(),
  hasAudio: z.boolean(),
  audioDurationMs: z.number().nullable(),
  status: AnswerStatus,
  submittedAt: z.iso.datetime().nullable(),
});

export const TranscriptItem = z.object({
  id: z.uuid(),
  position: z.number(),
  kind: z.enum(['question', 'followup']),
  parentItemId: z.uuid().nullable(),
  /** The question's prompt for a main item, the follow-up's own wording for a follow-up. */
  prompt: z.string(),
  status: ItemStatus,
  timeLimitSec: z.number(),
  presentedAt: z.iso.datetime().nullable(),
  deadlineAt: z.iso.datetime().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  autoSubmitted: z.boolean(),
  answer: TranscriptAnswer.nullable(),
});

export const ScoreOverrideView = z.object({
  id: z.uuid(),
  score: z.number(),
  aiScore: z.number().nullable(),
  reason: z.string(),
  reviewer: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.iso.datetime(),
});

export const TranscriptCriterion = z.object({
  key: z.string(),
  title: z.string(),
  weight: z.number(),
  aiScore: z.number().nullable(),
  /** The latest override, which wins over the AI score; earlier ones are in `overrideHistory`. */
  override: ScoreOverrideView.nullable(),
  overrideHistory: z.array(ScoreOverrideView),
  score: z.number().nullable(),
  reasoning: z.string(),
  evidence: z.array(Evidence),
  keyPointsCovered: z.array(z.string()),
  keyPointsMissed: z.array(z.string()),
  needsReview: z.boolean(),
});

export const TranscriptGrade = z.object({
  id: z.uuid(),
  status: z.enum(['pending', 'done', 'failed', 'needs_human_review']),
  grader: GraderKind,
  model: z.string().nullable(),
  promptVersion: z.string(),
  rubricVersionId: z.uuid(),
  rubricVersion: z.number(),
  aiTotal: z.number().nullable(),
  total: z.number().nullable(),
  confidence: z.number().nullable(),
  criteria: z.array(TranscriptCriterion),
  strengths: z.array(z.string()),
  improvements: z.array(z.string()),
  keyPointsCovered: z.array(z.string()),
  keyPointsMissed: z.array(z.string()),
  flags: z.array(GradeFlag),
  usage: z.object({
    promptTokens: z.number().nullable(),
    completionTokens: z.number().nullable(),
    cachedTokens: z.number().nullable(),
    costUsd: z.number().nullable(),
    latencyMs: z.number().nullable(),
  }),
  attempts: z.number(),
  error: z.string().nullable(),
  gradedAt: z.iso.datetime(),
});

export const TranscriptQuestion = TranscriptItem.extend({
  question: z.object({ id: z.uuid(), slug: z.string(), title: z.string(), category: z.string() }),
  /** This question's follow-ups in order; the question's grade covers them. */
  followups: z.array(TranscriptItem),
  grade: TranscriptGrade.nullable(),
});

export const Transcript = z.object({
  interview: z.object({
    id: z.uuid(),
    status: InterviewStatus,
    mode: InterviewMode,
    template: z.object({ id: z.uuid(), name: z.string() }),
    candidate: Person,
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    deadlineAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    resultsReleasedAt: z.iso.datetime().nullable(),
  }),
  total: z.number().nullable(),
  complete: z.boolean(),
  questions: z.array(TranscriptQuestion),
  decisions: z.array(DecisionRecord),
});
export type Transcript = z.infer<typeof Transcript>;

export const TemplateQuery = z.object({ templateId: z.uuid() });

/** One interview in a side-by-side comparison or an organisation export. */
export const ReportRow = z.object({
  interviewId: z.uuid(),
  candidate: Person,
  templateId: z.uuid(),
  templateName: z.string(),
  mode: InterviewMode,
  status: InterviewStatus,
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  resultsReleasedAt: z.iso.datetime().nullable(),
  total: z.number().nullable(),
  /** One entry per template question, in template order; null when not (yet) graded or not asked. Empty without a template. */
  questionTotals: z.array(z.number().nullable()),
  /** The most recently updated decision; every reviewer's is in `decisions`. */
  decision: DecisionKind.nullable(),
  decisions: z.array(z.object({ reviewerName: z.string(), decision: DecisionKind, notes: z.string() })),
  flags: z.array(GradeFlag),
  flagged: z.boolean(),
});
const TemplateColumns = z.object({
  id: z.uuid(),
  name: z.string(),
  questions: z.array(z.object({ position: z.number(), questionId: z.uuid(), title: z.string() })),
});
export const Comparison = z.object({ template: TemplateColumns, candidates: z.array(ReportRow) });
export type Comparison = z.infer<typeof Comparison>;
export const OrgReport = z.object({ exportedAt: z.iso.datetime(), template: TemplateColumns.nullable(), interviews: z.array(ReportRow) });
export type OrgReport = z.infer<typeof OrgReport>;

export const ExportFormat = z.object({ format: z.enum(['json', 'csv']).default('json') });
export const OrgExportQuery = ExportFormat.extend({ templateId: z.uuid().optional() });

export const AgreementQuery = z.object({ rubricId: z.uuid().optional() });
export const AgreementStats = z.object({
  /** Reviewed criterion scores compared (AI vs reviewer). */
  n: z.number(),
  /** How many of them a reviewer overrode. */
  overridden: z.number(),
  exactRate: z.number().nullable(),
  withinOneRate: z.number().nullable(),
  /** Quadratic weighted kappa on the 0–4 criterion scale; null when undefined. */
  qwk: z.number().nullable(),
});
export const Agreement = z.object({
  overall: AgreementStats,
  rubrics: z.array(
    AgreementStats.extend({
      rubricId: z.uuid(),
      rubricName: z.string(),
      questionId: z.uuid(),
      questionTitle: z.string(),
      builtIn: z.boolean(),
    }),
  ),
});
export type Agreement = z.infer<typeof Agreement>;
