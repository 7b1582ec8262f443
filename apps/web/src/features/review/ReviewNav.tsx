import { NavLink } from 'react-router';

/** Links between the reviewer screens; the main nav only names the dashboard. */
export function ReviewNav() {
  return (
    <nav aria-label="Review" className="review-nav no-print">
      <ul>
        <li>
          <NavLink to="/review" end>
            Interviews
          </NavLink>
        </li>
        <li>
          <NavLink to="/review/compare">Compare candidates</NavLink>
        </li>
        <li>
          <NavLink to="/review/agreement">AI agreement</NavLink>
        </li>
      </ul>
    </nav>
  );
}
