/**
 * Cases over HTTP (docs/cases.md): open a case from a discovery, list and read cases in the
 * user's region, take a step. Access is checked in the services; routes only name the actor.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../platform/runtime.js';
import { actorOf } from '../../api/actor.js';

const Id = Type.Object({ id: Type.String() });
const IdRef = Type.Optional(Type.Union([Type.String({ pattern: '^\\d{1,18}$' }), Type.Integer({ minimum: 1 })]));

export function caseRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { cases, timeline, inbox, documents } = rt.services;
  return async (app) => {
    app.post('/cases', {
      schema: {
        tags: ['cases'], summary: '立案：从预警、申请、上报或复核任务 / open a case from an alert, application, report or review task',
        body: Type.Object({ alert_id: IdRef, application_id: IdRef, report_id: IdRef, review_task_id: IdRef }, { additionalProperties: false }),
      },
    }, async (req, reply) => {
      const b = req.body;
      const input = Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
      const { case: view, attached } = await cases.open(input, actorOf(req));
      return reply.status(attached ? 200 : 201).send({ ...view, attached });
    });

    app.get('/cases', {
      schema: {
        tags: ['cases'], summary: '救助案件列表 / cases in your region',
        querystring: Type.Object({
          state: Type.Optional(Type.String()), region: Type.Optional(Type.String()), overdue: Type.Optional(Type.Boolean()), escalated: Type.Optional(Type.Boolean()),
          household: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), offset: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
      },
    }, async (req) => cases.list(req.query, actorOf(req)));

    app.get('/cases/:id', { schema: { tags: ['cases'], summary: '案件详情 / a case: state, history, deadlines, next actions', params: Id } }, async (req) => cases.get(req.params.id, actorOf(req)));

    app.post('/cases/:id/transitions', {
      schema: {
        tags: ['cases'], summary: '办理一步 / take a step of the case', params: Id,
        body: Type.Object({ action: Type.String(), note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])), data: Type.Optional(Type.Unknown()) }),
      },
    }, async (req) => cases.act(req.params.id, req.body, actorOf(req)));

    app.get('/cases/:id/recommendations', {
      schema: { tags: ['cases'], summary: '为该户匹配的救助项目及理由 / programs matched for the household, with reasons', params: Id },
    }, async (req) => cases.recommendations(req.params.id, actorOf(req)));

    app.get('/cases/:id/documents/:kind', {
      schema: { tags: ['cases'], summary: '打印文书数据：入户调查表、核对报告、审批表、通知书 / data of a printed paper', params: Type.Object({ id: Type.String(), kind: Type.String() }) },
    }, async (req) => documents.forCase(req.params.id, req.params.kind, actorOf(req)));

    app.get('/publicity', {
      schema: { tags: ['cases'], summary: '公示名单 / the publicity list of a region', querystring: Type.Object({ region: Type.Optional(Type.String()) }) },
    }, async (req) => documents.publicity(actorOf(req), req.query.region));

    app.get('/households/:code/timeline', {
      schema: { tags: ['cases'], summary: '一户一条救助链 / the household\'s assistance chain', params: Type.Object({ code: Type.String() }) },
    }, async (req) => timeline.forHousehold(req.params.code, actorOf(req)));

    app.get('/inbox', { schema: { tags: ['cases'], summary: '我的待办 / my work, due and overdue' } }, async (req) => inbox.forActor(actorOf(req)));
  };
}
