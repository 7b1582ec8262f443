export { createGrader } from './grading/create-grader';
export type { Grader } from './grading/grader';
export type { Log } from './logger';
export { startWorkers, type WorkerDeps } from './start-workers';
export { sweepUngradedAnswers } from './sweeper';
