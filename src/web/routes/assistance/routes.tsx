import type { RouteDef } from '../route-def';

/** The assistance pages (spread into App.tsx's routes). */
export const ASSISTANCE_ROUTES: RouteDef[] = [];
