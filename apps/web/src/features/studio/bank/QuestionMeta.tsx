import type { QuestionSummary } from '@interview/contracts/api';
import { formatLimit } from '../../../ui/format';

const DIFFICULTY = ['', 'Foundational', 'Intermediate', 'Advanced'];

/** Category, difficulty, suggested time and tags of one question, as text (never colour alone). */
export function QuestionMeta({ q }: { q: QuestionSummary }) {
  return (
    <p className="row question-meta">
      <span className="badge">{q.category}</span>
      <span>
        Difficulty {q.difficulty} of 3{DIFFICULTY[q.difficulty] ? ` (${DIFFICULTY[q.difficulty]})` : ''}
      </span>
      <span>Suggested time {formatLimit(q.timeLimitSec)}</span>
      {!q.builtIn && <span className="badge badge-ok">Your organisation</span>}
      {q.tags.length > 0 && <span className="muted">Tags: {q.tags.join(', ')}</span>}
    </p>
  );
}
