/**
 * /monitoring/indicators/:code — one indicator: its fields, its facts and condition as JSON, a
 * preview of how many it would flag today, and its versions. Saving makes a new version; the
 * server checks the definition and names the part that is wrong, which is shown beside it.
 */
import { ArrowLeftOutlined, EyeOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert as Notice, App, Button, Card, Col, Form, Input, InputNumber, Result, Row, Select, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api';
import { LEVELS, invalidateMonitoring, monitoringApi, useIndicator, useIndicatorCatalog, type Indicator, type IndicatorVersion, type Preview } from '../../api/monitoring';
import { useSession } from '../../api/session';
import { useLabels } from '../../api/vocabulary';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { dateTime } from '../registry/format';
import { errorPart, parseJsonPart, toDefinition, toForm, type IndicatorFormValues, type JsonPart } from './definitionForm';
import { LevelTag, mono, useMonitoringLabels } from './labels';

const KINDS = ['hardship', 'reverse', 'modifier'] as const;
const SUBJECTS = ['person', 'household'] as const;
const POPULATIONS = ['everyone', 'registered', 'categories'] as const;

interface ServerError {
  part: JsonPart | null;
  message: string;
}

function Versions({ versions, current }: { versions: IndicatorVersion[]; current: number }) {
  const t = useT();
  return (
    <div data-testid="versions">
      {versions.length === 0 && <Typography.Text type="secondary">{t('ind.noVersions')}</Typography.Text>}
      {[...versions]
        .sort((a, b) => b.version - a.version)
        .map((v) => (
          <div key={v.version} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Space size={8} wrap>
              <span style={{ ...mono, fontWeight: 600 }}>v{v.version}</span>
              {v.version === current && <Tag color="blue">{t('ind.current')}</Tag>}
              <Tag color={v.active ? 'green' : 'default'}>{v.active ? t('ind.activeTag') : t('ind.inactive')}</Tag>
              <span style={{ ...mono, fontSize: 12 }}>{v.updated_by}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(v.updated_at)}</Typography.Text>
            </Space>
          </div>
        ))}
    </div>
  );
}

