/** The registry's read side over HTTP: search, household record, person lookup, exports. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../platform/runtime.js';
import { actorOf } from '../../api/actor.js';
import { attachment, xlsxStream } from '../../platform/xlsx.js';
import { CodeParam, HouseholdFilter, HouseholdListQuery, HouseholdPage } from './registry.schemas.js';
import { householdListSheet, householdRecordSheets } from './registry.export.js';
import { vocabularies } from './domain/vocabulary-list.js';
import { checkIdNumber } from './domain/id-number.js';
import { registryWriteRoutes } from './registry-write.routes.js';

export function registryRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { householdReads, persons } = rt.services;
  return async (app) => {
    app.get('/vocabulary', { schema: { tags: ['registry'], summary: '代码表 / the registry vocabularies with Chinese and English labels' } }, async () => vocabularies());

    app.get('/households', {
      schema: { tags: ['registry'], summary: '户列表（按区划、类别）/ list households by region and category', querystring: HouseholdListQuery, response: { 200: HouseholdPage } },
    }, async (req) => householdReads.search(req.query, actorOf(req)));

    app.post('/households/search', {
      schema: { tags: ['registry'], summary: '查询户（姓名、身份证号在请求体中）/ search households; names and ID numbers travel in the body', body: HouseholdFilter, response: { 200: HouseholdPage } },
    }, async (req) => householdReads.search(req.body, actorOf(req)));

    app.post('/households/export', {
      schema: { tags: ['registry'], summary: '导出查询结果 XLSX / export the search results as XLSX', body: HouseholdFilter },
    }, async (req, reply) => {
      const actor = actorOf(req);
      const rows = householdReads.searchAll(req.body, actor);
      await rt.services.audit.record({ actor: actor.label, action: 'household.export', detail: { filter: { region: req.body.region, category: req.body.category } } });
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', attachment(`低收入人口库-households-${rt.clock.today()}.xlsx`));
      return reply.send(xlsxStream([householdListSheet(rows)]));
    });

    app.get('/households/:code', {
      schema: { tags: ['registry'], summary: '户详情 / a household with members, categories, snapshots and history', params: CodeParam },
    }, async (req) => householdReads.get(req.params.code, actorOf(req)));

    app.get('/households/:code/export', {
      schema: { tags: ['registry'], summary: '导出户详情 XLSX / export a household record as XLSX', params: CodeParam },
    }, async (req, reply) => {
      const detail = await householdReads.get(req.params.code, actorOf(req));
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', attachment(`户-${detail.code}.xlsx`));
      return reply.send(xlsxStream(householdRecordSheets(detail)));
    });

    app.post('/persons/lookup', {
      schema: { tags: ['registry'], summary: '按身份证号查人（号码在请求体中）/ look a person up by ID number (in the body, never the URL)', body: Type.Object({ id_number: Type.String({ maxLength: 20 }) }) },
    }, async (req) => persons.lookup(req.body.id_number, actorOf(req)));

    app.post('/persons/:id/reveal', {
      schema: { tags: ['registry'], summary: '查看完整身份证号或电话（需权限与用途，留痕）/ reveal a full ID number or phone (permission + purpose, audited)', params: Type.Object({ id: Type.String({ pattern: '^[0-9]+$' }) }), body: Type.Object({ field: Type.Union([Type.Literal('id_number'), Type.Literal('phone')]), purpose: Type.String({ maxLength: 200 }) }) },
    }, async (req) => persons.reveal(req.params.id, req.body.field, req.body.purpose, actorOf(req)));

    app.get('/templates/registry', {
      schema: { tags: ['registry'], summary: '名册导入模板 XLSX（公开）/ the registry import template (public)' },
    }, async (_req, reply) => {
      const { buildRegistryTemplate } = await import('./import/registry-template.js');
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', attachment('低收入人口名册导入模板-registry-template.xlsx'));
      return reply.send(await buildRegistryTemplate());
    });

    app.post('/id/check', {
      schema: { tags: ['registry'], summary: '校验身份证号 / check an ID number (GB 11643-1999)', body: Type.Object({ id_number: Type.String({ maxLength: 40 }) }) },
    }, async (req) => {
      const r = checkIdNumber(req.body.id_number, rt.clock.today());
      return { valid: r.valid, errors: r.errors, birth_date: r.birth_date ?? null, sex: r.sex ?? null, address_code: r.address_code ?? null };
    });

    await app.register(registryWriteRoutes(rt));
  };
}
