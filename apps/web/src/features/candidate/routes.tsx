import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/guards';
import { screen } from '../../app/router';

// Each screen is its own chunk; the room's stays small (no charting, no zod, no heavy libraries).
const PracticePage = lazy(() => import('./practice/PracticePage'));
const CheckPage = lazy(() => import('./check/CheckPage'));
const RoomPage = lazy(() => import('./room/RoomPage'));
const ResultsPage = lazy(() => import('./results/ResultsPage'));

/**
 * A candidate screen. `screen` is called while rendering, not when this module loads: the router
 * module imports this one, so its exports are not initialised yet at load time.
 */
function Candidate({ children }: { children: ReactNode }) {
  return <RequireRole min="candidate">{screen(children)}</RequireRole>;
}

/** Routes of this feature, mounted under the app layout by app/router.tsx. */
export const candidateRoutes: RouteObject[] = [
  {
    path: 'practice',
    element: (
      <Candidate>
        <PracticePage />
      </Candidate>
    ),
  },
  {
    path: 'interviews/:id/check',
    element: (
      <Candidate>
        <CheckPage />
      </Candidate>
    ),
  },
  {
    path: 'interviews/:id/room',
    element: (
      <Candidate>
        <RoomPage />
      </Candidate>
    ),
  },
  {
    path: 'interviews/:id/results',
    element: (
      <Candidate>
        <ResultsPage />
      </Candidate>
    ),
  },
];
