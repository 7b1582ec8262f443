import type { InterviewState } from '@interview/contracts/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { ErrorNote, Loading, Page } from '../../../ui/page';
import { keys, useInterview } from '../api';
import { BrowserSupport } from './BrowserSupport';
import { MicTest } from './MicTest';
import { Rules } from './Rules';
import '../candidate.css';
import './check.css';

/** `/interviews/:id/check`: microphone and browser check, the rules, then "Start interview". */
export default function CheckPage() {
  const { id = '' } = useParams();
  const interview = useInterview(id);
  return (
    <Page title="Before you start">
      {interview.isPending ? <Loading /> : interview.error ? <ErrorNote error={interview.error} /> : <Check state={interview.data} />}
    </Page>
  );
}

function Check({ state }: { state: InterviewState }) {
  const spoken = state.answerModes.includes('spoken');
  return (
    <div className="check">
      <p className="lead">
        <strong>{state.template.name}</strong> · {state.mode === 'practice' ? 'Practice' : 'Assessment'}
      </p>
      <section className="card" aria-labelledby="check-rules">
        <h2 id="check-rules">How it works</h2>
        <Rules state={state} />
      </section>
      <section className="card" aria-labelledby="check-mic">
        <h2 id="check-mic">Microphone</h2>
        <MicTest spokenAllowed={spoken} />
      </section>
      <section className="card" aria-labelledby="check-browser">
        <h2 id="check-browser">Your browser</h2>
        <BrowserSupport spokenAllowed={spoken} />
      </section>
      <StartSection state={state} />
    </div>
  );
}

function StartSection({ state }: { state: InterviewState }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const start = useMutation({
    mutationFn: () => api.post<InterviewState>(`/api/interviews/${state.id}/start`),
    onSuccess: (next) => {
      client.setQueryData(keys.interview(state.id), next);
      void client.invalidateQueries({ queryKey: keys.myInterviews });
      navigate(`/interviews/${state.id}/room`);
    },
  });
  const room = `/interviews/${state.id}/room`;
  return (
    <section className="card start" aria-labelledby="check-start">
      <h2 id="check-start">Ready?</h2>
      {state.status === 'scheduled' && (
        <>
          <p>The clock starts when you press the button and cannot be paused.</p>
          <ErrorNote error={start.error} />
          <button type="button" className="primary big" onClick={() => start.mutate()} disabled={start.isPending}>
            {start.isPending ? 'Starting…' : 'Start interview'}
          </button>
        </>
      )}
      {state.status === 'in_progress' && (
        <>
          <p>This interview is already under way and its clock is running.</p>
          <Link className="button primary big" to={room}>
            Continue interview
          </Link>
        </>
      )}
      {(state.status === 'completed' || state.status === 'expired') &&
        (state.resultsAvailable ? (
          <p>
            This interview is finished. <Link to={`/interviews/${state.id}/results`}>See your results</Link>.
          </p>
        ) : (
          <p>This interview is finished. Your results will be shown after a reviewer releases them.</p>
        ))}
      {state.status === 'cancelled' && <p>This interview was cancelled.</p>}
    </section>
  );
}
