import type { GradeResult } from '@interview/contracts/grade';
import type { GradeInput } from '@interview/grader';

/** Anything that turns an answer into a grade: the offline grader or an LLM grader. */
export interface Grader {
  kind: 'offline' | 'llm';
  promptVersion: string;
  grade(input: GradeInput): Promise<GradeResult>;
}
