/** 家庭经济状况核对报告 — the economic-status check: under which authorization, what was queried, the figures found. */
import type { CheckDocument } from '../../api/documents';
import { useLang, useT, type MessageKey } from '../../i18n';
import { useCaseLabels } from '../cases/labels';
import { HouseholdRows } from './VisitSurvey';
import { FormTable, MemberTable, PaperHeading, Signatures, dateLong, who, yuan, type Cell } from './print-frame';

const INCOME = ['income_wage', 'income_business', 'income_property', 'income_transfer', 'income_other'] as const;
const RIGID = ['rigid_medical', 'rigid_education', 'rigid_rehab', 'rigid_other'] as const;

export function CheckReport({ doc }: { doc: CheckDocument }) {
  const t = useT();
  const { lang } = useLang();
  const { optional } = useCaseLabels();
  const c = doc.check;
  const fig = (k: string) => c?.figures?.[k] ?? null;
  const money = (k: string): Cell => [t(`fig.${k}` as MessageKey), yuan(lang, fig(k))];
  const sum = (keys: readonly string[]) => keys.reduce((s, k) => s + Number(fig(k) ?? 0), 0);
  const pairs = (cells: Cell[]): Cell[][] => cells.reduce<Cell[][]>((rows, cell, i) => (i % 2 ? rows[rows.length - 1].push(cell) : rows.push([cell]), rows), []);
  return (
    <>
      <PaperHeading title={t('print.check.title')} regionPath={doc.region_path} caseId={doc.case_id} generatedAt={doc.generated_at} />
      <HouseholdRows doc={doc} />
      {doc.household ? <MemberTable members={doc.household.members} /> : null}
      {!c ? (
        <p data-testid="paper-empty">{t('print.check.none')}</p>
      ) : (
        <>
          <FormTable
            testId="paper-check"
            rows={[
              [[t('check.checkedOn'), dateLong(lang, c.checked_on)], [t('print.check.by'), who(c.recorded_by)]],
              [[t('check.scopes'), c.scopes.map((s) => optional('scope', s)).join('、'), 3]],
              [[t('print.check.authorization'), `#${String(c.authorization_id ?? '—')}`, 3]],
            ]}
          />
          <h2>{t('print.check.figures')}</h2>
          <FormTable
            testId="paper-figures"
            rows={[
              ...pairs(INCOME.map(money)),
              [[t('print.check.incomeTotal'), <strong>{yuan(lang, sum(INCOME))}</strong>, 3]],
              [money('financial_assets'), [t('fig.vehicle_count'), String(fig('vehicle_count') ?? '—')]],
              [money('vehicle_value'), [t('fig.property_count'), String(fig('property_count') ?? '—')]],
              ...pairs(RIGID.map(money)),
              [[t('print.check.rigidTotal'), yuan(lang, sum(RIGID)), 3]],
            ]}
          />
          <FormTable rows={[[[t('check.findings'), <div style={{ minHeight: 48 }}>{c.findings || '—'}</div>]]]} />
        </>
      )}
      <p style={{ fontSize: 12 }}>{t('print.check.note')}</p>
      <Signatures parties={[t('print.sign.checker'), t('print.sign.checkOffice')]} />
    </>
  );
}
