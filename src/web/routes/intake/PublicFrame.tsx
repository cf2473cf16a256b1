/**
 * The frame of the public pages (/apply, /apply/status): no session, no app menu — the
 * province's header with the language switch, one narrow column that fits a 375-px phone,
 * and the links between the public pages and to the staff sign-in.
 */
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useLang, useT } from '../../i18n';
import { Link } from '../../router';

const BRAND = '#0b3d91';

export function PublicFrame({ children }: { children: ReactNode }) {
  const t = useT();
  const { lang, setLang } = useLang();
  return (
    <div style={{ minHeight: '100vh', background: '#eef1f6', display: 'flex', flexDirection: 'column' }} data-testid="public-frame">
      <header style={{ background: BRAND, color: '#fff' }}>
        <div style={{ maxWidth: 720, margin: '0 auto', display: 'flex', alignItems: 'center', gap: 10, padding: '10px 12px' }}>
          <span aria-hidden style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: 30, height: 30, borderRadius: 6, background: '#fff', color: BRAND, fontWeight: 700, flex: 'none' }}>
            吉
          </span>
          <div style={{ flex: 1, minWidth: 0, lineHeight: 1.3 }}>
            <div style={{ fontSize: 16, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{t('intake.public.title')}</div>
            <div style={{ fontSize: 12, opacity: 0.75 }}>{t('app.org')}</div>
          </div>
          <Button size="small" ghost onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch" title={t('lang.switchTitle')}>
            {t('lang.short')}
          </Button>
        </div>
      </header>
      <main style={{ flex: 1, width: '100%', maxWidth: 720, margin: '0 auto', padding: '12px 12px 24px', boxSizing: 'border-box' }}>{children}</main>
      <footer style={{ textAlign: 'center', padding: '12px 16px 24px', fontSize: 13, lineHeight: 2 }}>
        <Link to="/apply">{t('intake.apply.title')}</Link>
        {' · '}
        <Link to="/apply/status">{t('intake.apply.checkStatus')}</Link>
        {' · '}
        <Link to="/login">{t('intake.apply.toLogin')}</Link>
      </footer>
    </div>
  );
}
