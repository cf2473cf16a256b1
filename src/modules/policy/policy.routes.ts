/** Policy parameters over HTTP: the catalog with history, the value in force, and setting one. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../platform/runtime.js';
import { actorOf } from '../../api/actor.js';

export function policyRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { policy } = rt.services;
  const tags = ['policy'];
  return async (app) => {
    app.get('/policy/parameters', { schema: { tags, summary: '参数目录与历史 / the parameter catalog with every version' } }, async (req) => {
      actorOf(req);
      return { catalog: policy.catalog(), history: await policy.history() };
    });

    app.get('/policy/parameters/:key', {
      schema: { tags, summary: '某区划某日生效的值 / the value in force', params: Type.Object({ key: Type.String() }), querystring: Type.Object({ region: Type.String(), on: Type.String({ format: 'date' }) }) },
    }, async (req) => {
      actorOf(req);
      return policy.get(req.params.key, req.query.region, req.query.on);
    });

    app.post('/policy/parameters', {
      schema: {
        tags, summary: '设置参数（新版本）/ set a parameter (a new version)',
        body: Type.Object({ key: Type.String(), value: Type.Unknown(), region: Type.String(), from: Type.String({ format: 'date' }), to: Type.Optional(Type.String({ format: 'date' })), source: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
    }, async (req, reply) => reply.status(201).send(await policy.set(req.body, actorOf(req))));
  };
}
