import type {
  InterviewResults as InterviewResultsSchema,
  QuestionResult as QuestionResultSchema,
  TemplateSummary as TemplateSummarySchema,
} from '@interview/contracts/api';

/**
 * Types of contracts that export only a schema. Derived from the schema's `parse` so the browser
 * bundle never imports zod (these are type-only imports).
 */
type Parsed<S extends { parse: (input: unknown) => unknown }> = ReturnType<S['parse']>;

export type TemplateSummary = Parsed<typeof TemplateSummarySchema>;
export type InterviewResults = Parsed<typeof InterviewResultsSchema>;
export type QuestionResult = Parsed<typeof QuestionResultSchema>;
export type QuestionGrade = NonNullable<QuestionResult['grade']>;
export type CriterionResult = QuestionGrade['criteria'][number];
