/**
 * The closed vocabularies of the discovery channels: what a family needs (a self-application's
 * `needs`, a report's `difficulties`), how urgent a report is, and where an application or a
 * report stands. Codes are an interface (docs/formats/application.md).
 */
export interface Term {
  code: string;
  zh: string;
  en: string;
}

export const NEEDS = [
  { code: 'living', zh: '基本生活', en: 'Basic living' },
  { code: 'medical', zh: '医疗', en: 'Medical' },
  { code: 'education', zh: '教育', en: 'Education' },
  { code: 'housing', zh: '住房', en: 'Housing' },
  { code: 'employment', zh: '就业', en: 'Employment' },
  { code: 'disaster', zh: '受灾', en: 'Disaster' },
  { code: 'care', zh: '照料护理', en: 'Care' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const satisfies readonly Term[];

export type Need = (typeof NEEDS)[number]['code'];

export const URGENCIES = [
  { code: 'normal', zh: '一般', en: 'Normal' },
  { code: 'urgent', zh: '紧急', en: 'Urgent' },
] as const satisfies readonly Term[];

export type Urgency = (typeof URGENCIES)[number]['code'];

export const APPLICATION_STATUSES = [
  { code: 'received', zh: '已收到，待受理', en: 'Received, waiting to be accepted' },
  { code: 'accepted', zh: '已受理（立案）', en: 'Accepted (a case is open)' },
  { code: 'withdrawn', zh: '已撤回', en: 'Withdrawn' },
] as const satisfies readonly Term[];

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]['code'];

export const REPORT_STATUSES = [
  { code: 'received', zh: '待受理', en: 'Received' },
  { code: 'accepted', zh: '已立案', en: 'Accepted (a case is open)' },
] as const satisfies readonly Term[];

export type ReportStatus = (typeof REPORT_STATUSES)[number]['code'];

export const termOf = (vocab: readonly Term[], code: string): Term | undefined => vocab.find((t) => t.code === code);

/** Limits of the free-text fields (characters). */
export const TEXT_LIMITS = { name: 50, address: 200, description: 1000 } as const;

/** The most persons one application may list (the applicant included). */
export const MAX_PERSONS = 20;
