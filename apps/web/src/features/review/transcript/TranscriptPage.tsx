import { useParams } from 'react-router';
import { useSession } from '../../../api/session';
import { ErrorNote, Loading } from '../../../ui/page';
import { exportUrls, useResultTexts, useTranscript } from '../api';
import { decisionLabel, formatDate } from '../format';
import { ReviewPage } from '../ReviewPage';
import type { Transcript } from '../types';
import { DecisionForm } from './DecisionForm';
import { InterviewOverview } from './InterviewOverview';
import { QuestionSection } from './QuestionSection';
import { ReleasePanel } from './ReleasePanel';

/** Whether any answer is still on its way to a grade, so the page should poll. */
const stillGrading = (t: Transcript | undefined) =>
  !!t?.questions.some(
    (q) =>
      q.grade?.status === 'pending' ||
      [q.answer, ...q.followups.map((f) => f.answer)].some((a) => a && ['submitted', 'transcribing', 'grading'].includes(a.status)),
  );

/** `/review/interviews/:id`: the scored transcript, overrides, the decision and the release. */
export default function TranscriptPage() {
  const { id = '' } = useParams();
  const transcript = useTranscript(id, stillGrading);
  const texts = useResultTexts(id);
  const session = useSession();
  const t = transcript.data;

  if (transcript.isPending) return <Loading label="Loading the transcript…" />;
  if (!t)
    return (
      <ReviewPage title="Interview">
        <ErrorNote error={transcript.error} />
      </ReviewPage>
    );

  const mine = t.decisions.find((d) => d.reviewer.id === session.data?.user.id);
  const others = t.decisions.filter((d) => d !== mine);
  const textsFor = (itemId: string) => texts.data?.questions.find((q) => q.itemId === itemId);

  return (
    <ReviewPage
      title={`Interview: ${t.interview.candidate.name}`}
      actions={
        <>
          <a className="button" href={exportUrls.interview(t.interview.id, 'json')} download>
            Export JSON
          </a>
          <a className="button" href={exportUrls.interview(t.interview.id, 'csv')} download>
            Export CSV
          </a>
          <button type="button" onClick={() => window.print()}>
            Print report
          </button>
        </>
      }
    >
      <p className="print-only muted">
        {t.interview.template.name} · printed {formatDate(new Date().toISOString())}
      </p>
      <InterviewOverview transcript={t} />
      {t.questions.length === 0 ? (
        <p className="card">This interview has no questions yet.</p>
      ) : (
        t.questions.map((q, i) => <QuestionSection key={q.id} question={q} number={i + 1} texts={textsFor(q.id)} />)
      )}
      <section aria-labelledby="decision-heading" className="card decision">
        <h2 id="decision-heading">Decision</h2>
        {others.length > 0 && (
          <>
            <h3>Other reviewers</h3>
            <ul className="plain-list">
              {others.map((d) => (
                <li key={d.id}>
                  <strong>{decisionLabel(d.decision)}</strong> by {d.reviewer.name}{' '}
                  <span className="muted small">({formatDate(d.updatedAt)})</span>
                  {d.notes && <p className="notes">{d.notes}</p>}
                </li>
              ))}
            </ul>
          </>
        )}
        {mine && (
          <div className="print-only">
            <p>
              <strong>{decisionLabel(mine.decision)}</strong> by {mine.reviewer.name} ({formatDate(mine.updatedAt)})
            </p>
            {mine.notes && <p className="notes">{mine.notes}</p>}
          </div>
        )}
        <DecisionForm interviewId={t.interview.id} mine={mine} />
      </section>
      <ReleasePanel interview={t.interview} />
    </ReviewPage>
  );
}
