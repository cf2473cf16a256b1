/**
 * Payments over HTTP (docs/payments.md): a county's monthly roll — prepare, read, approve — and
 * the entitlements. Access (payment.* permissions, the county in the user's region, the
 * preparer not approving) is checked in the services; routes only name the actor.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../platform/runtime.js';
import { actorOf } from '../../api/actor.js';
import { attachment } from '../../platform/xlsx.js';

const Roll = Type.Object({ region: Type.String(), month: Type.String() });

export function paymentRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { rolls, entitlements, rollExports } = rt.services;
  return async (app) => {
    app.post('/payments/rolls', {
      schema: {
        tags: ['payments'], summary: '编制（或重新编制）县级月度发放花名册 / prepare (or recompute) a county\'s monthly roll',
        body: Type.Object({ month: Type.String(), region: Type.String() }, { additionalProperties: false }),
      },
    }, async (req) => rolls.prepare(req.body, actorOf(req)));

    app.get('/payments/rolls/:region/:month', {
      schema: { tags: ['payments'], summary: '发放花名册 / a roll with its lines and the changes against last month', params: Roll },
    }, async (req) => rolls.show(req.params, actorOf(req)));

    app.post('/payments/rolls/:region/:month/approve', {
      schema: { tags: ['payments'], summary: '审核发放花名册（编制人不能审核）/ approve a roll (not by its preparer)', params: Roll },
    }, async (req) => rolls.approve(req.params, actorOf(req)));

    app.get('/payments/rolls/:region/:month/export', {
      schema: { tags: ['payments'], summary: '导出发放花名册 XLSX / the roll as XLSX (ID numbers masked)', params: Roll },
    }, async (req, reply) => {
      const { fileName, stream } = await rollExports.xlsx(req.params, actorOf(req));
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', attachment(fileName));
      return reply.send(stream);
    });

    app.get('/payments/rolls/:region/:month/bank-file', {
      schema: {
        tags: ['payments'], summary: '银行代发文件（仅已审核的花名册）/ the bank file of an approved roll',
        params: Roll, querystring: Type.Object({ layout: Type.Optional(Type.String()) }),
      },
    }, async (req, reply) => {
      const file = await rollExports.bankFile({ ...req.params, layout: req.query.layout }, actorOf(req));
      reply.header('content-type', file.fileName.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'text/plain; charset=gbk');
      reply.header('content-disposition', attachment(file.fileName));
      return reply.send(file.body);
    });

    app.post('/payments/rolls/:region/:month/bank-returns', {
      schema: {
        tags: ['payments'], summary: '银行回盘文件（全部匹配才处理）/ apply the bank\'s return file (all rows must match)',
        params: Roll, body: Type.Object({ layout: Type.Optional(Type.String()), text: Type.String({ maxLength: 50_000_000 }) }, { additionalProperties: false }),
      },
    }, async (req) => rollExports.applyReturns({ ...req.params, ...req.body }, actorOf(req)));

    app.get('/payments/entitlements', {
      schema: {
        tags: ['payments'], summary: '救助待遇 / entitlements in your region',
        querystring: Type.Object({ region: Type.Optional(Type.String()), household: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
      },
    }, async (req) => entitlements.list(req.query, actorOf(req)));
  };
}
