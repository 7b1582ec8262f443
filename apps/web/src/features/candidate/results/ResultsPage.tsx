import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { formatScore } from '../../../ui/format';
import { ErrorNote, Loading, OfflineBadge, Page } from '../../../ui/page';
import { settled, useInterview, useResults } from '../api';
import { QuestionResultCard } from './QuestionResultCard';
import '../candidate.css';
import './results.css';

/** `/interviews/:id/results`: totals, per-criterion scores, highlighted evidence and advice. */
export default function ResultsPage() {
  const { id = '' } = useParams();
  const results = useResults(id);
  const interview = useInterview(id);
  const notReleased = results.error instanceof ApiError && results.error.code === 'results_not_released';
  const data = results.data;
  const offline = data?.questions.some((q) => q.grade?.grader === 'offline');
  return (
    <Page title="Results" actions={data?.complete ? <PrintButton /> : undefined}>
      {interview.data && (
        <p className="lead">
          <strong>{interview.data.template.name}</strong> · {interview.data.mode === 'practice' ? 'Practice' : 'Assessment'}
        </p>
      )}
      {results.isPending ? (
        <Loading label="Loading results…" />
      ) : notReleased ? (
        <p className="notice">Your answers were submitted. Results appear here after a reviewer releases them.</p>
      ) : results.error ? (
        <ErrorNote error={results.error} />
      ) : data ? (
        <>
          <section className="card summary" aria-label="Overall result">
            {data.complete && data.total !== null ? (
              <p className="overall">
                Total <strong>{formatScore(data.total)}</strong> / 100
              </p>
            ) : settled(data) ? (
              <p>Your total appears once a reviewer has scored the answers that could not be graded automatically.</p>
            ) : (
              <p role="status">Grading… your total appears when every answer is graded. This page updates by itself.</p>
            )}
            {offline && (
              <p>
                <OfflineBadge /> <span className="muted">Scores come from the built-in offline grader, not a language model.</span>
              </p>
            )}
          </section>
          {interview.data && data.questions.length < interview.data.template.questionCount && (
            <p className="notice">
              {interview.data.template.questionCount - data.questions.length} of {interview.data.template.questionCount} questions were not
              reached; they count as unanswered (0) in the total.
            </p>
          )}
          {data.questions.map((q, i) => (
            <QuestionResultCard key={q.itemId} q={q} number={i + 1} />
          ))}
        </>
      ) : null}
      <p className="no-print">
        <Link to="/practice">Back to practice</Link>
      </p>
    </Page>
  );
}

function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()}>
      Print or save as PDF
    </button>
  );
}
