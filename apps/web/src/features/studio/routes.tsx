import type { Role } from '@interview/contracts/api';
import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/guards';
import { screen } from '../../app/router';

const BankPage = lazy(() => import('./bank/BankPage'));
const QuestionPage = lazy(() => import('./bank/QuestionPage'));
const TemplatesPage = lazy(() => import('./templates/TemplatesPage'));
const TemplatePage = lazy(() => import('./templates/TemplatePage'));
const NewTemplatePage = lazy(() => import('./templates/NewTemplatePage'));
const RubricsPage = lazy(() => import('./rubrics/RubricsPage'));
const RubricStudioPage = lazy(() => import('./rubrics/RubricStudioPage'));

/**
 * A guarded, lazily loaded screen. `screen` is called while rendering, not when this module
 * loads: the router module imports this one, so its exports are not ready at load time.
 */
function Guarded({ min, children }: { min: Role; children: ReactNode }) {
  return <RequireRole min={min}>{screen(children)}</RequireRole>;
}

const reviewer = (node: ReactNode) => <Guarded min="reviewer">{node}</Guarded>;
const admin = (node: ReactNode) => <Guarded min="admin">{node}</Guarded>;

/** The team side: question bank, templates and the rubric studio. Reviewers read; admins edit. */
export const studioRoutes: RouteObject[] = [
  {
    path: 'bank',
    children: [
      { index: true, element: reviewer(<BankPage />) },
      { path: ':id', element: reviewer(<QuestionPage />) },
    ],
  },
  {
    path: 'templates',
    children: [
      { index: true, element: reviewer(<TemplatesPage />) },
      { path: 'new', element: admin(<NewTemplatePage />) },
      { path: ':id', element: reviewer(<TemplatePage />) },
    ],
  },
  {
    path: 'rubrics',
    children: [
      { index: true, element: reviewer(<RubricsPage />) },
      { path: ':id', element: reviewer(<RubricStudioPage />) },
    ],
  },
];
