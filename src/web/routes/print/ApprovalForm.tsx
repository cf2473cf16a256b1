/**
 * 审核确认审批表 — the approval form: the family, the identification's figures and finding, then
 * each level's opinion in order (the visit, the check, the township's proposal, the publicity and
 * any objection, the county's decision), with the seal lines left to be signed.
 */
import type { ApprovalDocument } from '../../api/documents';
import type { CaseEvent } from '../../api/cases';
import { useLang, useT } from '../../i18n';
import { useCaseLabels } from '../cases/labels';
import { HouseholdRows } from './VisitSurvey';
import { FormTable, MemberTable, PaperHeading, dateLong, dateTime, who, yuan, type Cell } from './print-frame';

export function ApprovalForm({ doc }: { doc: ApprovalDocument }) {
  const t = useT();
  const { lang } = useLang();
  const { optional, name } = useCaseLabels();
  const a = doc.assessment;
  const d = doc.decision;
  const step = (action: string) => doc.history.filter((h) => h.action === action).at(-1);
  const by = (e: CaseEvent | undefined) => (e ? `${who(e.actor)}　${dateTime(lang, e.at)}` : '—');
  const tier = (c: string | null | undefined) => optional('tier', c ?? 'none');
  const objections = doc.history.filter((h) => h.action === 'object');
  const seal = (office: string) => <div style={{ textAlign: 'right', marginTop: 18 }}>{office}（{t('print.seal')}）　____年__月__日</div>;
  const opinion = (label: string, e: CaseEvent | undefined, text: string, office: string): Cell => [
    label, <div>{text}<div style={{ color: '#333', fontSize: 12, marginTop: 4 }}>{by(e)}</div>{seal(office)}</div>, 3,
  ];
  const proposalText = (e: CaseEvent) =>
    t('print.approval.proposes', { category: tier(String(e.data.category ?? e.data.tier ?? '')) }) + (e.data.override_reason ? `（${String(e.data.override_reason)}）` : '');
  const visit = step('record_visit');
  const check = step('record_check');
  const proposal = step('start_publicity') ?? step('assess');
  const decide = step('decide');
  return (
    <>
      <PaperHeading title={t('print.approval.title', { category: doc.proposal || d?.category ? tier(d?.category ?? doc.proposal) : t('print.approval.assistance') })} regionPath={doc.region_path} caseId={doc.case_id} generatedAt={doc.generated_at} />
      <HouseholdRows doc={doc} />
      {doc.household ? <MemberTable members={doc.household.members} /> : null}
      <h2>{t('print.approval.identification')}</h2>
      <FormTable
        testId="paper-assessment"
        rows={a ? [
          [[t('print.approval.tier'), tier(a.tier)], [t('print.approval.asOf'), dateLong(lang, a.as_of)]],
          [[t('print.approval.perCapita'), yuan(lang, a.figures.per_capita_monthly_income)], [t('print.approval.standard'), yuan(lang, a.figures.dibao_standard)]],
          [[t('print.approval.summary'), name(a.summary), 3]],
        ] : [[[t('print.approval.tier'), t('case.noAssessment'), 3]]]}
      />
      <h2>{t('print.approval.opinions')}</h2>
      <FormTable
        testId="paper-opinions"
        rows={[
          [[t('print.approval.visit'), <div>{visit ? optional('outcome', String(visit.data.outcome ?? '')) : '—'}<div style={{ fontSize: 12 }}>{by(visit)}</div></div>, 3]],
          [[t('print.approval.check'), <div>{check ? String(check.data.checked_on ?? '') : '—'}<div style={{ fontSize: 12 }}>{by(check)}</div></div>, 3]],
          [opinion(t('print.approval.township'), proposal, proposal ? proposalText(proposal) : '—', t('print.office.township'))],
          [[t('print.approval.publicity'), doc.publicity ? <div>{t('print.approval.publicityPeriod', { from: dateLong(lang, doc.publicity.from), until: dateLong(lang, doc.publicity.until) })}；{objections.length ? objections.map((o) => o.note).filter(Boolean).join('；') : t('print.approval.noObjection')}</div> : t('print.approval.noPublicity'), 3]],
          [opinion(t('print.approval.county'), decide, d ? decisionText(t, lang, d, tier) : '—', t('print.office.county'))],
        ]}
      />
    </>
  );
}

function decisionText(t: ReturnType<typeof useT>, lang: 'zh' | 'en', d: NonNullable<ApprovalDocument['decision']>, tier: (c: string | null) => string): string {
  if (d.outcome === 'refused') return `${t('decide.refused')}：${d.reasons ?? ''}`;
  const parts = [`${t('decide.approved')}：${tier(d.category)}`];
  if (d.monthly_amount !== null && d.monthly_amount !== undefined) parts.push(t('print.approval.monthly', { amount: yuan(lang, d.monthly_amount) }));
  parts.push(t('print.approval.valid', { from: dateLong(lang, d.valid_from), to: d.valid_to ? dateLong(lang, d.valid_to) : t('print.approval.untilReview') }));
  if (d.override_reason) parts.push(`${t('decide.overrideReason')}：${d.override_reason}`);
  return parts.join('；');
}
