import { Link, useSearchParams } from 'react-router';
import { ErrorNote, Loading, Page } from '../../../ui/page';
import { TeamScreen } from '../../../ui/TeamScreen';
import { useTemplate } from './queries';
import { TemplateEditor } from './TemplateEditor';
import { emptyTemplateForm, formFromTemplate } from './template-form';
import '../studio.css';

/** A new template, empty or (with ?from=<id>) copied from another one. */
export default function NewTemplatePage() {
  const [params] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const source = useTemplate(from);
  if (from && source.isPending) return <Loading />;
  return (
    <Page title={source.data ? `New template from ${source.data.name}` : 'New template'} wide>
      <TeamScreen>
        <p>
          <Link to="/templates">← Templates</Link>
        </p>
        <ErrorNote error={source.error} />
        <TemplateEditor key={from ?? 'new'} initial={source.data ? formFromTemplate(source.data, true) : emptyTemplateForm()} />
      </TeamScreen>
    </Page>
  );
}
