import { ErrorNote, Loading, Page } from '../../../ui/page';
import { useMyInterviews } from '../api';
import { MyInterviews } from './MyInterviews';
import { isOpen, OpenInterviews } from './OpenInterviews';
import { TemplateCards } from './TemplateCards';
import { practiceTrend, TrendChart } from './TrendChart';
import '../candidate.css';
import './practice.css';

/** `/practice`: templates to practise, the candidate's interviews and their practice trend. */
export default function PracticePage() {
  const interviews = useMyInterviews();
  const open = interviews.data?.filter(isOpen) ?? [];
  return (
    <Page title="Practice">
      {open.length > 0 && (
        <section aria-labelledby="practice-open">
          <h2 id="practice-open">Waiting for you</h2>
          <OpenInterviews interviews={open} />
        </section>
      )}
      <section aria-labelledby="practice-templates" className={open.length > 0 ? 'section-title' : undefined}>
        <h2 id="practice-templates">Practise an interview</h2>
        <TemplateCards />
      </section>
      <section aria-labelledby="practice-mine" className="section-title">
        <h2 id="practice-mine">Your interviews</h2>
        {interviews.isPending ? (
          <Loading />
        ) : interviews.error ? (
          <ErrorNote error={interviews.error} />
        ) : (
          <MyInterviews interviews={interviews.data} />
        )}
      </section>
      <section aria-labelledby="practice-trend" className="section-title">
        <h2 id="practice-trend">Your practice trend</h2>
        {interviews.data && <TrendChart points={practiceTrend(interviews.data)} />}
      </section>
    </Page>
  );
}
