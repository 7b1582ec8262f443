export type { Grader } from '@interview/grader';
export { createGrader } from './grading/create-grader';
export type { Log } from './logger';
export { startWorkers, type WorkerDeps } from './start-workers';
export { sweepUngradedAnswers } from './sweeper';
