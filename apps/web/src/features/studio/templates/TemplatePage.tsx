import { Link, useLocation, useParams } from 'react-router';
import { hasRole, useSession } from '../../../api/session';
import { ErrorNote, Loading, Page } from '../../../ui/page';
import { TeamScreen } from '../../../ui/TeamScreen';
import { useTemplate } from './queries';
import { TemplateEditor } from './TemplateEditor';
import { TemplateView } from './TemplateView';
import { formFromTemplate } from './template-form';
import '../studio.css';

/** One template: the builder for admins on their organisation's templates, read-only otherwise. */
export default function TemplatePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const session = useSession();
  const template = useTemplate(id);
  const isAdmin = hasRole(session.data, 'admin');
  if (template.isPending) return <Loading />;
  if (template.error)
    return (
      <Page title="Template">
        <ErrorNote error={template.error} />
        <Link to="/templates">Back to templates</Link>
      </Page>
    );
  const t = template.data;
  const editable = isAdmin && !t.builtIn;
  const justCreated = (location.state as { saved?: string } | null)?.saved;
  return (
    <Page
      title={editable ? `Edit template: ${t.name}` : t.name}
      wide
      actions={
        isAdmin && (
          <Link className="button" to={`/templates/new?from=${t.id}`}>
            Duplicate as new template
          </Link>
        )
      }
    >
      <TeamScreen>
        <p>
          <Link to="/templates">← Templates</Link>
        </p>
        {justCreated && <p className="notice">Created “{justCreated}”. You can keep editing it here.</p>}
        {t.builtIn && <p className="notice">Built-in templates are read-only. Duplicate one to change it for your organisation.</p>}
        {editable ? <TemplateEditor key={t.id} initial={formFromTemplate(t)} template={t} /> : <TemplateView t={t} />}
      </TeamScreen>
    </Page>
  );
}
