import { draftRubricOffline } from './offline';
import type { RubricDrafter } from './types';

export { createLlmRubricDrafter, LLM_DRAFT_PROMPT_VERSION, type LlmRubricDrafterOptions, normaliseDraft, rubricDraftSchema } from './llm';
export { draftRubricOffline, OFFLINE_DRAFT_VERSION } from './offline';
export { DraftError, type RubricDrafter, type RubricDraftInput } from './types';

/** The deterministic drafter behind the common `RubricDrafter` interface. */
export const offlineRubricDrafter: RubricDrafter = {
  kind: 'offline',
  draft: async (input) => draftRubricOffline(input),
};
