import { Link } from 'react-router';
import { hasRole, useSession } from '../../../api/session';
import { formatLimit } from '../../../ui/format';
import { ErrorNote, Loading, Page } from '../../../ui/page';
import { TeamScreen } from '../../../ui/TeamScreen';
import { useTemplates } from './queries';
import '../studio.css';

/** Every template the organisation can use: its own and the built-in ones. */
export default function TemplatesPage() {
  const session = useSession();
  const isAdmin = hasRole(session.data, 'admin');
  const templates = useTemplates();
  return (
    <Page
      title="Templates"
      wide
      actions={
        isAdmin && (
          <Link className="button primary" to="/templates/new">
            New template
          </Link>
        )
      }
    >
      <TeamScreen>
        {templates.isPending && <Loading />}
        <ErrorNote error={templates.error} />
        {templates.data && templates.data.length === 0 && <p className="notice">No templates yet.</p>}
        {templates.data && templates.data.length > 0 && (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Interview templates</caption>
              <thead>
                <tr>
                  <th scope="col">Template</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Questions</th>
                  <th scope="col">Total time</th>
                  <th scope="col">Answers</th>
                  <th scope="col">Follow-ups</th>
                  <th scope="col">Owner</th>
                </tr>
              </thead>
              <tbody>
                {templates.data.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">
                      <Link to={`/templates/${t.id}`}>{t.name}</Link>
                      <div className="muted small">{t.description}</div>
                    </th>
                    <td>{t.mode}</td>
                    <td>{t.questionCount}</td>
                    <td>{formatLimit(t.totalTimeLimitSec)}</td>
                    <td>{t.answerModes.join(', ')}</td>
                    <td>{t.followupsPerQuestion}</td>
                    <td>
                      <span className={t.builtIn ? 'badge' : 'badge badge-ok'}>{t.builtIn ? 'Built-in' : 'Your organisation'}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </TeamScreen>
    </Page>
  );
}
