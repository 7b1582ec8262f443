import type { TemplateBody, TemplateDetail } from '@interview/contracts/api';
import type { FieldErrors } from '../../../ui/form-errors';
import { SLUG_PATTERN } from '../types';

export interface PickedQuestion {
  questionId: string;
  title: string;
  category: string;
  /** The question's own suggested limit; null when only the template's override is known. */
  defaultSec: number | null;
  /** Override in minutes, as typed; empty = use the question's own. */
  overrideMin: string;
}

export interface TemplateForm {
  name: string;
  slug: string;
  /** Once the slug is edited by hand it no longer follows the name. */
  slugEdited: boolean;
  description: string;
  mode: 'practice' | 'assessment';
  typed: boolean;
  spoken: boolean;
  followups: number;
  totalMin: string;
  questions: PickedQuestion[];
}

export const emptyTemplateForm = (): TemplateForm => ({
  name: '',
  slug: '',
  slugEdited: false,
  description: '',
  mode: 'practice',
  typed: true,
  spoken: true,
  followups: 0,
  totalMin: '30',
  questions: [],
});

const minutes = (sec: number) => String(Math.round((sec / 60) * 10) / 10);

/** A form filled from a stored template; `copy` makes a new template from it (fresh name and slug). */
export function formFromTemplate(t: TemplateDetail, copy = false): TemplateForm {
  return {
    name: copy ? `${t.name} (copy)` : t.name,
    slug: copy ? `${t.slug}-copy`.slice(0, 80) : t.slug,
    slugEdited: !copy,
    description: t.description,
    mode: t.mode,
    typed: t.answerModes.includes('typed'),
    spoken: t.answerModes.includes('spoken'),
    followups: t.followupsPerQuestion,
    totalMin: minutes(t.totalTimeLimitSec),
    questions: t.questions.map((q) => ({
      questionId: q.questionId,
      title: q.title,
      category: q.category,
      defaultSec: q.timeLimitOverrideSec === null ? q.timeLimitSec : null,
      overrideMin: q.timeLimitOverrideSec === null ? '' : minutes(q.timeLimitOverrideSec),
    })),
  };
}

/** Seconds a question gets in the interview: the override when given, else its own (null when unknown). */
export const effectiveSec = (q: PickedQuestion): number | null => {
  const n = Number(q.overrideMin);
  return q.overrideMin.trim() !== '' && Number.isFinite(n) ? Math.round(n * 60) : q.defaultSec;
};

/** The same rules as the API's TemplateBody, checked by hand so the bundle carries no zod. */
export function validateTemplate(f: TemplateForm): FieldErrors {
  const e: FieldErrors = {};
  const name = f.name.trim();
  if (name.length < 3 || name.length > 120) e.name = 'Give a name of 3 to 120 characters.';
  if (!SLUG_PATTERN.test(f.slug) || f.slug.length > 80)
    e.slug = 'Use lower-case letters, digits and single hyphens (for example "sre-screen"), at most 80 characters.';
  const description = f.description.trim();
  if (description.length < 10 || description.length > 2000) e.description = 'Describe the template in 10 to 2000 characters.';
  if (!f.typed && !f.spoken) e.answerModes = 'Allow at least one answer mode.';
  const total = Number(f.totalMin);
  if (f.totalMin.trim() === '' || !Number.isFinite(total) || total < 1 || total > 480)
    e.totalTimeLimitSec = 'Give a total time between 1 and 480 minutes.';
  if (f.questions.length === 0) e.questions = 'Add at least one question from the bank.';
  if (f.questions.length > 50) e.questions = 'A template holds at most 50 questions.';
  f.questions.forEach((q, i) => {
    if (q.overrideMin.trim() === '') return;
    const n = Number(q.overrideMin);
    if (!Number.isFinite(n) || n < 1 || n > 60)
      e[`questions.${i}.timeLimitSec`] = 'Give a time limit between 1 and 60 minutes, or leave it empty.';
  });
  return e;
}

export function toTemplateBody(f: TemplateForm): TemplateBody {
  return {
    slug: f.slug,
    name: f.name.trim(),
    description: f.description.trim(),
    mode: f.mode,
    answerModes: [...(f.typed ? (['typed'] as const) : []), ...(f.spoken ? (['spoken'] as const) : [])],
    followupsPerQuestion: f.followups,
    totalTimeLimitSec: Math.round(Number(f.totalMin) * 60),
    questions: f.questions.map((q) =>
      q.overrideMin.trim() === ''
        ? { questionId: q.questionId }
        : { questionId: q.questionId, timeLimitSec: Math.round(Number(q.overrideMin) * 60) },
    ),
  };
}

/** Field paths in words, for the error summary. */
export function describeTemplatePath(path: string, f: TemplateForm): string {
  const m = /^questions\.(\d+)/.exec(path);
  if (m) {
    const q = f.questions[Number(m[1])];
    return q ? `Time limit for ${q.title}` : 'Questions';
  }
  const names: Record<string, string> = {
    name: 'Name',
    slug: 'Slug',
    description: 'Description',
    mode: 'Mode',
    answerModes: 'Answer modes',
    followupsPerQuestion: 'Follow-ups',
    totalTimeLimitSec: 'Total time',
    questions: 'Questions',
  };
  return names[path] ?? path;
}
