import { LockOutlined, SafetyCertificateOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useDemoAccounts, type DemoAccount } from '../../api/auth';
import { useRegion } from '../../api/registry';
import { useSession } from '../../api/session';
import { useLang, useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { Link } from '../../router';
import { useAccessLabels } from './labels';

const BRAND = '#0b3d91';

interface LoginValues {
  username: string;
  password: string;
}

function Emblem({ size }: { size: number }) {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: size, height: size,
        borderRadius: 8, background: '#fff', color: BRAND, fontWeight: 700, fontSize: size * 0.55, flex: 'none',
      }}
    >
      吉
    </span>
  );
}

/** "长春市 九台区 上河湾镇" (GET /api/regions/{code} is public); the code until it has loaded. */
function RegionText({ code }: { code: string }) {
  const { data } = useRegion(code);
  const path = data?.path ?? [];
  return <>{path.length ? (path.length > 1 ? path.slice(1) : path).map((r) => r.name).join(' ') : code}</>;
}

/** 演示账号: one row per role; a click fills the form (the password too when the server gives it). */
function DemoPanel({ password, items, selected, onPick }: { password: string | null; items: DemoAccount[]; selected?: string; onPick: (a: DemoAccount) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { role } = useAccessLabels();
  return (
    <Card
      size="small"
      data-testid="demo-accounts"
      title={
        <span>
          <SafetyCertificateOutlined style={{ color: '#d48806', marginInlineEnd: 6 }} />
          {t('login.demo')}
          {lang === 'zh' && (
            <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12, marginInlineStart: 6 }}>
              demo accounts
            </Typography.Text>
          )}
        </span>
      }
      styles={{ body: { padding: '4px 0' } }}
      style={{ width: '100%', borderColor: '#f0e0b2' }}
    >
      <div style={{ padding: '4px 12px 8px', fontSize: 12, color: '#595959' }}>
        {password ? (
          <>
            {t('login.demoHint')}{' '}
            <Typography.Text code copyable={{ text: password }} style={{ fontSize: 12 }}>
              {password}
            </Typography.Text>
          </>
        ) : (
          t('login.demoHintNoPassword')
        )}
      </div>
      <div role="list">
        {items.map((a) => {
          const active = a.username === selected;
          return (
            <button
              key={a.username}
              type="button"
              role="listitem"
              data-testid="demo-account"
              onClick={() => onPick(a)}
              style={{
                display: 'flex', alignItems: 'center', gap: 8, width: '100%', padding: '6px 12px', border: 0,
                borderTop: '1px solid #f0f0f0', background: active ? '#e6f0ff' : 'transparent', cursor: 'pointer',
                textAlign: 'left', font: 'inherit',
              }}
            >
              <span style={{ flex: 1, minWidth: 0 }}>
                <span style={{ display: 'block', fontSize: 13, color: '#262626', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {a.display_name || a.username}
                </span>
                <span style={{ display: 'block', fontSize: 12, color: '#8c8c8c', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {role(a.role)} · <RegionText code={a.region_code} />
                </span>
              </span>
              <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12, color: '#1456c8', flex: 'none' }}>{a.username}</span>
            </button>
          );
        })}
      </div>
    </Card>
  );
}

/** /login — a centered sign-in form; the demo accounts beside it when the server offers them. */
export function LoginPage() {
  const t = useT();
  const { lang, setLang } = useLang();
  const { login, expired } = useSession();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<LoginValues>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [picked, setPicked] = useState<string | undefined>();
  const { data: demo } = useDemoAccounts();
  const demoItems = demo?.items ?? [];

  const onFinish = async (v: LoginValues) => {
    setError(null);
    setSubmitting(true);
    try {
      await login(v.username.trim(), v.password);
      // the session now has a user: the app replaces this page with the one asked for
    } catch (e) {
      setError((e as Error).message);
      form.setFieldValue('password', '');
      setSubmitting(false);
    }
  };
  const onPick = (a: DemoAccount) => {
    setPicked(a.username);
    setError(null);
    form.setFieldsValue({ username: a.username, password: demo?.password ?? '' });
    form.validateFields().catch(() => {});
  };

  const loginCard = (
    <Card
      style={{ width: '100%', boxShadow: '0 6px 24px rgba(11,61,145,0.12)' }}
      styles={{ body: { padding: isMobile ? '20px 18px 16px' : '28px 32px 20px' } }}
    >
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('login.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 16 }}>
        {t('login.subtitle')}
      </Typography.Paragraph>
      {expired && !error && <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} data-testid="login-expired" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form<LoginValues> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} size="large" autoComplete="on">
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
          <Input prefix={<UserOutlined style={{ color: '#8c8c8c' }} />} autoComplete="username" autoFocus maxLength={40} id="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined style={{ color: '#8c8c8c' }} />} autoComplete="current-password" maxLength={128} id="login-password" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 12 }}>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form.Item>
      </Form>
      <div style={{ fontSize: 12, color: '#8c8c8c', lineHeight: 1.6 }}>
        {t('login.lockHint')}
      </div>
      <div style={{ marginTop: 12, paddingTop: 12, borderTop: '1px solid #f0f0f0', fontSize: 13, lineHeight: 1.6 }}>
        <Link to="/apply" data-testid="apply-link">{t('intake.login.apply')}</Link>
        <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t('intake.login.applyHint')}</div>
      </div>
    </Card>
  );

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: '#eef1f6' }}>
      <div style={{ background: BRAND, color: '#fff', borderBottom: '1px solid rgba(255,255,255,0.12)' }}>
        <div
          style={{
            maxWidth: 1040, margin: '0 auto', display: 'flex', alignItems: 'center', gap: isMobile ? 10 : 12,
            padding: isMobile ? '10px 12px' : '12px 24px',
          }}
        >
          <Emblem size={isMobile ? 30 : 34} />
          <div style={{ flex: 1, minWidth: 0, lineHeight: 1.3 }}>
            <div style={{ fontSize: isMobile ? 15 : 17, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {isMobile ? t('app.shortTitle') : t('app.title')}
            </div>
            <div style={{ fontSize: 12, opacity: 0.75 }}>{t('app.org')}</div>
          </div>
          <Button
            size="small"
            ghost
            icon={isMobile ? undefined : <TranslationOutlined />}
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            data-testid="lang-switch"
            title={t('lang.switchTitle')}
          >
            {isMobile ? t('lang.short') : t('lang.switch')}
          </Button>
        </div>
      </div>
      <main
        style={{
          flex: 1, display: 'flex', alignItems: isMobile ? 'flex-start' : 'center', justifyContent: 'center',
          padding: isMobile ? '16px 12px 0' : '32px 24px',
          background: isMobile
            ? `linear-gradient(180deg, #124aa8 0, #124aa8 72px, #eef1f6 72px)`
            : `linear-gradient(180deg, #124aa8 0%, #124aa8 42%, #eef1f6 42%)`,
        }}
      >
        <div
          style={{
            width: '100%', maxWidth: 1040, display: 'flex', flexWrap: 'wrap', gap: isMobile ? 12 : 24,
            justifyContent: 'center', alignItems: 'flex-start',
          }}
        >
          <div style={{ width: isMobile ? '100%' : 400, maxWidth: '100%' }}>{loginCard}</div>
          {demoItems.length > 0 && (
            <div style={{ width: isMobile ? '100%' : 360, maxWidth: '100%' }}>
              <DemoPanel password={demo?.password ?? null} items={demoItems} selected={picked} onPick={onPick} />
            </div>
          )}
        </div>
      </main>
      <footer style={{ textAlign: 'center', padding: isMobile ? '20px 16px' : '28px 16px 20px', fontSize: 12, color: '#8c8c8c', lineHeight: 1.8 }}>
        <div>{t('login.notice')}</div>
        <div>
          {t('app.org')} · Safety Net
        </div>
      </footer>
    </div>
  );
}
