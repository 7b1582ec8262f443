import type { RubricDefinition } from '@interview/contracts/rubric';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { hasRole, useSession } from '../../../api/session';
import { ErrorNote, Loading, Page } from '../../../ui/page';
import { TeamScreen } from '../../../ui/TeamScreen';
import { CalibrationPanel } from './CalibrationPanel';
import { DefinitionEditor } from './DefinitionEditor';
import { DefinitionView } from './DefinitionView';
import { ForkBox } from './ForkBox';
import { useRubric, useRubricVersion } from './queries';
import { RegradePanel } from './RegradePanel';
import { TryPanel } from './TryPanel';
import { VersionHistory } from './VersionHistory';
import '../studio.css';

/**
 * The rubric studio: edit (admins, own rubrics) or read (everyone else) the current version, try it
 * on a sample answer, compare versions, keep calibration answers, and regrade past answers.
 */
export default function RubricStudioPage() {
  const { id = '' } = useParams();
  return <Studio key={id} id={id} />;
}

function Studio({ id }: { id: string }) {
  const location = useLocation();
  const session = useSession();
  const isAdmin = hasRole(session.data, 'admin');
  const rubric = useRubric(id);
  const r = rubric.data;
  const current = r ? ((isAdmin ? r.draft : null) ?? r.latestPublished) : null;
  const version = useRubricVersion(id, current?.id);
  // The editor starts from the first definition loaded and then owns its state.
  const [initial, setInitial] = useState<RubricDefinition | null>(null);
  useEffect(() => {
    if (!initial && version.data) setInitial(version.data.definition);
  }, [initial, version.data]);
  const [dirty, setDirty] = useState(false);

  if (rubric.isPending) return <Loading />;
  if (rubric.error || !r)
    return (
      <Page title="Rubric">
        <ErrorNote error={rubric.error} />
        <Link to="/rubrics">Back to rubrics</Link>
      </Page>
    );
  const editable = isAdmin && !r.builtIn;
  const definition = version.data?.definition ?? initial ?? undefined;
  const forkedFrom = (location.state as { forkedFrom?: string } | null)?.forkedFrom;

  return (
    <Page title={`Rubric: ${r.question.title}`} wide>
      <TeamScreen>
        <p className="row">
          <Link to="/rubrics">← Rubrics</Link>
          <Link to={`/bank/${r.question.id}`}>The question in the bank</Link>
        </p>
        <p className="row">
          <span>
            <strong>{r.name}</strong> · {r.question.category}
          </span>
          <span className={r.builtIn ? 'badge' : 'badge badge-ok'}>{r.builtIn ? 'Built-in' : 'Your organisation'}</span>
          {r.latestPublished && <span className="badge">Published v{r.latestPublished.version}</span>}
          {r.draft && <span className="badge badge-warn">Draft v{r.draft.version}</span>}
          {r.forkedFromVersionId && <span className="muted small">Forked from a built-in version</span>}
        </p>
        {forkedFrom && !r.builtIn && (
          <p className="notice" role="status">
            Forked “{forkedFrom}” to your organisation. Edit this copy, save a draft, then publish it.
          </p>
        )}
        {r.builtIn && <ForkBox rubric={r} canFork={isAdmin} />}
        <nav aria-label="Studio sections" className="section-nav">
          <ul className="row plain-list">
            <li>
              <a href="#criteria-title">Criteria</a>
            </li>
            <li>
              <a href="#try">Try it</a>
            </li>
            <li>
              <a href="#versions">Versions</a>
            </li>
            {editable && (
              <li>
                <a href="#calibration">Calibration</a>
              </li>
            )}
            <li>
              <a href="#regrade">Regrade</a>
            </li>
          </ul>
        </nav>
        <div className="studio-grid">
          <div className="studio-main">
            {version.error && <ErrorNote error={version.error} />}
            {!current ? (
              <p className="notice">This rubric has no published version yet.</p>
            ) : !definition ? (
              <Loading />
            ) : editable && initial ? (
              <DefinitionEditor rubric={r} initial={initial} onDirtyChange={setDirty} />
            ) : (
              <DefinitionView definition={definition} />
            )}
          </div>
          <aside className="studio-aside" aria-label="Try the rubric">
            <TryPanel rubric={r} canSeeDraft={isAdmin} dirty={dirty} />
          </aside>
        </div>
        <VersionHistory rubric={r} definition={definition} />
        {editable && definition && <CalibrationPanel rubric={r} definition={definition} editable={editable} />}
        <RegradePanel rubric={r} canRegrade={isAdmin} />
      </TeamScreen>
    </Page>
  );
}
