export { acceptable, createLlmFollowupWriter, FOLLOWUP_PROMPT_VERSION, type FollowupWriter } from './llm-writer';
export { type MissedPoint, pickMissedKeyPoint, rubricFollowup } from './pick';
