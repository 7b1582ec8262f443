import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/guards';
import { screen } from '../../app/router';

const DashboardPage = lazy(() => import('./dashboard/DashboardPage'));
const TranscriptPage = lazy(() => import('./transcript/TranscriptPage'));
const ComparePage = lazy(() => import('./compare/ComparePage'));
const AgreementPage = lazy(() => import('./agreement/AgreementPage'));

/**
 * A reviewer screen. `screen` is called while rendering, not when this module loads: the router
 * module imports this one, so its exports are not ready yet at load time.
 */
function Reviewer({ children }: { children: ReactNode }) {
  return <RequireRole min="reviewer">{screen(children)}</RequireRole>;
}

/** Routes of this feature, mounted under the app layout by app/router.tsx. */
export const reviewRoutes: RouteObject[] = [
  {
    path: 'review',
    children: [
      {
        index: true,
        element: (
          <Reviewer>
            <DashboardPage />
          </Reviewer>
        ),
      },
      {
        path: 'interviews/:id',
        element: (
          <Reviewer>
            <TranscriptPage />
          </Reviewer>
        ),
      },
      {
        path: 'compare',
        element: (
          <Reviewer>
            <ComparePage />
          </Reviewer>
        ),
      },
      {
        path: 'agreement',
        element: (
          <Reviewer>
            <AgreementPage />
          </Reviewer>
        ),
      },
    ],
  },
];
