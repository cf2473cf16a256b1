// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { downloads, mockFetch, renderAt, setViewportWidth, setupWebTest, type RecordedCall } from '../../test-utils';

setupWebTest();

const ROW = {
  code: '220102001001000001',
  region_code: '220102001001',
  region_name: '长春市 南关区 南岭街道 华阳社区',
  hukou_type: 'urban',
  address: '华阳街1号',
  head_name: '张*',
  member_count: 3,
  categories: ['dibao', 'tekun'],
};
const RESULTS = { items: [ROW], total: 41, page: 1, page_size: 20 };
const search = ({ method, url }: RecordedCall) =>
  method === 'POST' && url === '/api/households/search' ? { body: RESULTS } : undefined;
const searches = (calls: RecordedCall[]) => calls.filter((c) => c.url === '/api/households/search');
const searchButton = () => screen.getByText(/^查\s*询$/).closest('button')!;
const textBox = () => screen.getByPlaceholderText('输入姓名或18位身份证号');

describe('registry search page', () => {
  it('lists households with Chinese labels and links to the household page', async () => {
    const { calls } = mockFetch(search);
    renderAt('/registry');
    const link = await screen.findByText(ROW.code);
    expect(link.closest('a')!.getAttribute('href')).toBe(`/households/${ROW.code}`);
    expect(screen.getByText(ROW.region_name)).toBeTruthy();
    expect(await screen.findByText('城镇')).toBeTruthy();
    expect(screen.getByText('低保')).toBeTruthy();
    expect(screen.getByText('特困')).toBeTruthy();
    expect(screen.getAllByText('共 41 条').length).toBeGreaterThan(0);
    expect(searches(calls)[0].body).toEqual({ page: 1, page_size: 20 });
    fireEvent.click(link);
    await waitFor(() => expect(window.location.pathname).toBe(`/households/${ROW.code}`));
  });

  it('sends a name only in the POST body, never in a URL', async () => {
    const { calls } = mockFetch(search);
    renderAt('/registry');
    await screen.findByText(ROW.code);
    fireEvent.change(textBox(), { target: { value: '张三' } });
    fireEvent.click(searchButton());
    await waitFor(() => expect(searches(calls).some((c) => (c.body as { name?: string }).name === '张三')).toBe(true));
    for (const c of calls) expect(decodeURIComponent(c.url)).not.toContain('张三');
    expect(decodeURIComponent(window.location.href)).not.toContain('张三');
  });

  it('recognises an 18-character ID number and sends it as id_number', async () => {
    const { calls } = mockFetch(search);
    renderAt('/registry');
    await screen.findByText(ROW.code);
    fireEvent.change(textBox(), { target: { value: '22010219800101123x' } });
    fireEvent.click(searchButton());
    await waitFor(() =>
      expect(searches(calls).at(-1)!.body).toEqual({ id_number: '22010219800101123X', page: 1, page_size: 20 }),
    );
    expect(window.location.href).not.toContain('123X');
  });

  it('takes region, category and page from the page URL', async () => {
    const { calls } = mockFetch(search, ({ url }) =>
      url === '/api/regions/2201'
        ? { body: { code: '2201', name: '长春市', level: 'prefecture', parent_code: '22', path: [{ code: '22', name: '吉林省', level: 'province' }, { code: '2201', name: '长春市', level: 'prefecture' }] } }
        : undefined,
    );
    renderAt('/registry?region=2201&category=dibao&page=2');
    await screen.findByText(ROW.code);
    expect(searches(calls)[0].body).toEqual({ region: '2201', category: 'dibao', page: 2, page_size: 20 });
    expect(await screen.findByTitle('长春市')).toBeTruthy();
    fireEvent.click(screen.getByText(/^重\s*置$/).closest('button')!);
    await waitFor(() => expect(window.location.search).toBe(''));
  });

  it('exports the current filter as XLSX through a POST', async () => {
    const { calls } = mockFetch(search, ({ method, url }) =>
      method === 'POST' && url === '/api/households/export'
        ? {
            body: new Blob(['xlsx']),
            headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E4%BD%8E%E6%94%B6%E5%85%A5.xlsx" },
          }
        : undefined,
    );
    renderAt('/registry?category=tekun');
    await screen.findByText(ROW.code);
    fireEvent.click(screen.getByText('导出 XLSX').closest('button')!);
    await waitFor(() => expect(calls.some((c) => c.url === '/api/households/export')).toBe(true));
    expect(calls.find((c) => c.url === '/api/households/export')!.body).toEqual({ category: 'tekun' });
    expect(await screen.findByText('导出完成')).toBeTruthy();
    expect(downloads).toEqual(['低收入.xlsx']);
    expect(screen.getByText('下载导入模板').closest('a')!.getAttribute('href')).toBe('/api/templates/registry');
  });

  it("shows the server's error message", async () => {
    mockFetch(({ url }) =>
      url === '/api/households/search'
        ? { status: 400, body: { error: { code: 'VALIDATION', message: '行政区划代码无效 / Invalid region code' } } }
        : undefined,
    );
    renderAt('/registry?region=99');
    expect(await screen.findByText('行政区划代码无效 / Invalid region code')).toBeTruthy();
  });

  it('shows tappable cards instead of the table on a phone', async () => {
    setViewportWidth(390);
    mockFetch(search);
    renderAt('/registry');
    await screen.findByText(ROW.code);
    expect(document.querySelector('.ant-table')).toBeNull();
    const card = document.querySelector('[data-testid="result-item"]')!;
    expect(card.getAttribute('href')).toBe(`/households/${ROW.code}`);
    expect(card.textContent).toContain('户主：张*');
  });
});
