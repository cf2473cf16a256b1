/** The data-sharing catalog over HTTP: read by anyone signed in, edited with catalog.manage. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../platform/runtime.js';
import { actorOf } from '../../api/actor.js';

export function catalogRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { catalog } = rt.services;
  const tags = ['catalog'];
  return async (app) => {
    app.get('/catalog', { schema: { tags, summary: '部门与数据集 / departments and datasets' } }, async (req) => {
      actorOf(req);
      return { departments: await catalog.departments(), datasets: await catalog.datasets() };
    });

    app.get('/catalog/datasets/:code', {
      schema: { tags, summary: '数据集定义与版本 / a dataset with its versions', params: Type.Object({ code: Type.String() }) },
    }, async (req) => {
      actorOf(req);
      return { ...(await catalog.dataset(req.params.code)), versions: await catalog.history(req.params.code) };
    });

    app.put('/catalog/datasets/:code', {
      schema: { tags, summary: '新增或修改数据集定义 / add or change a dataset definition', params: Type.Object({ code: Type.String() }), body: Type.Object({}, { additionalProperties: true }) },
    }, async (req) => catalog.saveDataset({ ...(req.body as object), code: req.params.code }, actorOf(req)));
  };
}
