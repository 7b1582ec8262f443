import { Page } from '../../ui/page';
import { TeamScreen } from '../../ui/TeamScreen';
import { AuditSection } from './AuditSection';
import { InvitationsSection } from './InvitationsSection';
import { MembersSection } from './MembersSection';
import { QueuesSection } from './QueuesSection';
import { ServicesSection } from './ServicesSection';
import './admin.css';

/** Administration of the organisation: people, services, queues and the audit log. */
export default function AdminPage() {
  return (
    <Page title="Administration" wide>
      <TeamScreen>
        <nav aria-label="Administration sections" className="section-nav">
          <ul className="row plain-list">
            <li>
              <a href="#members">Members</a>
            </li>
            <li>
              <a href="#invitations">Invitations</a>
            </li>
            <li>
              <a href="#services">Grading and transcription</a>
            </li>
            <li>
              <a href="#queues">Queue health</a>
            </li>
            <li>
              <a href="#audit">Audit log</a>
            </li>
          </ul>
        </nav>
        <MembersSection />
        <InvitationsSection />
        <div className="admin-pair">
          <ServicesSection />
          <QueuesSection />
        </div>
        <AuditSection />
      </TeamScreen>
    </Page>
  );
}
