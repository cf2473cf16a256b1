import type { RouteDef } from '../route-def';

/** The intake pages (spread into App.tsx's routes). */
export const INTAKE_ROUTES: RouteDef[] = [];
