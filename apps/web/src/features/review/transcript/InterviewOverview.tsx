import { FlaggedBadge } from '../FlagBadges';
import { decisionLabel, formatDate, formatTotal, modeLabel, statusLabel } from '../format';
import type { Transcript } from '../types';
import { aiInterviewTotal } from './totals';

/** The report's head: who, which template, when, and the total with overrides applied. */
export function InterviewOverview({ transcript }: { transcript: Transcript }) {
  const { interview, questions } = transcript;
  const aiTotal = aiInterviewTotal(questions.map((q) => q.grade?.aiTotal ?? null));
  const overrides = questions.reduce((n, q) => n + (q.grade?.criteria.filter((c) => c.override).length ?? 0), 0);
  const flagged = questions.filter((q) => q.grade && (q.grade.flags.length > 0 || q.grade.status === 'needs_human_review')).length;
  const offline = questions.some((q) => q.grade?.grader === 'offline');
  return (
    <section aria-label="Overview" className="card overview">
      <div className="overview-total">
        <p className="big-number">
          {formatTotal(transcript.total)}
          <span className="muted"> / 100</span>
        </p>
        <p className="muted small">
          {transcript.complete
            ? overrides > 0
              ? `With ${overrides} reviewer ${overrides === 1 ? 'override' : 'overrides'}; AI total ${formatTotal(aiTotal)}.`
              : 'AI total; no overrides.'
            : 'The total appears once every question is graded.'}
        </p>
        {offline && <p className="muted small">Scored by the offline grader: treat as an estimate.</p>}
      </div>
      <dl className="meta-list">
        <div>
          <dt>Candidate</dt>
          <dd>
            {interview.candidate.name}
            <span className="muted small sub">{interview.candidate.email}</span>
          </dd>
        </div>
        <div>
          <dt>Template</dt>
          <dd>{interview.template.name}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {statusLabel(interview.status)} · {modeLabel(interview.mode)}
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatDate(interview.startedAt)}</dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>{formatDate(interview.finishedAt)}</dd>
        </div>
        <div>
          <dt>Results</dt>
          <dd>{interview.resultsReleasedAt ? `Released ${formatDate(interview.resultsReleasedAt)}` : 'Not released'}</dd>
        </div>
        <div>
          <dt>Flags</dt>
          <dd>
            {flagged > 0 ? (
              <>
                <FlaggedBadge /> {flagged} of {questions.length} questions
              </>
            ) : (
              'None'
            )}
          </dd>
        </div>
        <div>
          <dt>Decisions</dt>
          <dd>
            {transcript.decisions.length === 0
              ? 'None yet'
              : transcript.decisions.map((d) => `${decisionLabel(d.decision)} (${d.reviewer.name})`).join(', ')}
          </dd>
        </div>
      </dl>
    </section>
  );
}
