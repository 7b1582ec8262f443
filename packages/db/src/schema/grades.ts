import type { CriterionGrade, GradeFlag } from '@interview/contracts/grade';
import { index, integer, jsonb, numeric, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { answers } from './answers';
import { app } from './namespace';
import { rubricVersions } from './rubrics';

export const graderKind = app.enum('grader_kind', ['offline', 'llm']);
export const gradeStatus = app.enum('grade_status', ['pending', 'done', 'failed', 'needs_human_review']);

export interface GradeFeedback {
  strengths: string[];
  improvements: string[];
  keyPointsCovered: string[];
  keyPointsMissed: string[];
}

/** One grade per (answer, rubric version): jobs upsert on that key, so retries never duplicate. */
export const grades = app.table(
  'grades',
  {
    id: uuid().primaryKey().defaultRandom(),
    answerId: uuid()
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    rubricVersionId: uuid()
      .notNull()
      .references(() => rubricVersions.id, { onDelete: 'restrict' }),
    status: gradeStatus().notNull().default('pending'),
    grader: graderKind().notNull(),
    model: text(),
    promptVersion: text().notNull(),
    /** Weighted 0–100, computed by our code from criterion scores. */
    total: real(),
    confidence: real(),
    criteria: jsonb().$type<CriterionGrade[]>().notNull().default([]),
    feedback: jsonb()
      .$type<GradeFeedback>()
      .notNull()
      .default({ strengths: [], improvements: [], keyPointsCovered: [], keyPointsMissed: [] }),
    flags: jsonb().$type<GradeFlag[]>().notNull().default([]),
    promptTokens: integer(),
    completionTokens: integer(),
    cachedTokens: integer(),
    costUsd: numeric({ precision: 12, scale: 6 }),
    latencyMs: integer(),
    attempts: integer().notNull().default(0),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('grades_answer_rubric_version_idx').on(t.answerId, t.rubricVersionId), index('grades_status_idx').on(t.status)],
);
