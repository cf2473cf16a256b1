/** 入户调查表 — the home-visit survey as submitted: the family, what the visitor saw, the outcome and the recommendation. */
import type { VisitDocument } from '../../api/documents';
import { useLang, useT } from '../../i18n';
import { useCaseLabels } from '../cases/labels';
import { FormTable, MemberTable, PaperHeading, Signatures, dateLong, who } from './print-frame';

export function VisitSurvey({ doc }: { doc: VisitDocument }) {
  const t = useT();
  const { lang } = useLang();
  const { optional } = useCaseLabels();
  const v = doc.visit;
  const f = v?.form ?? {};
  const list = (prefix: string, codes?: string[]) => (codes?.length ? codes.map((c) => optional(prefix, c)).join('、') : '—');
  return (
    <>
      <PaperHeading title={t('print.visit.title')} regionPath={doc.region_path} caseId={doc.case_id} generatedAt={doc.generated_at} />
      <HouseholdRows doc={doc} />
      {doc.household ? <MemberTable members={doc.household.members} present={f.members_present} /> : null}
      {!v ? (
        <p data-testid="paper-empty">{t('print.visit.none')}</p>
      ) : (
        <FormTable
          testId="paper-visit"
          rows={[
            [[t('visit.visitedOn'), dateLong(lang, v.visited_on)], [t('print.visit.visitor'), who(v.visitor)]],
            [[t('visit.living'), optional('living', f.living_conditions)], [t('visit.housingType'), optional('housingType', f.housing_type)]],
            [[t('visit.housingCondition'), optional('housingCond', f.housing_condition)], [t('visit.incomeSources'), list('incomeSource', f.income_sources)]],
            [[t('visit.health'), f.health_notes || '—', 3]],
            [[t('visit.incomeNotes'), f.income_notes || '—', 3]],
            [[t('visit.needs'), list('need', f.needs), 3]],
            [[t('visit.outcome'), optional('outcome', v.outcome), 3]],
            [[t('visit.recommendation'), <div style={{ minHeight: 60 }}>{f.recommendation || '—'}</div>, 3]],
          ]}
        />
      )}
      <p style={{ fontSize: 12 }}>{t('print.visit.pledge')}</p>
      <Signatures parties={[t('print.sign.visitor'), t('print.sign.family')]} />
    </>
  );
}

/** Household code, address and hukou — or the subject not yet in the registry. */
export function HouseholdRows({ doc }: { doc: { household: VisitDocument['household']; subject: VisitDocument['subject'] } }) {
  const t = useT();
  const h = doc.household;
  if (!h) return <FormTable rows={[[[t('print.subject'), `${doc.subject?.name ?? '—'} ${doc.subject?.id_number_masked ?? ''}`, 3]]]} testId="paper-household" />;
  return (
    <FormTable
      testId="paper-household"
      rows={[
        [[t('print.householdCode'), h.code], [t('print.hukou'), t(h.hukou_type === 'rural' ? 'print.hukou.rural' : 'print.hukou.urban')]],
        [[t('print.address'), h.address ?? '—', 3]],
        [[t('print.householdSize'), String(h.members.length)], [t('print.head'), h.members.find((m) => m.relation === 'head')?.name ?? '—']],
      ]}
    />
  );
}
