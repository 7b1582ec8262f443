import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { adminRoutes } from '../features/admin/routes';
import { candidateRoutes } from '../features/candidate/routes';
import { reviewRoutes } from '../features/review/routes';
import { studioRoutes } from '../features/studio/routes';
import { Loading } from '../ui/page';
import { Home } from './guards';
import { Layout } from './Layout';

const SignIn = lazy(() => import('../features/auth/SignIn'));
const SignUp = lazy(() => import('../features/auth/SignUp'));
const AcceptInvite = lazy(() => import('../features/auth/AcceptInvite'));

/** Wraps a lazily loaded screen: each feature ships as its own chunk, so the room stays small. */
export const screen = (node: React.ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'sign-in', element: screen(<SignIn />) },
      { path: 'sign-up', element: screen(<SignUp />) },
      { path: 'invite/:token', element: screen(<AcceptInvite />) },
      ...candidateRoutes,
      ...reviewRoutes,
      ...studioRoutes,
      ...adminRoutes,
      { path: '*', element: <p role="alert">Page not found.</p> },
    ],
  },
];

export const router = createBrowserRouter(routes);
