// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CSRF, mockFetch, renderAt, setupWebTest, signedInAs, type Handler } from '../../test-utils';
import { catalog, medicalProvider } from './fixtures';

setupWebTest();

interface Answer {
  status: number;
  body: unknown;
}

/** XMLHttpRequest as the upload uses it: records the request, reports half the bytes sent, then answers. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  static answer: Answer = { status: 202, body: { upload_id: 'u1' } };
  /** keep the request open until respond() */
  static hold = false;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
    const size = (body as File).size;
    setTimeout(() => this.upload.onprogress?.({ loaded: Math.floor(size / 2), total: size, lengthComputable: true }), 0);
    if (!FakeXhr.hold) setTimeout(() => this.respond(), 20);
  }
  respond() {
    this.status = FakeXhr.answer.status;
    this.responseText = JSON.stringify(FakeXhr.answer.body);
    this.onload?.();
  }
  abort() {
    this.onabort?.();
  }
}

const report = (over: Record<string, unknown>) => ({
  batch_id: '7', dataset: 'medical_settlement', status: 'committed', rows: 3, accepted: 3, rejected: 0, matched: 1, unmatched: 2,
  errors: [], errors_total: 0, duplicate_of: null, supersedes: null, sha256: 'ab'.repeat(32), ...over,
});

/** GET /api/ingest/uploads/u1: first still running (2 rows, half the bytes), then done with `final`. */
function job(final: unknown): Handler {
  let polls = 0;
  return ({ method, url }) => {
    if (method !== 'GET' || url !== '/api/ingest/uploads/u1') return undefined;
    polls++;
    return polls === 1
      ? { body: { status: 'running', progress: { rows: 2, bytes: 60, size: 120 }, report: null, error: null } }
      : { body: { status: 'done', progress: { rows: 3, bytes: 120, size: 120 }, report: final, error: null } };
  };
}

const file = () => new File(['id_number,settle_date,oop_cost\n'.padEnd(120, 'x')], '医保-10月.csv', { type: 'text/csv' });

async function chooseFileAndSend() {
  await screen.findByTestId('expected-columns');
  fireEvent.change(document.querySelector('input[type="file"]')!, { target: { files: [file()] } });
  expect(await screen.findByText(/医保-10月\.csv/)).toBeTruthy();
  fireEvent.click(screen.getByTestId('upload-submit'));
}

beforeEach(() => {
  FakeXhr.sent = [];
  FakeXhr.answer = { status: 202, body: { upload_id: 'u1' } };
  FakeXhr.hold = false;
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});

