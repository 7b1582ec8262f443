export type { Grader } from '@interview/grader';
export { createGrader } from './grading/create-grader';
export { createGradeAnswerProcessor } from './grading/grade-answer.processor';
export { resolvePricing } from './grading/pricing';
export type { Log } from './logger';
export { startWorkers, type WorkerDeps } from './start-workers';
export { sweepUngradedAnswers } from './sweeper';
export { createTranscriber, type Transcriber } from './transcription/transcriber';
