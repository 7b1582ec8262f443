import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequireRole } from '../../app/guards';
import { screen } from '../../app/router';

const AdminPage = lazy(() => import('./AdminPage'));

/** `screen` is called while rendering: the router module imports this one, so its exports are not ready at load time. */
function AdminScreen() {
  return <RequireRole min="admin">{screen(<AdminPage />)}</RequireRole>;
}

/** Routes of this feature, mounted under the app layout by app/router.tsx. */
export const adminRoutes: RouteObject[] = [{ path: 'admin', element: <AdminScreen /> }];
