import { bigserial, index, jsonb, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { grades } from './grades';
import { interviews } from './interviews';
import { app } from './namespace';
import { organisations, users } from './orgs';

export const decisionKind = app.enum('decision_kind', ['strong_no', 'no', 'mixed', 'yes', 'strong_yes']);

/** A reviewer's replacement for one criterion's AI score; the AI score itself is never rewritten. */
export const scoreOverrides = app.table(
  'score_overrides',
  {
    id: uuid().primaryKey().defaultRandom(),
    gradeId: uuid()
      .notNull()
      .references(() => grades.id, { onDelete: 'cascade' }),
    criterionKey: text().notNull(),
    aiScore: smallint(),
    score: smallint().notNull(),
    reason: text().notNull(),
    reviewerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('score_overrides_grade_idx').on(t.gradeId)],
);

export const decisions = app.table(
  'decisions',
  {
    id: uuid().primaryKey().defaultRandom(),
    interviewId: uuid()
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    reviewerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    decision: decisionKind().notNull(),
    notes: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('decisions_interview_reviewer_idx').on(t.interviewId, t.reviewerId)],
);

/** Append-only record of sensitive actions (sign-in, invites, overrides, releases, publishes). */
export const auditLog = app.table(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    orgId: uuid().references(() => organisations.id, { onDelete: 'cascade' }),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_org_created_idx').on(t.orgId, t.createdAt)],
);
