/** The 新建用户 form and the 创建令牌 dialog of the users page. */
import { CheckCircleFilled, CloseCircleFilled, CopyOutlined, KeyOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, App, Button, Col, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { accessApi, useRoles, type NewUser, type UserRow } from '../../api/access';
import type { Permission } from '../../api/auth';
import { useT } from '../../i18n';
import { RegionPicker } from '../registry/RegionPicker';
import { useAccessLabels } from './labels';

const ROLE_CODES = [
  'province_admin', 'civil_affairs_officer', 'township_officer', 'village_worker',
  'department_data_provider', 'department_handler', 'auditor',
];
const PERMISSION_CODES: Permission[] = [
  'registry.read', 'registry.write', 'registry.import', 'pii.reveal', 'authorization.manage',
  'users.manage', 'policy.manage', 'recognition.assess', 'audit.read', 'dataset.upload', 'referral.handle',
];
const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };

/** The server's password rules (MLPS level 3), checked as the administrator types. */
export function passwordChecks(password: string, username: string) {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return {
    length: password.length >= 10,
    classes: classes >= 3,
    username: !username || !password.toLowerCase().includes(username.toLowerCase()),
  };
}

function RuleLine({ ok, touched, text }: { ok: boolean; touched: boolean; text: string }) {
  const color = !touched ? '#8c8c8c' : ok ? '#389e0d' : '#cf1322';
  const Icon = !touched || ok ? CheckCircleFilled : CloseCircleFilled;
  return (
    <div style={{ color, fontSize: 12, lineHeight: '20px' }}>
      <Icon style={{ marginInlineEnd: 6, opacity: touched ? 1 : 0.5 }} />
      {text}
    </div>
  );
}

interface UserFormValues extends NewUser {
  password2: string;
}

