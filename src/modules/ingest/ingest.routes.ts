/**
 * Department data over HTTP. `POST /api/ingest/{dataset}` takes the file as the request body
 * (any content type; streamed to a temporary file, never held in memory) and answers with the
 * report, or with 202 and an upload id to follow (`?async=1`, what the web page uses).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../platform/runtime.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../api/actor.js';
import { requirePermission } from '../access/domain/actor.js';
import { ingestErrorReport } from './error-report.js';
import { UploadJobs } from './upload-jobs.js';

export const MAX_UPLOAD_BYTES = Number(process.env.SAFETYNET_UPLOAD_MAX_BYTES ?? 4 * 1024 ** 3);

async function saveBody(body: IncomingMessage, limit: number): Promise<{ file: string; size: number }> {
  const dir = path.join(os.tmpdir(), 'safetynet-uploads');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, randomUUID());
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) return done(new AppError('PAYLOAD_TOO_LARGE', { zh: `文件超过上限 ${Math.round(limit / 1024 ** 2)} MB`, en: `the file is larger than the limit of ${Math.round(limit / 1024 ** 2)} MB` }));
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, count, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    fs.rmSync(file, { force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('VALIDATION', { zh: '上传中断，文件不完整，未载入任何数据', en: 'the upload was interrupted; the file is incomplete and nothing was loaded' });
  }
  if (size === 0) {
    fs.rmSync(file, { force: true });
    throw new AppError('VALIDATION', { zh: '上传的文件为空', en: 'the uploaded file is empty' });
  }
  return { file, size };
}

function fileNameOf(header: unknown): string | null {
  if (typeof header !== 'string' || !header) return null;
  try {
    return decodeURIComponent(header).slice(0, 200);
  } catch {
    return header.slice(0, 200);
  }
}

export function ingestRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { ingest, catalog } = rt.services;
  const jobs = new UploadJobs();
  const tags = ['ingest'];
  return async (app) => {
    // The body of an upload is the file itself, whatever its type (JSON Lines too): hand the raw stream over.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));

    app.post('/ingest/:dataset', {
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags,
        summary: '上传部门数据文件 / upload a department data file',
        description: 'Body: the file (CSV UTF-8/GBK, XLSX, JSON Lines). Header x-file-name: its name (URL-encoded). ' +
          'Answers 200 with the report (committed or duplicate), 422 when refused (the report in error.details), or 202 {upload_id} with ?async=1.',
        params: Type.Object({ dataset: Type.String() }),
        querystring: Type.Object({ skip_invalid: Type.Optional(Type.Boolean()), supersede: Type.Optional(Type.String()), async: Type.Optional(Type.Boolean()) }),
      },
    }, async (req, reply) => {
      const actor = actorOf(req);
      const def = await catalog.dataset(req.params.dataset);
      await ingest.mayUpload(def, actor);
      const { file, size } = await saveBody(req.body as IncomingMessage, MAX_UPLOAD_BYTES);
      const fileName = fileNameOf(req.headers['x-file-name']);
      const run = (onProgress?: Parameters<typeof ingest.ingest>[2]) =>
        ingest.ingest({ dataset: def.code, file, fileName, skipInvalid: req.query.skip_invalid, supersede: req.query.supersede }, actor, onProgress)
          .finally(() => fs.rmSync(file, { force: true }));
      if (req.query.async) {
        const job = jobs.start(actor.label, def.code, fileName, size, run);
        return reply.status(202).send({ upload_id: job.id });
      }
      const report = await run();
      if (report.status === 'rejected') return reply.status(422).send({ error: { code: 'VALIDATION', message: `文件未入库：${report.errors_total} 处错误 / refused: ${report.errors_total} errors`, details: report } });
      return report;
    });

    app.get('/ingest/uploads/:id', {
      schema: { tags, summary: '上传进度与结果 / progress and result of an upload', params: Type.Object({ id: Type.String() }) },
    }, async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'dataset.upload');
      return jobs.get(req.params.id, actor.label);
    });

    app.get('/households/:code/facts', {
      schema: { tags, summary: '部门数据中该户成员的记录 / what the departments\' data say about a household\'s members', params: Type.Object({ code: Type.String() }) },
    }, async (req) => rt.services.householdFacts.forHousehold(req.params.code, actorOf(req)));

    app.get('/ingest/batches', {
      schema: { tags, summary: '批次记录 / batches, newest first', querystring: Type.Object({ dataset: Type.Optional(Type.String()) }) },
    }, async (req) => ({ items: await ingest.batches({ dataset: req.query.dataset }, actorOf(req)) }));

    app.get('/ingest/batches/:id', {
      schema: { tags, summary: '一个批次 / one batch', params: Type.Object({ id: Type.String() }) },
    }, async (req) => ingest.batch(req.params.id, actorOf(req)));

    app.get('/ingest/batches/:id/errors.csv', {
      schema: { tags, summary: '批次错误报告（CSV）/ the batch error report as CSV', params: Type.Object({ id: Type.String() }) },
    }, async (req, reply) => {
      const errors = await ingest.errors(req.params.id, actorOf(req));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="batch-${req.params.id}-errors.csv"`)
        .send(ingestErrorReport(errors));
    });
  };
}
