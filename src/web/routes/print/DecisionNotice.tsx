/**
 * 确认通知书 / 不予确认通知书 — the decision as the family receives it: the category, from when
 * and how much, or the written reasons for refusal; and, as every administrative decision must,
 * how to challenge it.
 */
import type { NoticeDocument } from '../../api/documents';
import { useLang, useT } from '../../i18n';
import { useCaseLabels } from '../cases/labels';
import { PaperHeading, dateLong, dateTime, yuan } from './print-frame';

export function DecisionNotice({ doc }: { doc: NoticeDocument }) {
  const t = useT();
  const { lang } = useLang();
  const { optional } = useCaseLabels();
  const n = doc.notice;
  const approved = n.outcome === 'approved';
  const addressee = n.head ?? (doc.subject?.name ? { name: doc.subject.name, id_number_masked: doc.subject.id_number_masked ?? '' } : null);
  const office = doc.issued_by ? t('print.office.civilAffairs', { county: doc.issued_by }) : t('print.office.county');
  const decidedOn = dateTime(lang, n.decided_at).slice(0, 10);
  const year = decidedOn.slice(0, 4);
  return (
    <>
      <PaperHeading title={t(approved ? 'print.notice.approvedTitle' : n.outcome === 'exited' ? 'print.notice.exitTitle' : 'print.notice.refusedTitle')} regionPath={doc.region_path} />
      <div style={{ textAlign: 'center', fontSize: 13, marginBottom: 16 }} data-testid="paper-number">{t('print.notice.number', { office: doc.issued_by ?? '', year, id: doc.case_id })}</div>
      <p data-testid="paper-addressee">
        <strong>{addressee?.name ?? '—'}</strong>
        {addressee?.id_number_masked ? `（${t('print.member.id')} ${addressee.id_number_masked}）` : ''}：
      </p>
      <p style={{ textIndent: '2em' }} data-testid="paper-body">
        {approved
          ? t('print.notice.approvedBody', {
              id: doc.case_id, category: optional('tier', n.category ?? 'none'), from: dateLong(lang, n.valid_from),
              amount: n.monthly_amount === null || n.monthly_amount === undefined ? t('print.notice.amountBySchedule') : yuan(lang, n.monthly_amount),
              until: n.valid_to ? t('print.notice.validTo', { to: dateLong(lang, n.valid_to) }) : '',
            })
          : n.outcome === 'exited'
            ? t('print.notice.exitBody', { id: doc.case_id, from: dateLong(lang, n.valid_from), reasons: n.reasons ?? '—' })
            : t('print.notice.refusedBody', { id: doc.case_id })}
      </p>
      {!approved && (
        <p style={{ textIndent: '2em', whiteSpace: 'pre-wrap' }} data-testid="paper-reasons">{n.reasons || '—'}</p>
      )}
      {approved && <p style={{ textIndent: '2em' }}>{t('print.notice.duty')}</p>}
      <p style={{ textIndent: '2em' }} data-testid="paper-remedy">{t('print.notice.remedy')}</p>
      <div style={{ textAlign: 'right', marginTop: 48, fontSize: 14, lineHeight: 2 }}>
        <div>{office}（{t('print.seal')}）</div>
        <div>{dateLong(lang, decidedOn)}</div>
      </div>
    </>
  );
}
