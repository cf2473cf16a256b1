/**
 * Monitoring over HTTP: indicators (read by anyone signed in, edited and previewed with
 * monitor.manage), runs, and alerts (read within the user's region with alert.read, handled
 * with alert.handle). Access is checked in the services; routes only name the actor.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../platform/runtime.js';
import { actorOf } from '../../api/actor.js';

export function monitoringRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { indicators, monitorRuns, alerts } = rt.services;
  const Code = Type.Object({ code: Type.String() });
  const Id = Type.Object({ id: Type.String() });
  return async (app) => {
    app.get('/monitoring/indicators', { schema: { tags: ['monitoring'], summary: '预警指标 / warning indicators' } }, async (req) => {
      actorOf(req);
      return { indicators: await indicators.list(), ...indicators.vocabulary() };
    });

    app.get('/monitoring/indicators/:code', { schema: { tags: ['monitoring'], summary: '预警指标及其版本 / an indicator with its versions', params: Code } }, async (req) => {
      actorOf(req);
      return indicators.get(req.params.code);
    });

    app.put('/monitoring/indicators/:code', {
      schema: { tags: ['monitoring'], summary: '新增或修改预警指标 / add or change an indicator', params: Code, body: Type.Object({ definition: Type.Unknown(), active: Type.Optional(Type.Boolean()) }) },
    }, async (req) => indicators.save(req.params.code, req.body, actorOf(req)));

    app.post('/monitoring/indicators/:code/preview', {
      schema: { tags: ['monitoring'], summary: '预览：当前将触发多少人 / how many it would fire for now', params: Code, body: Type.Object({ definition: Type.Unknown(), on: Type.Optional(Type.String({ format: 'date' })) }) },
    }, async (req) => indicators.preview(req.params.code, req.body.definition, actorOf(req), req.body.on));

    app.post('/monitoring/runs', {
      schema: { tags: ['monitoring'], summary: '运行监测 / run monitoring as of a date', body: Type.Optional(Type.Object({ on: Type.Optional(Type.String({ format: 'date' })) })) },
    }, async (req) => {
      const r = await monitorRuns.run(actorOf(req), { on: req.body?.on });
      return { run_id: r.run_id, as_of: r.as_of, alerts_created: r.alerts_created, by_indicator: r.by_indicator, subjects: r.subjects, seconds: r.seconds };
    });

    app.get('/monitoring/runs', { schema: { tags: ['monitoring'], summary: '监测运行记录 / monitoring runs', querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }) } }, async (req) => ({
      runs: await monitorRuns.list(actorOf(req), req.query.limit),
    }));

    app.get('/alerts', {
      schema: {
        tags: ['monitoring'], summary: '预警列表 / alerts in your region',
        querystring: Type.Object({
          status: Type.Optional(Type.String()), level: Type.Optional(Type.String()), indicator: Type.Optional(Type.String()), region: Type.Optional(Type.String()),
          household: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), offset: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
      },
    }, async (req) => alerts.list(req.query, actorOf(req)));

    app.get('/alerts/summary', { schema: { tags: ['monitoring'], summary: '预警统计 / alert counts by level, region and month', querystring: Type.Object({ region: Type.Optional(Type.String()) }) } }, async (req) =>
      alerts.summary(actorOf(req), req.query.region));

    app.get('/alerts/:id', { schema: { tags: ['monitoring'], summary: '预警详情与依据 / an alert with its evidence', params: Id } }, async (req) => alerts.get(req.params.id, actorOf(req)));

    app.post('/alerts/:id/status', {
      schema: { tags: ['monitoring'], summary: '处置预警 / start verifying or close an alert', params: Id, body: Type.Object({ status: Type.String(), outcome: Type.Optional(Type.String()), note: Type.Optional(Type.String({ maxLength: 1000 })) }) },
    }, async (req) => alerts.setStatus(req.params.id, req.body, actorOf(req)));
  };
}
