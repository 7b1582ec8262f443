import { customType, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { interviewItems } from './interviews';
import { app } from './namespace';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const answerMode = app.enum('answer_mode', ['typed', 'spoken']);
export const answerStatus = app.enum('answer_status', ['draft', 'submitted', 'transcribing', 'grading', 'graded', 'needs_human_review']);

/** One answer per interview item. The draft autosaves; `text` is frozen at submit. */
export const answers = app.table(
  'answers',
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: uuid()
      .notNull()
      .references(() => interviewItems.id, { onDelete: 'cascade' }),
    mode: answerMode().notNull().default('typed'),
    draft: text().notNull().default(''),
    draftSavedAt: timestamp({ withTimezone: true }),
    /** Monotonic draft revision: a stale autosave never overwrites a newer one. */
    draftRevision: integer().notNull().default(0),
    text: text(),
    transcript: text(),
    audio: bytea(),
    audioMime: text(),
    audioDurationMs: integer(),
    status: answerStatus().notNull().default('draft'),
    submittedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('answers_item_idx').on(t.itemId), index('answers_status_idx').on(t.status)],
);
