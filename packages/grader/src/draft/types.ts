import type { RubricDefinition } from '@interview/contracts';

/** What a rubric is drafted from: the question and a strong reference answer. */
export interface RubricDraftInput {
  readonly question: string;
  readonly referenceAnswer: string;
}

/** Drafts a rubric; the offline drafter is synchronous, the LLM drafter is not. */
export interface RubricDrafter {
  readonly kind: 'offline' | 'llm';
  draft(input: RubricDraftInput): Promise<RubricDefinition>;
}

/** The input cannot yield a valid rubric (for example, the reference answer is too short). Not retryable. */
export class DraftError extends Error {
  override name = 'DraftError';
}
