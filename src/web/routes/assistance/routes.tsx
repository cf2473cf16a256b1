import type { RouteDef } from '../route-def';
import { AssistanceIndex, AssistancePage } from './AssistancePage';

/** The assistance pages (spread into App.tsx's routes): programs for anyone signed in, referrals for handlers and readers of cases. */
export const ASSISTANCE_ROUTES: RouteDef[] = [
  { path: '/assistance', anyOf: [], render: () => <AssistanceIndex /> },
  { path: '/assistance/programs', anyOf: [], render: () => <AssistancePage tab="programs" /> },
  { path: '/assistance/programs/:code', anyOf: [], render: ({ code }) => <AssistancePage tab="programs" code={code} /> },
  { path: '/assistance/referrals', anyOf: ['referral.handle', 'case.read'], render: () => <AssistancePage tab="referrals" /> },
];
