import type { GradeResult, GraderKind, RubricDefinition } from '@interview/contracts';

/** The parts of a question a grader needs. */
export interface GradeQuestion {
  readonly id: string;
  readonly title: string;
  readonly prompt: string;
  readonly referenceAnswer: string;
}

export interface GradeInput {
  readonly question: GradeQuestion;
  readonly rubric: RubricDefinition;
  /** The candidate's answer: untrusted text. */
  readonly answer: string;
}

/** Common shape of the offline and LLM graders. */
export interface Grader {
  readonly kind: GraderKind;
  readonly promptVersion: string;
  grade(input: GradeInput): Promise<GradeResult>;
}
