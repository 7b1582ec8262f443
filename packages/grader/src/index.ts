export {
  createLlmRubricDrafter,
  DraftError,
  draftRubricOffline,
  LLM_DRAFT_PROMPT_VERSION,
  OFFLINE_DRAFT_VERSION,
  offlineRubricDrafter,
  type RubricDrafter,
  type RubricDraftInput,
} from './draft/index';
export { GradeError, PermanentGradeError, parseRetryAfter, RetryableGradeError, toGradeError } from './errors';
export { normaliseForMatch, verifyEvidence } from './evidence';
export * from './followup/index';
export { blankSpans, detectInjection, type InjectionFinding } from './injection';
export { type CombinedGrade, combineSamples, medianScore } from './llm/aggregate';
export { costOf, createLlmGrader, type LlmGrader, type LlmGraderOptions, type LlmPricing } from './llm/grader';
export { buildRepairMessage, buildSystemPrompt, buildUserMessage, LLM_PROMPT_VERSION, newBoundary } from './llm/prompt';
export { checkCriteriaCoverage, type GradeOutput, gradeOutputSchema, parseGradeOutput } from './llm/schema';
export {
  type AgreementSummary,
  agreement,
  averageRanks,
  meanAbsoluteError,
  pearson,
  QWK_BANDS,
  quadraticWeightedKappa,
  scoreBand,
  spearman,
} from './metrics/agreement';
export { COVERAGE_THRESHOLDS, coverageToScore, gradeOffline, OFFLINE_PROMPT_VERSION, offlineGrader } from './offline/grade';
export { stem } from './text/stemmer';
export { contentStems, type Segment, segment, type Token, tokenize } from './text/tokenize';
export { type CriterionScores, weightedTotal } from './total';
export type { GradeInput, GradeQuestion, Grader } from './types';
