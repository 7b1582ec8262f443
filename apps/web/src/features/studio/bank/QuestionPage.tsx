import { Link, useParams } from 'react-router';
import { ErrorNote, Loading, Page } from '../../../ui/page';
import { TeamScreen } from '../../../ui/TeamScreen';
import { QuestionMeta } from './QuestionMeta';
import { useQuestion } from './queries';
import { RubricSummary } from './RubricSummary';

/** One bank question for reviewers: prompt, reference answer and the rubric in force. */
export default function QuestionPage() {
  const { id = '' } = useParams();
  const question = useQuestion(id);
  if (question.isPending) return <Loading />;
  if (question.error)
    return (
      <Page title="Question">
        <ErrorNote error={question.error} />
        <Link to="/bank">Back to the question bank</Link>
      </Page>
    );
  const q = question.data;
  return (
    <Page title={q.title} wide>
      <TeamScreen>
        <p>
          <Link to="/bank">← Question bank</Link>
        </p>
        <QuestionMeta q={q} />
        <section className="card" aria-labelledby="prompt-title">
          <h2 id="prompt-title">Prompt</h2>
          <p className="prose">{q.prompt}</p>
        </section>
        <section className="card" aria-labelledby="reference-title">
          <h2 id="reference-title">Reference answer</h2>
          <div className="answer-text">{q.referenceAnswer}</div>
        </section>
        {q.rubric ? (
          <RubricSummary rubric={q.rubric} questionId={q.id} />
        ) : (
          <p className="notice">This question has no published rubric yet.</p>
        )}
      </TeamScreen>
    </Page>
  );
}