describe('upload', () => {
  it("sends the file of the provider's own dataset, shows the progress, then the committed batch", async () => {
    mockFetch(signedInAs(medicalProvider), catalog, job(report({})));
    renderAt('/sharing/upload');
    expect(await screen.findByText('您所在部门（医保局）只能上传本部门的数据集。')).toBeTruthy();
    // the only dataset the department sends is chosen; its columns are listed
    expect((await screen.findByTestId('expected-columns')).textContent).toContain('oop_cost（个人自付费用）*');
    FakeXhr.hold = true;
    await chooseFileAndSend();
    // the upload's progress bar, then the server's (rows read, bytes of the size)
    await waitFor(() => expect(screen.getByTestId('upload-progress').textContent).toContain('50%'));
    expect(screen.getByTestId('upload-progress').textContent).toContain('正在上传 医保-10月.csv');
    act(() => FakeXhr.sent[0].respond());
    expect(await screen.findByTestId('processing-progress')).toBeTruthy();
    expect(screen.getByTestId('processing-progress').textContent).toContain('已读取 2 行 · 60 B / 120 B');
    const result = await screen.findByTestId('upload-result');
    expect(result.textContent).toContain('已入库：批次 7');
    expect(result.textContent).toContain('载入 3/3 行；匹配低收入人口库 1 行，未匹配 2 行。');
    const xhr = FakeXhr.sent[0];
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/ingest/medical_settlement?async=true');
    expect(xhr.headers['x-file-name']).toBe(encodeURIComponent('医保-10月.csv'));
    expect(xhr.headers['x-csrf-token']).toBe(CSRF);
    expect((xhr.body as File).name).toBe('医保-10月.csv');
    expect(screen.queryByTestId('error-report')).toBeNull();
  });

  it('shows a rejected file with its errors and the error report link', async () => {
    const errors = [
      { row: 3, field: 'oop_cost', value: '-5', reason: '不能为负数 / must not be negative' },
      { row: 4, field: 'settle_date', value: '', reason: '必填项为空 / settle_date is required' },
    ];
    mockFetch(signedInAs(medicalProvider), catalog, job(report({ batch_id: '12', status: 'rejected', accepted: 0, rejected: 3, matched: 0, unmatched: 0, errors, errors_total: 2 })));
    renderAt('/sharing/upload');
    await chooseFileAndSend();
    const result = await screen.findByTestId('upload-result');
    expect(result.textContent).toContain('文件未入库：2 处错误，未写入任何数据（批次 12 记为拒收）');
    const table = screen.getByTestId('upload-errors');
    const rows = table.querySelectorAll('tbody tr.ant-table-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('3');
    expect(rows[0].textContent).toContain('oop_cost 个人自付费用');
    expect(rows[0].textContent).toContain('-5');
    expect(rows[0].textContent).toContain('不能为负数 / must not be negative');
    expect(within(rows[1] as HTMLElement).getByText('（空）')).toBeTruthy();
    const link = screen.getByTestId('error-report') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/api/ingest/batches/12/errors.csv');
    expect(link.textContent).toContain('下载错误报告');
  });

  it('says a file already loaded was not loaded again; sends the options an administrator chose', async () => {
    mockFetch(catalog, job(report({ batch_id: '5', status: 'duplicate', rows: 0, accepted: 0, matched: 0, unmatched: 0, duplicate_of: '5' })));
    renderAt('/sharing/upload?dataset=death_record');
    // no department: every dataset, the one from the link chosen; another can be picked
    expect((await screen.findByTestId('expected-columns')).textContent).toContain('death_date（死亡日期）*');
    fireEvent.mouseDown(screen.getByLabelText('数据集'));
    fireEvent.click(await screen.findByTitle('医疗费用结算'));
    await waitFor(() => expect(screen.getByTestId('expected-columns').textContent).toContain('oop_cost'));
    fireEvent.click(screen.getByTestId('upload-skip'));
    fireEvent.change(screen.getByLabelText('替换批次'), { target: { value: 'x1' } });
    expect(await screen.findByText('批次号应为数字')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('替换批次'), { target: { value: '3' } });
    await chooseFileAndSend();
    expect((await screen.findByTestId('upload-result')).textContent).toContain('此文件已于批次 5 入库，未重复载入');
    expect(FakeXhr.sent[0].url).toBe('/api/ingest/medical_settlement?async=true&skip_invalid=true&supersede=3');
  });

  it("shows the server's refusal (403) in an alert", async () => {
    FakeXhr.answer = {
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: '数据集 death_record（死亡注销）由公安厅报送，您所在部门（医保局）不能上传 / your department cannot upload it' } },
    };
    const { calls } = mockFetch(signedInAs(medicalProvider), catalog);
    renderAt('/sharing/upload');
    await chooseFileAndSend();
    const result = await screen.findByTestId('upload-result');
    expect(result.textContent).toContain('上传失败');
    expect(result.textContent).toContain('由公安厅报送，您所在部门（医保局）不能上传');
    expect(calls.some((c) => c.url.startsWith('/api/ingest/uploads/'))).toBe(false);
  });

  it('shows a load that failed on the server (bad headers) and asks for the file first', async () => {
    mockFetch(signedInAs(medicalProvider), catalog, ({ url }) =>
      url === '/api/ingest/uploads/u1'
        ? { body: { status: 'failed', progress: { rows: 0, bytes: 0, size: 120 }, report: null, error: { code: 'VALIDATION', message: '表头与数据集 medical_settlement 不符：缺少必填列：oop_cost（个人自付费用）' } } }
        : undefined,
    );
    renderAt('/sharing/upload');
    await screen.findByTestId('expected-columns');
    fireEvent.click(screen.getByTestId('upload-submit'));
    expect(await screen.findByText('请选择文件')).toBeTruthy();
    expect(FakeXhr.sent).toHaveLength(0);
    await chooseFileAndSend();
    expect((await screen.findByTestId('upload-result')).textContent).toContain('缺少必填列：oop_cost（个人自付费用）');
  });
});
