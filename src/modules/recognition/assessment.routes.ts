/** Assessments over HTTP: assess a description or a registered household, read and replay stored ones. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../platform/runtime.js';
import { actorOf } from '../../api/actor.js';

export function assessmentRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { assessments } = rt.services;
  const tags = ['recognition'];
  return async (app) => {
    app.post('/assessments', {
      schema: {
        tags,
        summary: '分层认定测算 / assess a household',
        description:
          'Body: a household description (docs/formats/household-description.md) — answered 200, not stored; ' +
          'or {"household_code", "on"?} for a registered household — stored with the parameter values used, answered 201.',
        body: Type.Object({}, { additionalProperties: true }),
      },
    }, async (req, reply) => {
      const body = req.body as Record<string, unknown>;
      const actor = actorOf(req);
      if (typeof body.household_code === 'string') {
        const on = typeof body.on === 'string' ? body.on : undefined;
        return reply.status(201).send(await assessments.assessHousehold(body.household_code, on, actor));
      }
      return assessments.assessDescription(body, actor);
    });

    app.get('/assessments/:id', {
      schema: { tags, summary: '查看已保存的测算 / a stored assessment', params: Type.Object({ id: Type.String() }) },
    }, async (req) => assessments.get(req.params.id, actorOf(req)));

    app.get('/assessments/:id/replay', {
      schema: { tags, summary: '按原输入与参数重算 / replay a stored assessment with its own input and parameter values', params: Type.Object({ id: Type.String() }) },
    }, async (req) => assessments.replay(req.params.id, actorOf(req)));

    app.get('/households/:code/assessments', {
      schema: { tags, summary: '某户的测算记录 / a household\'s stored assessments, newest first', params: Type.Object({ code: Type.String() }) },
    }, async (req) => ({ items: await assessments.listForHousehold(req.params.code, actorOf(req)) }));
  };
}
