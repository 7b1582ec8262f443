import { formatScore } from '../../../ui/format';
import { InlineText } from '../../../ui/InlineText';
import { OfflineBadge } from '../../../ui/page';
import type { QuestionResult } from '../types';
import { CriterionScores } from './CriterionScores';
import { anchorHomes, gradedText, quotesOf } from './evidence';
import { Feedback } from './Feedback';
import { HighlightedAnswer } from './HighlightedAnswer';
import { FLAG_LABEL, humanise } from './labels';

function GradeStatus({ q }: { q: QuestionResult }) {
  const g = q.grade;
  if (q.answerStatus === 'transcribing')
    return (
      <p className="notice" role="status">
        Transcribing your recording… then grading.
      </p>
    );
  if (q.answerStatus === 'needs_human_review' && (!g || g.status === 'pending' || g.status === 'failed'))
    return <p className="notice">This answer could not be transcribed or graded automatically; a reviewer will score it.</p>;
  if (!g || g.status === 'pending')
    return (
      <p className="notice" role="status">
        Grading… this page updates by itself.
      </p>
    );
  if (g.status === 'failed') return <p className="notice">Automatic grading failed for this answer; a reviewer will score it.</p>;
  return null;
}

/** One question's results: total, per-criterion scores, the answer with evidence marked, feedback and follow-ups. */
export function QuestionResultCard({ q, number }: { q: QuestionResult; number: number }) {
  const g = q.grade;
  const { text, passages } = gradedText(q);
  const quotes = g ? quotesOf(q, text) : [];
  const homes = anchorHomes(passages, quotes);
  const criteria = (g?.criteria ?? []).map((c) => ({ key: c.key, title: c.title ?? humanise(c.key) }));
  const ready = g && (g.status === 'done' || g.status === 'needs_human_review');
  const headingId = `result-${q.itemId}`;
  return (
    <article className="card result" aria-labelledby={headingId}>
      <div className="result-head">
        <h2 id={headingId}>
          <span className="muted">Question {number}: </span>
          {q.questionTitle}
        </h2>
        <div className="row">
          {ready && g.total !== null && (
            <span className="total">
              <strong>{formatScore(g.total)}</strong> / 100
            </span>
          )}
          {g?.grader === 'offline' && <OfflineBadge />}
          {g?.grader === 'llm' && <span className="badge">AI grader{g.model ? ` (${g.model})` : ''}</span>}
          {g?.status === 'needs_human_review' && <span className="badge badge-warn">A reviewer will check this grade</span>}
        </div>
      </div>
      <GradeStatus q={q} />
      {ready && g.flags.length > 0 && (
        <ul className="row plain-list" aria-label="Notes on this answer">
          {[...new Set(g.flags)].map((f) => (
            <li key={f} className="badge badge-warn">
              {FLAG_LABEL[f] ?? humanise(f)}
            </li>
          ))}
        </ul>
      )}

      <h3>Your answer</h3>
      {passages[0] && <HighlightedAnswer itemId={q.itemId} passage={passages[0]} quotes={quotes} homes={homes} criteria={criteria} />}
      {(q.followups ?? []).map((f, i) => {
        const passage = passages[i + 1];
        return (
          <section key={f.itemId} className="followup-result" aria-labelledby={`fu-${f.itemId}`}>
            <h4 id={`fu-${f.itemId}`}>
              <span className="badge badge-warn">Follow-up {i + 1}</span> <InlineText text={f.prompt} />
            </h4>
            {passage && f.answerText?.trim() ? (
              <HighlightedAnswer itemId={q.itemId} passage={passage} quotes={quotes} homes={homes} criteria={criteria} />
            ) : (
              <p className="muted">No answer was given.</p>
            )}
          </section>
        );
      })}
      {homes.size > 0 && (
        <p className="muted legend">
          Highlighted: quotes the grader used as evidence. The number after each highlight is its criterion below.
        </p>
      )}

      {ready && g.criteria.length > 0 && (
        <>
          <h3>Scores by criterion</h3>
          <CriterionScores itemId={q.itemId} criteria={g.criteria} located={homes} />
        </>
      )}
      {ready && <Feedback grade={g} />}
    </article>
  );
}
