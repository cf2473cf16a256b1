/**
 * /monitoring/calendar — 工作日历: a year's public holidays and make-up working days (调休上班),
 * month by month; deadlines in working days count on it. Adding, changing and removing a day
 * needs monitor.manage.
 */
import { DeleteOutlined, EditOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert as Notice, App, Button, Card, DatePicker, Empty, Form, Input, Modal, Popconfirm, Radio, Space, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { calendarApi, invalidateCalendar, useCalendarYear, type CalendarDay, type DayKind } from '../../api/calendar';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { navigate, qs, useLocation } from '../../router';
import { dateTime } from '../registry/format';
import { mono, tabular } from './labels';

const KIND_COLORS: Record<DayKind, string> = { holiday: 'red', workday: 'blue' };

/** The year from ?year= (this year when absent or odd). */
export function readYear(query: URLSearchParams, now = dayjs()): number {
  const y = Number.parseInt(query.get('year') ?? '', 10);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : now.year();
}

/** Days grouped by month ('01'…'12'), in date order. */
export function byMonth(days: CalendarDay[]): [string, CalendarDay[]][] {
  const groups = new Map<string, CalendarDay[]>();
  for (const d of [...days].sort((a, b) => a.day.localeCompare(b.day))) {
    const m = d.day.slice(5, 7);
    groups.set(m, [...(groups.get(m) ?? []), d]);
  }
  return [...groups.entries()];
}

interface DayValues {
  day: Dayjs;
  kind: DayKind;
  name: string;
  source?: string;
}

function DayModal({ editing, year, onClose, onSaved }: { editing: CalendarDay | 'new' | null; year: number; onClose: () => void; onSaved: (day: string) => void }) {
  const t = useT();
  const [form] = Form.useForm<DayValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const existing = editing && editing !== 'new' ? editing : null;
  const close = () => {
    setError(null);
    onClose();
  };
  const finish = async (v: DayValues) => {
    setError(null);
    setSaving(true);
    const day = v.day.format('YYYY-MM-DD');
    try {
      const source = v.source?.trim();
      await calendarApi.put(day, { kind: v.kind, name: v.name.trim(), ...(source ? { source } : {}) });
      onSaved(day);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const initial: Partial<DayValues> = existing
    ? { day: dayjs(existing.day), kind: existing.kind, name: existing.name, source: existing.source ?? '' }
    : { kind: 'holiday', day: dayjs().year() === year ? dayjs() : dayjs(`${year}-01-01`) };
  return (
    <Modal
      open={editing !== null}
      title={existing ? t('cal.form.editTitle', { day: existing.day }) : t('cal.form.addTitle')}
      okText={t('cal.form.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={saving}
      destroyOnHidden
    >
      {error && <Notice type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="day-error" />}
      <Form<DayValues> form={form} layout="vertical" onFinish={finish} preserve={false} initialValues={initial} requiredMark>
        <Form.Item name="day" label={t('cal.form.day')} rules={[{ required: true, message: t('cal.form.required', { field: t('cal.form.day') }) }]}>
          <DatePicker aria-label={t('cal.form.day')} disabled={!!existing} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label={t('cal.form.kind')} extra={t('cal.form.kindHelp')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'holiday', label: t('cal.kind.holiday') },
              { value: 'workday', label: t('cal.kind.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('cal.form.name')} rules={[{ required: true, whitespace: true, message: t('cal.form.required', { field: t('cal.form.name') }) }]}>
          <Input aria-label={t('cal.form.name')} maxLength={50} placeholder={t('cal.form.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="source" label={`${t('cal.form.source')}${t('common.optional')}`}>
          <Input.TextArea aria-label={t('cal.form.source')} rows={2} maxLength={500} placeholder={t('cal.form.sourcePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DayRow({ d, manage, onEdit, onDelete }: { d: CalendarDay; manage: boolean; onEdit: () => void; onDelete: () => Promise<void> }) {
  const t = useT();
  return (
    <div data-testid="calendar-day" style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
      <span style={{ ...tabular, ...mono, minWidth: 96 }}>{d.day}</span>
      <span style={{ minWidth: 36, color: '#8c8c8c' }}>{dayjs(d.day).format('ddd')}</span>
      <Tag color={KIND_COLORS[d.kind] ?? 'default'} style={{ marginInlineEnd: 0 }}>{t(d.kind === 'workday' ? 'cal.kind.workday' : 'cal.kind.holiday')}</Tag>
      <span style={{ flex: '1 1 120px' }}>{d.name}</span>
      {d.source && (
        <Typography.Text type="secondary" style={{ fontSize: 12, flex: '1 1 100%' }} ellipsis={{ tooltip: d.source }}>
          {d.source}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <span style={mono}>{d.updated_by}</span> · {dateTime(d.updated_at)}
      </Typography.Text>
      {manage && (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit} data-testid={`edit-${d.day}`}>{t('cal.edit')}</Button>
          <Popconfirm title={t('cal.deleteConfirm', { day: d.day, name: d.name })} okText={t('cal.delete')} cancelText={t('common.cancel')} onConfirm={onDelete}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`delete-${d.day}`}>{t('cal.delete')}</Button>
          </Popconfirm>
        </Space>
      )}
    </div>
  );
}

export function CalendarPage() {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const manage = can('monitor.manage');
  const { query } = useLocation();
  const year = readYear(query);
  const { data, error, loading, refetch } = useCalendarYear(year);
  const [editing, setEditing] = useState<CalendarDay | 'new' | null>(null);
  const days = useMemo(() => (error ? [] : (data?.days ?? [])), [data, error]);
  const months = useMemo(() => byMonth(days), [days]);
  const holidays = days.filter((d) => d.kind === 'holiday').length;
  const go = (y: number) => navigate('/monitoring/calendar' + qs({ year: y === dayjs().year() ? undefined : y }));

  const saved = (day: string) => {
    setEditing(null);
    message.success(t('cal.saved', { day }));
    invalidateCalendar();
    refetch();
  };
  const remove = async (d: CalendarDay) => {
    try {
      await calendarApi.remove(d.day);
      message.success(t('cal.deleted', { day: d.day }));
      invalidateCalendar();
      refetch();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('cal.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('cal.subtitle')}</Typography.Text>
        {!manage && <Notice type="info" showIcon title={t('cal.readOnly')} style={{ marginTop: 12 }} />}
      </Card>
      <Card
        size="small"
        title={
          <Space size={4}>
            <Button size="small" type="text" icon={<LeftOutlined />} onClick={() => go(year - 1)} aria-label={t('cal.prevYear')} />
            <span style={tabular} data-testid="calendar-year">{t('cal.year', { year })}</span>
            <Button size="small" type="text" icon={<RightOutlined />} onClick={() => go(year + 1)} aria-label={t('cal.nextYear')} />
          </Space>
        }
        extra={
          manage && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-day">
              {t('cal.add')}
            </Button>
          )
        }
      >
        {error && (
          <Notice type="error" showIcon style={{ marginBottom: 12 }} title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />
        )}
        <Spin spinning={loading}>
          {data && !error && (
            <Typography.Paragraph type="secondary" data-testid="calendar-summary">
              {t('cal.summary', { h: holidays, w: days.length - holidays })}
            </Typography.Paragraph>
          )}
          {!loading && !error && days.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cal.empty', { year })} />}
          {months.map(([m, list]) => (
            <section key={m} data-testid={`month-${m}`} style={{ marginBottom: 12 }}>
              <Typography.Title level={5} style={{ margin: '4px 0' }}>
                {dayjs(`${year}-${m}-01`).format('MMMM')}
              </Typography.Title>
              {list.map((d) => (
                <DayRow key={d.day} d={d} manage={manage} onEdit={() => setEditing(d)} onDelete={() => remove(d)} />
              ))}
            </section>
          ))}
        </Spin>
      </Card>
      {manage && <DayModal key={editing === 'new' ? 'new' : (editing?.day ?? 'closed')} editing={editing} year={year} onClose={() => setEditing(null)} onSaved={saved} />}
    </Space>
  );
}
