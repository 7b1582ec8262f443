import type { RubricDefinition } from '@interview/contracts/rubric';
import { type AnyPgColumn, index, integer, jsonb, smallint, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { questions } from './bank';
import { app } from './namespace';
import { organisations, users } from './orgs';

export const rubricVersionStatus = app.enum('rubric_version_status', ['draft', 'published']);

/** A rubric for one question, owned by an organisation (null = built-in). Content lives in versions. */
export const rubrics = app.table(
  'rubrics',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().references(() => organisations.id, { onDelete: 'cascade' }),
    questionId: uuid()
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    forkedFromVersionId: uuid().references((): AnyPgColumn => rubricVersions.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('rubrics_org_question_name_key').on(t.orgId, t.questionId, t.name).nullsNotDistinct()],
);

/**
 * One version of a rubric: criteria with weights, level descriptors 0–4, key points with
 * synonyms and red flags (the `definition` JSON, validated by the contracts' RubricDefinition).
 * A published version is immutable; a database trigger enforces it.
 */
export const rubricVersions = app.table(
  'rubric_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    rubricId: uuid()
      .notNull()
      .references(() => rubrics.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    status: rubricVersionStatus().notNull().default('draft'),
    definition: jsonb().$type<RubricDefinition>().notNull(),
    /** sha256 of the canonical definition JSON: an import that changes nothing creates no version. */
    contentHash: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rubric_versions_rubric_version_idx').on(t.rubricId, t.version)],
);

/** Answers with the scores an expert expects, used to check a rubric before publishing it. */
export const calibrationAnswers = app.table(
  'calibration_answers',
  {
    id: uuid().primaryKey().defaultRandom(),
    rubricId: uuid()
      .notNull()
      .references(() => rubrics.id, { onDelete: 'cascade' }),
    answer: text().notNull(),
    expectedScores: jsonb().$type<Record<string, number>>().notNull(),
    expectedTotal: smallint(),
    note: text(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('calibration_answers_rubric_idx').on(t.rubricId)],
);
