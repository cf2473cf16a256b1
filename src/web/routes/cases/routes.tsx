import type { RouteDef } from '../route-def';
import { CasePage } from './CasePage';
import { CasesPage } from './CasesPage';
import { InboxPage } from './InboxPage';
import { VisitPage } from './visit/VisitPage';

/**
 * The cases pages (spread into App.tsx's routes): 我的待办 (also for a department handler's
 * referrals), the case list, one case and its home-visit form.
 */
export const CASES_ROUTES: RouteDef[] = [
  { path: '/inbox', anyOf: ['case.read', 'referral.handle'], render: () => <InboxPage /> },
  { path: '/cases', anyOf: ['case.read'], render: () => <CasesPage /> },
  { path: '/cases/:id', anyOf: ['case.read'], render: ({ id }) => <CasePage id={id} /> },
  { path: '/cases/:id/visit', anyOf: ['case.visit'], render: ({ id }) => <VisitPage id={id} /> },
];
