import { DownloadOutlined, FileExcelOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { registryApi, splitNameOrId, useHouseholdSearch, type HouseholdRow, type SearchRequest } from '../../api/registry';
import { useSession } from '../../api/session';
import { useLabels } from '../../api/vocabulary';
import { useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { Link, navigate, qs, useLocation } from '../../router';
import { CategoryTags } from './CategoryTags';
import { RegionPicker } from './RegionPicker';
import { ResultList } from './ResultList';
import { searchMemory } from './searchState';

interface FormValues {
  region?: string;
  category?: string;
  text?: string;
}

/**
 * /registry — search the low-income population registry. The page URL carries only region,
 * category and page; the name / ID-number text is sent in the POST body and kept in memory.
 */
export function SearchPage() {
  const t = useT();
  const { message } = App.useApp();
  const { label, terms } = useLabels();
  const { query, search } = useLocation();
  const [form] = Form.useForm<FormValues>();
  const [text, setText] = useState(searchMemory.text);
  const [seq, setSeq] = useState(searchMemory.seq);
  const [pageSize, setPageSize] = useState(searchMemory.pageSize);
  const [exporting, setExporting] = useState(false);
  const isMobile = useIsMobile();
  // The tree starts at the user's own area: the server limits every search to it anyway.
  const { user } = useSession();

  const region = query.get('region') || undefined;
  const category = query.get('category') || undefined;
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const filter = useMemo(() => ({ region, category, ...splitNameOrId(text) }), [region, category, text]);
  const request: SearchRequest = { ...filter, page, page_size: pageSize };
  const { data, error, loading, refetch } = useHouseholdSearch(request, seq);

  useEffect(() => {
    searchMemory.lastSearch = search;
  }, [search]);
  // Browser back/forward changes the URL: keep the form in step with it.
  useEffect(() => {
    form.setFieldsValue({ region, category });
  }, [form, region, category]);

  // Phones: no field labels (the placeholders say it) and tighter spacing.
  const fieldLabel = (key: 'registry.region' | 'registry.category' | 'registry.text') => (isMobile ? undefined : t(key));
  const itemStyle = isMobile ? { marginBottom: 10 } : undefined;

  const go = (next: { region?: string; category?: string; page?: number }) =>
    navigate('/registry' + qs({ region: next.region, category: next.category, page: next.page && next.page > 1 ? next.page : undefined }));

  const onSearch = (v: FormValues) => {
    searchMemory.text = v.text?.trim() ?? '';
    searchMemory.seq += 1;
    setText(searchMemory.text);
    setSeq(searchMemory.seq);
    go({ region: v.region, category: v.category });
  };
  const onReset = () => {
    form.setFieldsValue({ region: undefined, category: undefined, text: '' });
    searchMemory.text = '';
    setText('');
    go({});
  };
  const onExport = async () => {
    setExporting(true);
    try {
      await registryApi.exportSearch(filter);
      message.success(t('common.exportDone'));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<HouseholdRow> = [
    {
      title: t('registry.col.code'),
      dataIndex: 'code',
      width: 170,
      fixed: 'left',
      render: (code: string) => (
        <Link to={`/households/${encodeURIComponent(code)}`} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
          {code}
        </Link>
      ),
    },
    { title: t('registry.col.region'), dataIndex: 'region_name', width: 230, ellipsis: { showTitle: true } },
    { title: t('registry.col.hukou'), dataIndex: 'hukou_type', width: 70, render: (v: string) => label('hukou_types', v) },
    { title: t('registry.col.head'), dataIndex: 'head_name', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('registry.col.members'), dataIndex: 'member_count', width: 80, align: 'right' },
    {
      title: t('registry.col.categories'),
      dataIndex: 'categories',
      width: 190,
      render: (codes: string[]) => <CategoryTags codes={codes ?? []} />,
    },
    { title: t('registry.col.address'), dataIndex: 'address', ellipsis: { showTitle: true } },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" styles={{ body: { paddingBottom: 4 } }}>
        <div style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('registry.title')}
          </Typography.Title>
          {!isMobile && <Typography.Text type="secondary">{t('registry.subtitle')}</Typography.Text>}
        </div>
<Form form={form} layout="vertical" initialValues={{ region, category, text }} onFinish={onSearch} requiredMark={false}>
          <Row gutter={[12, 0]} align="bottom">
            <Col xs={24} md={12} xl={7}>
              <Form.Item name="region" label={fieldLabel('registry.region')} style={itemStyle}>
                <RegionPicker rootCode={user?.region_code ?? '22'} placeholder={t('registry.regionPlaceholder')} aria-label={t('registry.region')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="category" label={fieldLabel('registry.category')} style={itemStyle}>
                <Select
                  allowClear
                  placeholder={t('registry.categoryPlaceholder')}
                  options={terms('categories').map((c) => ({ value: c.code, label: label('categories', c.code) }))}
                  aria-label={t('registry.category')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="text" label={fieldLabel('registry.text')} style={itemStyle}>
                <Input aria-label={t('registry.text')} allowClear placeholder={t('registry.textPlaceholder')} autoComplete="off" maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item>
                <Space wrap>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t('common.search')}
                  </Button>
                  <Button onClick={onReset} icon={<ReloadOutlined />}>
                    {t('common.reset')}
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>

      <Card
        size="small"
        title={
          <Space size={8}>
            <span>{t('registry.results')}</span>
            {data && <Typography.Text type="secondary" style={{ fontWeight: 400 }}>{t('common.total', { n: data.total })}</Typography.Text>}
          </Space>
        }
        extra={
          <Space size={4} wrap>
            {!isMobile && (
              <Button type="link" size="small" href={registryApi.templateUrl} download icon={<DownloadOutlined />}>
                {t('registry.template')}
              </Button>
            )}
            <Button size="small" icon={<FileExcelOutlined />} loading={exporting} onClick={onExport} disabled={!data?.total}>
              {t('common.export')}
            </Button>
          </Space>
        }
      >
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
        {isMobile ? (
          <ResultList
            items={error ? [] : (data?.items ?? [])}
            loading={loading}
            page={page}
            pageSize={pageSize}
            total={data?.total ?? 0}
            onPage={(p) => go({ region, category, page: p })}
          />
        ) : (
          <Table<HouseholdRow>
            rowKey="code"
            size="small"
            bordered
            columns={columns}
            dataSource={error ? [] : (data?.items ?? [])}
            loading={loading}
            scroll={{ x: 1050 }}
            locale={{ emptyText: t('registry.empty') }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (n) => t('common.total', { n }),
              size: 'small',
              onChange: (p, ps) => {
                if (ps !== pageSize) {
                  searchMemory.pageSize = ps;
                  setPageSize(ps);
                  go({ region, category });
                } else go({ region, category, page: p });
              },
            }}
          />
        )}
      </Card>
    </Space>
  );
}
