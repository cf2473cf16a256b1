import type { RouteDef } from '../route-def';
import { CaseDocumentPage } from './CaseDocumentPage';
import { PublicityPrint } from './PublicityPrint';

/** The print views (outside the app's menu and header; App.tsx renders them bare). */
export const PRINT_ROUTES: RouteDef[] = [
  { path: '/print/cases/:id/:kind', anyOf: ['case.read'], render: ({ id, kind }) => <CaseDocumentPage id={id} kind={kind} /> },
  { path: '/print/publicity', anyOf: ['case.read'], render: () => <PublicityPrint /> },
];