function EditorForm({ ind, onSaved }: { ind: Indicator; onSaved: () => void }) {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const manage = can('monitor.manage');
  const { name, level, subject, kind, term } = useMonitoringLabels();
  const { label: vocab, terms } = useLabels();
  const { data: catalog } = useIndicatorCatalog();
  const [form] = Form.useForm<IndicatorFormValues>();
  const populationKind = Form.useWatch('populationKind', form);
  const formSubject = Form.useWatch('subject', form) ?? ind.definition.subject;
  const [serverError, setServerError] = useState<ServerError | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<'save' | 'preview' | null>(null);

  const definition = async () => toDefinition(ind.definition, await form.validateFields());
  const fail = (e: unknown) => {
    if (e instanceof ApiError) setServerError({ part: errorPart(e), message: e.message });
    else if (e instanceof Error) message.error(e.message);
    // antd's own validation errors are shown on the fields already
  };
  const onSave = async () => {
    setServerError(null);
    setBusy('save');
    try {
      const def = await definition();
      const saved = await monitoringApi.saveIndicator(ind.code, def, form.getFieldValue('active') !== false);
      message.success(t('ind.saved', { v: saved?.version ?? '' }));
      invalidateMonitoring();
      onSaved();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };
  const onPreview = async () => {
    setServerError(null);
    setPreview(null);
    setBusy('preview');
    try {
      setPreview(await monitoringApi.preview(ind.code, await definition()));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const jsonRule = (part: JsonPart) => ({
    validator: async (_: unknown, text: string | undefined) => {
      const r = parseJsonPart(text ?? '');
      if ('error' in r) throw new Error(t('ind.jsonInvalid', { part: t(part === 'facts' ? 'ind.f.facts' : 'ind.f.condition'), error: r.error }));
    },
  });
  const serverHelp = (part: JsonPart) =>
    serverError && serverError.part === part
      ? { validateStatus: 'error' as const, help: <span data-testid={`server-error-${part}`}>{serverError.message}</span> }
      : {};
  const required = (field: string) => ({ required: true, message: t('ind.f.required', { field }) });
  const hints = (
    <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
      {t('ind.operators')}
      {t('common.colon')}
      {(catalog?.operators ?? []).map((o) => `${o.code} ${name(o)}`).join('、') || '—'}
      <br />
      {t('ind.registryFacts')}
      {t('common.colon')}
      {(catalog?.registry_facts ?? []).map((f) => `${f.code} ${name(f)}`).join('、') || '—'}
    </Typography.Paragraph>
  );

  return (
    <Form<IndicatorFormValues>
      form={form}
      layout="vertical"
      disabled={!manage}
      initialValues={toForm(ind)}
      onValuesChange={() => {
        if (serverError) setServerError(null);
        if (preview) setPreview(null);
      }}
      requiredMark={manage}
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="zh" label={t('ind.f.zh')} rules={[required(t('ind.f.zh'))]}>
            <Input aria-label={t('ind.f.zh')} maxLength={60} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="en" label={t('ind.f.en')} rules={[required(t('ind.f.en'))]}>
            <Input aria-label={t('ind.f.en')} maxLength={120} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="kind" label={t('ind.f.kind')}>
            <Select aria-label={t('ind.f.kind')} options={KINDS.map((k) => ({ value: k, label: kind(k) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="level" label={t('ind.f.level')}>
            <Select aria-label={t('ind.f.level')} options={LEVELS.map((l) => ({ value: l, label: level(l) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="subject" label={t('ind.f.subject')}>
            <Select aria-label={t('ind.f.subject')} options={SUBJECTS.map((s) => ({ value: s, label: subject(s) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="populationKind" label={t('ind.f.population')}>
            <Select aria-label={t('ind.f.population')} options={POPULATIONS.map((p) => ({ value: p, label: t(`population.${p}`) }))} />
          </Form.Item>
        </Col>
        {populationKind === 'categories' && (
          <>
            <Col xs={24} md={10}>
              <Form.Item name="categories" label={t('ind.f.categories')} rules={[{ required: true, type: 'array', min: 1, message: t('ind.f.required', { field: t('ind.f.categories') }) }]}>
                <Select mode="multiple" aria-label={t('ind.f.categories')} options={terms('categories').map((c) => ({ value: c.code, label: vocab('categories', c.code) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="of" label={t('ind.f.of')}>
                <Select aria-label={t('ind.f.of')} options={[{ value: 'person', label: t('population.ofPerson') }, { value: 'household', label: t('population.ofHousehold') }]} />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      <Row gutter={12}>
        <Col xs={12} md={8}>
          <Form.Item name="suppress_days" label={t('ind.f.suppress')} extra={t('ind.f.suppressHelp')} rules={[required(t('ind.f.suppress'))]}>
            <InputNumber aria-label={t('ind.f.suppress')} min={0} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={10}>
          <Form.Item name="action" label={t('ind.f.action')} rules={[required(t('ind.f.action'))]}>
            <Select
              aria-label={t('ind.f.action')}
              showSearch={{ optionFilterProp: 'search' }}
              options={(catalog?.actions ?? []).map((a) => ({ value: a.code, label: name(a), search: `${a.zh} ${a.en} ${a.code}` }))}
              labelRender={({ value }) => term(catalog?.actions, String(value))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="active" label={t('ind.f.active')} valuePropName="checked">
            <Switch aria-label={t('ind.f.active')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="descZh" label={`${t('ind.f.descZh')}${t('common.optional')}`}>
            <Input.TextArea aria-label={t('ind.f.descZh')} rows={2} maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="descEn" label={`${t('ind.f.descEn')}${t('common.optional')}`}>
            <Input.TextArea aria-label={t('ind.f.descEn')} rows={2} maxLength={1000} />
          </Form.Item>
        </Col>
      </Row>
      {hints}
      <Row gutter={12}>
        <Col xs={24} xl={12}>
          <Form.Item name="facts" label={t('ind.f.facts')} extra={t('ind.f.factsHelp')} rules={[jsonRule('facts')]} {...serverHelp('facts')}>
            <Input.TextArea aria-label={t('ind.f.facts')} rows={14} spellCheck={false} style={{ ...mono, fontSize: 12 }} data-testid="facts-json" />
          </Form.Item>
        </Col>
        <Col xs={24} xl={12}>
          <Form.Item name="condition" label={t('ind.f.condition')} extra={t('ind.f.conditionHelp')} rules={[jsonRule('condition')]} {...serverHelp('condition')}>
            <Input.TextArea aria-label={t('ind.f.condition')} rows={14} spellCheck={false} style={{ ...mono, fontSize: 12 }} data-testid="condition-json" />
          </Form.Item>
        </Col>
      </Row>
      {serverError && serverError.part === null && (
        <Notice type="error" showIcon title={t('ind.serverError')} description={serverError.message} style={{ marginBottom: 12 }} data-testid="server-error" />
      )}
      {preview && (
        <Notice
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="preview-result"
          title={t('ind.previewResult', { n: preview.count, on: preview.on, unit: t(formSubject === 'household' ? 'ind.unit.household' : 'ind.unit.person') })}
        />
      )}
      {manage && (
        <Space wrap>
          <Button icon={<EyeOutlined />} onClick={onPreview} loading={busy === 'preview'} disabled={busy === 'save'} data-testid="preview">
            {t('ind.preview')}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} onClick={onSave} loading={busy === 'save'} disabled={busy === 'preview'} data-testid="save">
            {t('ind.save')}
          </Button>
        </Space>
      )}
    </Form>
  );
}

export function IndicatorEditor({ code }: { code: string }) {
  const t = useT();
  const { can } = useSession();
  const { name } = useMonitoringLabels();
  const { data: ind, error, loading, refetch } = useIndicator(code);
  const back = (
    <Link to="/monitoring/indicators">
      <ArrowLeftOutlined /> {t('ind.back')}
    </Link>
  );
  if (error && !ind) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <Card size="small" title={back}>
        {notFound ? (
          <Result status="404" title={t('notFound.title')} subTitle={error.message} />
        ) : (
          <Notice type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />
        )}
      </Card>
    );
  }
  if (!ind || (loading && ind.code !== code)) {
    return (
      <Card size="small" title={back}>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={back}>
        <Space size={8} wrap align="center">
          <LevelTag level={ind.definition.level} />
          <Typography.Title level={4} style={{ margin: 0 }}>{name(ind.definition)}</Typography.Title>
          <Tag style={mono}>{ind.code}</Tag>
          <Tag style={mono}>v{ind.version}</Tag>
          <Tag color={ind.active ? 'green' : 'default'}>{ind.active ? t('ind.activeTag') : t('ind.inactive')}</Tag>
        </Space>
        {ind.definition.description && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{name(ind.definition.description)}</Typography.Paragraph>
        )}
        {!can('monitor.manage') && <Notice type="info" showIcon title={t('ind.readOnly')} style={{ marginTop: 12 }} />}
      </Card>
      <Card size="small" title={t('ind.definition')}>
        {/* a new version from the server resets the form to it */}
        <EditorForm key={`${ind.code}@${ind.version}`} ind={ind} onSaved={refetch} />
      </Card>
      <Card size="small" title={t('ind.versions')}>
        <Versions versions={ind.versions ?? []} current={ind.version} />
      </Card>
    </Space>
  );
}
