import type { InterviewState } from '@interview/contracts/api';
import { useState } from 'react';
import { api } from '../../../api/client';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ErrorNote } from '../../../ui/page';

/** "Finish interview" with a confirmation: the open answer is submitted as saved, the rest count as unanswered. */
export function FinishInterview({ interviewId, onFinished }: { interviewId: string; onFinished: (state: InterviewState) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const finish = async () => {
    setBusy(true);
    setError(null);
    try {
      onFinished(await api.post<InterviewState>(`/api/interviews/${interviewId}/finish`));
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        Finish interview
      </button>
      <ConfirmDialog
        open={open}
        title="Finish the interview now?"
        confirmLabel={busy ? 'Finishing…' : 'Finish interview'}
        cancelLabel="Keep answering"
        danger
        busy={busy}
        onConfirm={() => void finish()}
        onCancel={() => setOpen(false)}
      >
        <p>Your current answer is submitted as last saved. Questions you have not reached count as unanswered. This cannot be undone.</p>
        <ErrorNote error={error} />
      </ConfirmDialog>
    </>
  );
}
