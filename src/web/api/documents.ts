/**
 * The printed papers of a case (docs/cases.md, "Printable documents"): GET
 * /api/cases/{id}/documents/{kind} and the publicity list GET /api/publicity. ID numbers come
 * masked; the publicity list masks the given name too. Every read is audited on the server.
 */
import { apiGet } from './api';
import { useQuery } from './query';
import type { AssessmentResult, TierCategory } from './recognition';
import type { CaseCheck, CaseDecision, CaseEvent, CaseVisit, PersonRef, SubjectRef } from './case-types';
import { qs } from '../router';

export const DOCUMENT_KINDS = ['visit', 'check', 'approval', 'notice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface RegionStep {
  code: string;
  name: string;
}

export interface DocumentMember {
  id: string;
  name: string;
  id_number_masked: string;
  relation: string;
  sex: string | null;
  birth_date: string | null;
  health: string | null;
  disability_type: string | null;
  disability_grade: number | null;
  work_ability: string | null;
}

interface DocumentBase {
  case_id: string;
  generated_at: string;
  region_path: RegionStep[];
  household: { code: string; address: string | null; hukou_type: string; region_code: string; members: DocumentMember[] } | null;
  subject: SubjectRef | null;
  state: string;
}

export interface VisitDocument extends DocumentBase {
  kind: 'visit';
  visit: CaseVisit | null;
}

export interface CheckDocument extends DocumentBase {
  kind: 'check';
  check: (CaseCheck & { figures: Record<string, number | null> }) | null;
}

export interface ApprovalDocument extends DocumentBase {
  kind: 'approval';
  assessment: AssessmentResult | null;
  proposal: TierCategory | null;
  publicity: { from: string; until: string; over?: boolean } | null;
  decision: CaseDecision | null;
  history: CaseEvent[];
}

export interface NoticeDocument extends DocumentBase {
  kind: 'notice';
  notice: {
    outcome: 'approved' | 'refused' | 'exited';
    category: TierCategory | null;
    reasons: string | null;
    override_reason: string | null;
    valid_from: string | null;
    valid_to: string | null;
    monthly_amount: number | string | null;
    decided_at: string;
    decided_by: string;
    head: PersonRef | null;
  };
  issued_by: string | null;
}

export type CaseDocument = VisitDocument | CheckDocument | ApprovalDocument | NoticeDocument;

export interface PublicityItem {
  case_id: string;
  name: string | null;
  village: string;
  household_size: number;
  category: TierCategory | null;
  monthly_amount: number | null;
  publicity_from: string | null;
  publicity_until: string | null;
}

export interface PublicityList {
  region: string | null;
  region_path?: RegionStep[];
  generated_at?: string;
  items: PublicityItem[];
}

export const documentsApi = {
  forCase: (id: string, kind: DocumentKind) => apiGet<CaseDocument>(`/api/cases/${encodeURIComponent(id)}/documents/${kind}`),
  publicity: (region?: string) => apiGet<PublicityList>('/api/publicity' + qs({ region })),
};

export function useCaseDocument(id: string, kind: DocumentKind) {
  return useQuery(['documents', id, kind] as const, () => documentsApi.forCase(id, kind), { staleTime: 0 });
}

export function usePublicityList(region?: string) {
  return useQuery(['documents', 'publicity', region ?? ''] as const, () => documentsApi.publicity(region), { staleTime: 0 });
}
