import type { ReactNode } from 'react';
import type { RouteDef } from '../route-def';
import { ApplyPage } from './ApplyPage';
import { ApplyStatusPage } from './ApplyStatusPage';
import { IntakePage } from './IntakePage';
import { ReportPage } from './ReportPage';

/** The intake pages (spread into App.tsx's routes). */
export const INTAKE_ROUTES: RouteDef[] = [
  { path: '/report', anyOf: ['case.report'], render: () => <ReportPage /> },
  { path: '/intake', anyOf: ['case.read'], render: () => <IntakePage /> },
];

/** Public pages: shown without a session and without the app menu (App.tsx's Shell). */
export const PUBLIC_PAGES: Record<string, () => ReactNode> = {
  '/apply': () => <ApplyPage />,
  '/apply/status': () => <ApplyStatusPage />,
};
