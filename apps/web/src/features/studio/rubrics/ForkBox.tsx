import type { RubricDetail } from '@interview/contracts/api';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../api/client';
import { ErrorNote } from '../../../ui/page';
import { StatusMessage } from '../../../ui/status-message';
import { useForkRubric } from './queries';

/** Built-in rubrics are read-only: admins fork one into their organisation, then edit the copy. */
export function ForkBox({ rubric, canFork }: { rubric: RubricDetail; canFork: boolean }) {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const fork = useForkRubric(rubric.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    fork.mutate(name.trim() || undefined, {
      onSuccess: (created) => navigate(`/rubrics/${created.id}`, { state: { forkedFrom: rubric.name } }),
    });
  };
  const nameTaken = fork.error instanceof ApiError && fork.error.code === 'name_taken';
  return (
    <section className="notice fork-box" aria-labelledby="fork-title">
      <h2 id="fork-title">Built-in rubric (read-only)</h2>
      {canFork ? (
        <form className="row" onSubmit={submit}>
          <p className="fork-text">
            Fork it to your organisation to change criteria, weights, descriptors, key points or red flags. The built-in rubric stays as it
            is.
          </p>
          <div className="field">
            <label htmlFor="fork-name">Name for your copy (optional)</label>
            <input
              id="fork-name"
              value={name}
              maxLength={120}
              placeholder={rubric.name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={nameTaken ? true : undefined}
              aria-describedby={nameTaken ? 'fork-error' : undefined}
            />
          </div>
          <button type="submit" className="primary" disabled={fork.isPending}>
            Fork to my organisation
          </button>
        </form>
      ) : (
        <p>An admin can fork it to your organisation to customise it.</p>
      )}
      <StatusMessage message={fork.isPending ? 'Forking…' : ''} />
      <div id="fork-error">
        <ErrorNote error={fork.error} />
      </div>
    </section>
  );
}
