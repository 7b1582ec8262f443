import type { InterviewState } from '@interview/contracts/api';
import { Link } from 'react-router';
import { Page } from '../../../ui/page';

/** The end of an interview whose results wait for a reviewer (or one that was cancelled). */
export function Submitted({ state }: { state: InterviewState }) {
  if (state.status === 'cancelled')
    return (
      <Page title="Interview cancelled">
        <p>This interview was cancelled. Nothing more is needed from you.</p>
        <Link to="/practice">Back to practice</Link>
      </Page>
    );
  const answered = state.items.filter((i) => i.status === 'submitted').length;
  return (
    <Page title="Interview submitted">
      <div className="card stack">
        <p>
          Thank you. Your answers to <strong>{state.template.name}</strong> were submitted ({answered} answer{answered === 1 ? '' : 's'}).
        </p>
        <p>Results after review: a reviewer reads your answers first, and your scores and feedback appear here once they are released.</p>
        <p>
          <Link to="/practice">Back to practice</Link>
        </p>
      </div>
    </Page>
  );
}
