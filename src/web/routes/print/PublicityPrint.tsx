/**
 * /print/publicity — 公示名单: the households in publicity in a region, as the rules allow them
 * to be published (谁救助谁公示, Art. 61): the name with the given name masked, the village, the
 * household size, the proposed category and monthly amount, the period — never an ID number.
 */
import { usePublicityList } from '../../api/documents';
import { useLang, useT } from '../../i18n';
import { useLocation } from '../../router';
import { useCaseLabels } from '../cases/labels';
import { PaperHeading, PrintFrame, dateLong, yuan } from './print-frame';

export function PublicityPrint() {
  const t = useT();
  const { lang } = useLang();
  const { query } = useLocation();
  const region = query.get('region') ?? undefined;
  const { optional } = useCaseLabels();
  const { data, error, loading } = usePublicityList(region);
  const path = data?.region_path ?? [];
  const place = path.at(-1)?.name ?? data?.region ?? '';
  return (
    <PrintFrame back={{ to: '/cases?state=publicity', label: t('print.backToCases') }} loading={loading && !data} error={error}>
      {data && (
        <>
          <PaperHeading title={t('print.publicity.title', { place })} regionPath={path} generatedAt={data.generated_at} />
          <p style={{ textIndent: '2em' }}>{t('print.publicity.intro')}</p>
          <table className="form" data-testid="publicity-table">
            <thead>
              <tr>
                <th>{t('print.publicity.no')}</th>
                <th>{t('print.publicity.name')}</th>
                <th>{t('print.publicity.village')}</th>
                <th>{t('print.publicity.size')}</th>
                <th>{t('print.publicity.category')}</th>
                <th>{t('print.publicity.amount')}</th>
                <th>{t('print.publicity.period')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 ? (
                <tr><td colSpan={7} style={{ textAlign: 'center' }} data-testid="publicity-empty">{t('print.publicity.empty')}</td></tr>
              ) : data.items.map((it, i) => (
                <tr key={it.case_id} data-testid="publicity-row">
                  <td>{i + 1}</td>
                  <td>{it.name ?? '—'}</td>
                  <td>{it.village}</td>
                  <td>{it.household_size}</td>
                  <td>{optional('tier', it.category ?? 'none')}</td>
                  <td>{yuan(lang, it.monthly_amount)}</td>
                  <td>{dateLong(lang, it.publicity_from)} – {dateLong(lang, it.publicity_until)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p style={{ textIndent: '2em' }}>{t('print.publicity.objection')}</p>
          <p>{t('print.publicity.phone')}：______________　　{t('print.publicity.address')}：______________</p>
          <div style={{ textAlign: 'right', marginTop: 36, fontSize: 14 }}>{t('print.office.township')}（{t('print.seal')}）　____年__月__日</div>
        </>
      )}
    </PrintFrame>
  );
}
