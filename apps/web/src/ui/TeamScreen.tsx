import type { ReactNode } from 'react';
import './team-screen.css';

/** The body of a team or admin screen: its styles are scoped to this wrapper, so other screens are untouched. */
export function TeamScreen({ children }: { children: ReactNode }) {
  return <div className="team-screen">{children}</div>;
}
