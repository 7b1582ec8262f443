import { index, integer, jsonb, smallint, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { app } from './namespace';
import { organisations } from './orgs';

/** A bank of questions; orgId null = the built-in bank every organisation can use. */
export const questionBanks = app.table(
  'question_banks',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().references(() => organisations.id, { onDelete: 'cascade' }),
    slug: text().notNull(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('question_banks_org_slug_key').on(t.orgId, t.slug).nullsNotDistinct()],
);

export const questions = app.table(
  'questions',
  {
    id: uuid().primaryKey().defaultRandom(),
    bankId: uuid()
      .notNull()
      .references(() => questionBanks.id, { onDelete: 'cascade' }),
    slug: text().notNull(),
    category: text().notNull(),
    title: text().notNull(),
    prompt: text().notNull(),
    difficulty: smallint().notNull(),
    tags: jsonb().$type<string[]>().notNull().default([]),
    timeLimitSec: integer().notNull(),
    referenceAnswer: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('questions_bank_slug_idx').on(t.bankId, t.slug), index('questions_category_idx').on(t.category)],
);
