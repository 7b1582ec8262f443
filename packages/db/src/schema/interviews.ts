import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { questions } from './bank';
import { app } from './namespace';
import { organisations, users } from './orgs';
import { rubricVersions } from './rubrics';

export const interviewMode = app.enum('interview_mode', ['practice', 'assessment']);
export const interviewStatus = app.enum('interview_status', ['scheduled', 'in_progress', 'completed', 'expired', 'cancelled']);
export const itemStatus = app.enum('item_status', ['pending', 'presented', 'submitted', 'expired']);
export const itemKind = app.enum('item_kind', ['question', 'followup']);

/** Ordered questions, time limits, mode and allowed answer modes. orgId null = shipped with the bank. */
export const interviewTemplates = app.table(
  'interview_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().references(() => organisations.id, { onDelete: 'cascade' }),
    slug: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    mode: interviewMode().notNull().default('practice'),
    answerModes: jsonb().$type<('typed' | 'spoken')[]>().notNull().default(['typed', 'spoken']),
    followupsPerQuestion: smallint().notNull().default(0),
    totalTimeLimitSec: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('interview_templates_org_slug_key').on(t.orgId, t.slug).nullsNotDistinct()],
);

export const templateQuestions = app.table(
  'template_questions',
  {
    id: uuid().primaryKey().defaultRandom(),
    templateId: uuid()
      .notNull()
      .references(() => interviewTemplates.id, { onDelete: 'cascade' }),
    position: smallint().notNull(),
    questionId: uuid()
      .notNull()
      .references(() => questions.id, { onDelete: 'restrict' }),
    /** Overrides the question's suggested limit when set. */
    timeLimitSec: integer(),
  },
  (t) => [uniqueIndex('template_questions_position_idx').on(t.templateId, t.position)],
);

export const interviews = app.table(
  'interviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    templateId: uuid()
      .notNull()
      .references(() => interviewTemplates.id, { onDelete: 'restrict' }),
    candidateId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    mode: interviewMode().notNull(),
    status: interviewStatus().notNull().default('scheduled'),
    startedAt: timestamp({ withTimezone: true }),
    /** Server-owned overall deadline (start + total limit). */
    deadlineAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    resultsReleasedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('interviews_org_status_idx').on(t.orgId, t.status),
    index('interviews_candidate_idx').on(t.candidateId),
    index('interviews_template_idx').on(t.templateId),
  ],
);

/** One question (or follow-up) inside an interview; pins the rubric version it is graded under. */
export const interviewItems = app.table(
  'interview_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    interviewId: uuid()
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    position: smallint().notNull(),
    kind: itemKind().notNull().default('question'),
    parentItemId: uuid().references((): AnyPgColumn => interviewItems.id, { onDelete: 'cascade' }),
    questionId: uuid()
      .notNull()
      .references(() => questions.id, { onDelete: 'restrict' }),
    rubricVersionId: uuid()
      .notNull()
      .references(() => rubricVersions.id, { onDelete: 'restrict' }),
    /** The follow-up's own wording; null for the main question (its text comes from the question). */
    followupPrompt: text(),
    /** The rubric key point a follow-up asks about, so the same point is never asked twice. */
    followupKeyPoint: text(),
    timeLimitSec: integer().notNull(),
    status: itemStatus().notNull().default('pending'),
    presentedAt: timestamp({ withTimezone: true }),
    /** presentedAt + limit + grace, set by the server when the item starts. */
    deadlineAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    autoSubmitted: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex('interview_items_position_idx').on(t.interviewId, t.position),
    index('interview_items_parent_idx').on(t.parentItemId),
  ],
);