export function CreateUserModal({ open, rootRegion, onClose, onCreated }: { open: boolean; rootRegion: string; onClose: () => void; onCreated: (u: UserRow) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const { data: catalog } = useRoles();
  const { role } = useAccessLabels(catalog);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const password = Form.useWatch('password', form) ?? '';
  const username = Form.useWatch('username', form) ?? '';
  const checks = passwordChecks(password, username);
  const roleCodes = catalog ? Object.keys(catalog.roles) : ROLE_CODES;

  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };
  const onFinish = async (v: UserFormValues) => {
    setError(null);
    setSaving(true);
    try {
      const body: NewUser = { username: v.username.trim(), password: v.password, role: v.role, region: v.region };
      if (v.display_name?.trim()) body.display_name = v.display_name.trim();
      if (v.department?.trim()) body.department = v.department.trim();
      const created = await accessApi.createUser(body);
      message.success(t('userForm.created', { name: created.username }));
      form.resetFields();
      onCreated(created);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const required = (field: string) => ({ required: true, message: t('userForm.required', { field }) });

  return (
    <Modal
      open={open}
      title={t('userForm.title')}
      onCancel={close}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      maskClosable={false}
      destroyOnHidden
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="user-form-error" />}
      <Form<UserFormValues> form={form} layout="vertical" requiredMark onFinish={onFinish} initialValues={{ region: rootRegion }} preserve={false}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="username"
              label={t('userForm.username')}
              extra={t('userForm.usernameHelp')}
              rules={[required(t('userForm.username')), { pattern: /^[A-Za-z0-9_.-]{3,40}$/, message: t('userForm.usernameInvalid') }]}
            >
              <Input autoComplete="off" maxLength={40} style={mono} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="display_name" label={t('userForm.displayName')}>
              <Input maxLength={50} placeholder={t('userForm.displayNamePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="role" label={t('userForm.role')} rules={[{ required: true, message: t('userForm.select', { field: t('userForm.role') }) }]}>
              <Select
                placeholder={t('userForm.rolePlaceholder')}
                options={roleCodes.map((c) => ({ value: c, label: role(c) }))}
                aria-label={t('userForm.role')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="department" label={t('userForm.department')}>
              <Input maxLength={50} placeholder={t('userForm.departmentPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="region"
              label={t('userForm.region')}
              extra={t('userForm.regionHelp')}
              rules={[{ required: true, message: t('userForm.select', { field: t('userForm.region') }) }]}
            >
              <RegionPicker rootCode={rootRegion} placeholder={t('userForm.regionPlaceholder')} aria-label={t('userForm.region')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="password"
              label={t('userForm.password')}
              rules={[
                required(t('userForm.password')),
                {
                  validator: async (_, v: string) => {
                    const c = passwordChecks(v ?? '', form.getFieldValue('username') ?? '');
                    if (v && !(c.length && c.classes && c.username)) throw new Error(t('userForm.rules'));
                  },
                },
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="password2"
              label={t('userForm.password2')}
              dependencies={['password']}
              rules={[
                required(t('userForm.password2')),
                ({ getFieldValue }) => ({
                  validator: async (_, v: string) => {
                    if (v && v !== getFieldValue('password')) throw new Error(t('userForm.passwordMismatch'));
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
          </Col>
        </Row>
        <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 4, padding: '8px 12px' }} data-testid="password-rules">
          <div style={{ fontSize: 12, color: '#595959', marginBottom: 2 }}>{t('userForm.rules')}</div>
          <RuleLine ok={checks.length} touched={!!password} text={t('userForm.rule.length')} />
          <RuleLine ok={checks.classes} touched={!!password} text={t('userForm.rule.classes')} />
          <RuleLine ok={checks.username} touched={!!password} text={t('userForm.rule.username')} />
        </div>
      </Form>
    </Modal>
  );
}

/** Copy with the Clipboard API, or by selecting a text field where it is missing (plain-http intranets). */
async function copyText(text: string, fallback: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall through */
  }
  if (!fallback) return false;
  fallback.focus();
  fallback.select();
  try {
    return document.execCommand?.('copy') ?? false;
  } catch {
    return false;
  }
}

interface TokenFormValues {
  name?: string;
  region?: string;
  permissions?: Permission[];
}

/** 创建令牌: the scope form, then the token itself — shown once, with a copy button. */
export function TokenModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<TokenFormValues>();
  const { data: catalog } = useRoles();
  const { permission } = useAccessLabels(catalog);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const tokenInput = useRef<HTMLInputElement>(null);
  const permissionCodes = catalog ? Object.keys(catalog.permissions) : PERMISSION_CODES;
  const name = user ? user.display_name || user.username : '';

  const close = () => {
    setToken(null);
    setError(null);
    onClose();
  };
  const onFinish = async (v: TokenFormValues) => {
    if (!user) return;
    setError(null);
    setSaving(true);
    try {
      const r = await accessApi.createToken({
        username: user.username,
        ...(v.name?.trim() ? { name: v.name.trim() } : {}),
        ...(v.region && v.region !== user.region_code ? { region: v.region } : {}),
        ...(v.permissions?.length ? { permissions: v.permissions } : {}),
      });
      setToken(r.token);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const onCopy = async () => {
    if (!token) return;
    if (await copyText(token, tokenInput.current)) message.success(t('common.copied'));
    else message.warning(t('token.copyFailed'));
  };

  return (
    <Modal
      open={!!user}
      title={
        <span>
          <KeyOutlined style={{ marginInlineEnd: 8 }} />
          {token ? t('token.createdTitle') : t('token.title', { name })}
        </span>
      }
      onCancel={close}
      maskClosable={false}
      keyboard={!token}
      destroyOnHidden
      width={600}
      footer={
        token ? (
          <Button type="primary" onClick={close} data-testid="token-close">
            {t('token.closeConfirm')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="token-submit">
              {t('common.create')}
            </Button>
          </Space>
        )
      }
    >
      {token ? (
        <div data-testid="token-result">
          <Alert type="warning" showIcon icon={<WarningFilled />} title={t('token.once')} style={{ marginBottom: 16 }} />
          <Space.Compact style={{ width: '100%' }}>
            <input
              ref={tokenInput}
              readOnly
              value={token}
              aria-label="token"
              data-testid="token-value"
              onFocus={(e) => e.currentTarget.select()}
              style={{
                ...mono, flex: 1, minWidth: 0, fontSize: 13, padding: '6px 10px', border: '1px solid #d9d9d9',
                borderInlineEnd: 0, borderRadius: '4px 0 0 4px', background: '#fafafa', color: '#262626',
              }}
            />
            <Button type="primary" icon={<CopyOutlined />} onClick={onCopy} data-testid="token-copy">
              {t('common.copy')}
            </Button>
          </Space.Compact>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
            {t('token.usage')}
          </Typography.Paragraph>
        </div>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('token.intro')}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          {user && (
            <Form<TokenFormValues> form={form} layout="vertical" onFinish={onFinish} preserve={false}>
              <Form.Item name="name" label={t('token.name')}>
                <Input maxLength={100} placeholder={t('token.namePlaceholder')} />
              </Form.Item>
              <Form.Item name="region" label={`${t('token.region')}${t('common.optional')}`} extra={t('token.regionHelp')}>
                <RegionPicker rootCode={user.region_code} placeholder={t('userForm.regionPlaceholder')} aria-label={t('token.region')} />
              </Form.Item>
              <Form.Item name="permissions" label={`${t('token.permissions')}${t('common.optional')}`} extra={t('token.permissionsHelp')}>
                <Select
                  mode="multiple"
                  allowClear
                  placeholder={t('token.permissionsPlaceholder')}
                  options={permissionCodes.map((p) => ({ value: p, label: permission(p) }))}
                  aria-label={t('token.permissions')}
                />
              </Form.Item>
            </Form>
          )}
        </>
      )}
    </Modal>
  );
}
