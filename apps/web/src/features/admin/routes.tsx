import type { RouteObject } from 'react-router';

/** Routes of this feature, mounted under the app layout by app/router.tsx. */
export const adminRoutes: RouteObject[] = [];
