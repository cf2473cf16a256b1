import type { RouteDef } from '../route-def';

/** The cases pages (spread into App.tsx's routes). */
export const CASES_ROUTES: RouteDef[] = [];
