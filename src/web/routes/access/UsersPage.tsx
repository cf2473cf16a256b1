import { KeyOutlined, PlusOutlined, ReloadOutlined, SearchOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Input, Popconfirm, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { accessApi, useRoles, useUsers, type UserRow } from '../../api/access';
import { useRegion } from '../../api/registry';
import { useCurrentUser } from '../../api/session';
import { useLang, useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { dateOnly, dateTime } from '../registry/format';
import { CreateUserModal, TokenModal } from './UserForms';
import { useAccessLabels } from './labels';

const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };

/** "长春市 / 朝阳区" for a region code (the province only for the province itself; the code until loaded). */
export function RegionName({ code }: { code: string }) {
  const { data } = useRegion(code);
  const path = data?.path ?? [];
  const text = path.length ? (path.length > 1 ? path.slice(1) : path).map((r) => r.name).join(' / ') : code;
  return (
    <Tooltip title={path.length ? `${path.map((r) => r.name).join(' / ')}（${code}）` : code}>
      <span>{text}</span>
    </Tooltip>
  );
}

function StatusTags({ u }: { u: UserRow }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      {u.status === 'active' ? <Tag color="green">{t('users.status.active')}</Tag> : <Tag>{t('users.status.disabled')}</Tag>}
      {u.locked && (
        <Tooltip title={t('users.lockedTip')}>
          <Tag color="orange">{t('users.locked')}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** /admin/users — users within the administrator's region: create, disable, API tokens. */
export function UsersPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  const { data: users, error, loading, refetch } = useUsers();
  const { data: catalog } = useRoles();
  const { role } = useAccessLabels(catalog);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const [tokenFor, setTokenFor] = useState<UserRow | null>(null);
  const [disabling, setDisabling] = useState<string | null>(null);

  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const list = users ?? [];
    if (!q) return list;
    return list.filter((u) => [u.username, u.display_name, u.department].some((v) => v?.toLowerCase().includes(q)));
  }, [users, filter]);

  const onDisable = async (u: UserRow) => {
    setDisabling(u.username);
    try {
      await accessApi.disableUser(u.username);
      message.success(t('users.disabledDone', { name: u.username }));
      refetch();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setDisabling(null);
    }
  };

  const actions = (u: UserRow) => {
    const self = u.username === me.username;
    return (
      <Space size={0} wrap={isMobile}>
        <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setTokenFor(u)} disabled={u.status !== 'active'} data-testid={`token-${u.username}`}>
          {t('users.token')}
        </Button>
        {u.status === 'active' && !self && (
          <Popconfirm
            title={t('users.disableConfirm', { name: u.display_name ? `${u.display_name}（${u.username}）` : u.username })}
            description={t('users.disableDesc')}
            okText={t('users.disable')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => onDisable(u)}
          >
            <Button type="link" size="small" danger icon={<StopOutlined />} loading={disabling === u.username} data-testid={`disable-${u.username}`}>
              {t('users.disable')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    );
  };

  const columns: ColumnsType<UserRow> = [
    {
      title: t('users.col.username'),
      dataIndex: 'username',
      width: 160,
      fixed: 'left',
      render: (v: string) => (
        <Space size={4}>
          <span style={mono}>{v}</span>
          {v === me.username && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('users.you')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.col.displayName'), dataIndex: 'display_name', width: 160, ellipsis: { showTitle: true }, render: (v: string | null) => v || '—' },
    { title: t('users.col.role'), dataIndex: 'role', width: 180, ellipsis: { showTitle: true }, render: (v: string) => role(v) },
    { title: t('users.col.region'), dataIndex: 'region_code', ellipsis: { showTitle: false }, render: (v: string) => <RegionName code={v} /> },
    { title: t('users.col.department'), dataIndex: 'department', width: 90, ellipsis: { showTitle: true }, render: (v: string | null) => v || '—' },
    { title: t('users.col.status'), key: 'status', width: 90, render: (_, u) => <StatusTags u={u} /> },
    {
      title: t('users.col.createdAt'),
      dataIndex: 'created_at',
      width: 104,
      render: (v: string) => (
        <Tooltip title={dateTime(v)}>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{dateOnly(dateTime(v))}</span>
        </Tooltip>
      ),
    },
    { title: t('common.actions'), key: 'actions', width: lang === 'zh' ? 172 : 212, fixed: 'right', render: (_, u) => actions(u) },
  ];

  const list = isMobile ? (
    <Spin spinning={loading}>
      {rows.length === 0 && !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.empty')} />}
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {rows.map((u) => (
          <div key={u.id} data-testid="user-card" style={{ border: '1px solid #e8e8e8', borderRadius: 6, padding: '8px 12px', background: '#fff' }}>
            <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
              <Typography.Text strong style={{ fontSize: 15 }}>{u.display_name || u.username}</Typography.Text>
              <Typography.Text type="secondary" style={{ ...mono, fontSize: 12 }}>{u.username}</Typography.Text>
              {u.username === me.username && <Tag color="blue">{t('users.you')}</Tag>}
            </div>
            <div style={{ fontSize: 13, color: '#595959', margin: '4px 0' }}>
              {role(u.role)}
              {u.department ? ` · ${u.department}` : ''}
            </div>
            <div style={{ fontSize: 13, color: '#8c8c8c', marginBottom: 4 }}>
              <RegionName code={u.region_code} />
            </div>
            <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
              <StatusTags u={u} />
              {actions(u)}
            </div>
          </div>
        ))}
      </div>
    </Spin>
  ) : (
    <Table<UserRow>
      rowKey="id"
      size="small"
      bordered
      columns={columns}
      dataSource={rows}
      loading={loading}
      scroll={{ x: 1150 }}
      locale={{ emptyText: t('users.empty') }}
      pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small', showTotal: (n) => t('users.count', { n }) }}
      onRow={(u) => (u.status === 'active' ? {} : { style: { color: '#8c8c8c', background: '#fafafa' } })}
    />
  );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
          <div style={{ flex: 1, minWidth: 200 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('users.title')}
            </Typography.Title>
            {!isMobile && <Typography.Text type="secondary">{t('users.subtitle')}</Typography.Text>}
          </div>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-user">
            {t('users.new')}
          </Button>
        </div>
      </Card>
      <Card
        size="small"
        title={
          <Space size={8}>
            <span>{t('nav.users')}</span>
            {users && <Typography.Text type="secondary" style={{ fontWeight: 400 }}>{t('users.count', { n: rows.length })}</Typography.Text>}
          </Space>
        }
        extra={
          <Space size={8}>
            {!isMobile && (
              <Input
                allowClear
                size="small"
                prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
                placeholder={t('users.filter')}
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                style={{ width: 240 }}
              />
            )}
            <Tooltip title={t('common.refresh')}>
              <Button size="small" icon={<ReloadOutlined />} onClick={refetch} aria-label={t('common.refresh')} />
            </Tooltip>
          </Space>
        }
      >
        {isMobile && (
          <Input
            allowClear
            prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
            placeholder={t('users.filter')}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            style={{ marginBottom: 8 }}
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('common.loadFailed')}
            description={error.message}
            action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>}
          />
        )}
        {list}
      </Card>
      <CreateUserModal
        open={creating}
        rootRegion={me.region_code}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          refetch();
        }}
      />
      <TokenModal user={tokenFor} onClose={() => setTokenFor(null)} />
    </Space>
  );
}
