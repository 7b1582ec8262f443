import { createHash } from 'node:crypto';
import type { QuestionFile, RubricDefinition } from '@interview/contracts';
import type { RubricDrafter } from '../draft/types';
import type { GradeQuestion } from '../types';
import type { BatchInputLine } from './schema';

export interface ResolvedRubric {
  question: GradeQuestion;
  rubric: RubricDefinition;
}

export interface RubricResolverStats {
  /** Rubrics drafted (cache misses that succeeded). */
  drafted: number;
  /** Lines that reused a drafted rubric. */
  cacheHits: number;
}

export interface RubricResolver {
  resolve(line: BatchInputLine): Promise<ResolvedRubric>;
  readonly stats: RubricResolverStats;
}

/** A line the resolver cannot serve, such as an unknown question id. */
export class RubricResolveError extends Error {
  override name = 'RubricResolveError';
}

export interface RubricResolverDeps {
  /** Questions of the bank by id. */
  questions: ReadonlyMap<string, Pick<QuestionFile, 'id' | 'title' | 'prompt' | 'referenceAnswer' | 'rubric'>>;
  drafter: RubricDrafter;
  /** Most drafted rubrics kept; the oldest is evicted first. */
  maxCached?: number;
}

function draftKey(question: string, referenceAnswer: string): string {
  return createHash('sha256').update(question).update('\u0000').update(referenceAnswer).digest('hex');
}

function titleOf(question: string): string {
  const first = question.trim().split(/(?<=[.?!])\s/)[0] ?? question;
  return first.length > 100 ? `${first.slice(0, 99)}…` : first;
}

/**
 * Finds the rubric for a batch line: the bank's rubric when the line names a `questionId`
 * (which wins over any question text on the line), otherwise a rubric drafted from
 * `question` + `referenceAnswer`. Drafts are cached per distinct (question, referenceAnswer);
 * concurrent lines share one in-flight draft, and a failed draft is not cached.
 */
export function createRubricResolver(deps: RubricResolverDeps): RubricResolver {
  const maxCached = Math.max(1, deps.maxCached ?? 1_000);
  const cache = new Map<string, Promise<ResolvedRubric>>();
  const stats: RubricResolverStats = { drafted: 0, cacheHits: 0 };

  async function resolve(line: BatchInputLine): Promise<ResolvedRubric> {
    if (line.questionId !== undefined) {
      const q = deps.questions.get(line.questionId);
      if (!q) throw new RubricResolveError(`unknown questionId "${line.questionId}"`);
      return { question: { id: q.id, title: q.title, prompt: q.prompt, referenceAnswer: q.referenceAnswer }, rubric: q.rubric };
    }
    const question = line.question ?? '';
    const referenceAnswer = line.referenceAnswer ?? '';
    const key = draftKey(question, referenceAnswer);
    const cached = cache.get(key);
    if (cached) {
      stats.cacheHits++;
      return cached;
    }
    const drafting = deps.drafter.draft({ question, referenceAnswer }).then((rubric) => {
      stats.drafted++;
      return { question: { id: `drafted-${key.slice(0, 12)}`, title: titleOf(question), prompt: question, referenceAnswer }, rubric };
    });
    cache.set(key, drafting);
    drafting.catch(() => {
      if (cache.get(key) === drafting) cache.delete(key);
    });
    while (cache.size > maxCached) cache.delete(cache.keys().next().value as string);
    return drafting;
  }

  return { resolve, stats };
}
