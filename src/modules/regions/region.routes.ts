/** Region lookups: public reference data, no login needed. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../platform/runtime.js';

const Level = Type.Union([Type.Literal('province'), Type.Literal('prefecture'), Type.Literal('county'), Type.Literal('township'), Type.Literal('village')]);
const RegionRef = Type.Object({ code: Type.String(), name: Type.String(), level: Level });
const CodeParam = Type.Object({ code: Type.String({ description: 'NBS code (2/4/6/9/12 digits), 12-digit padded or 6-digit GB/T 2260 form' }) });

export function regionRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const regions = rt.services.regions;
  return async (app) => {
    app.get('/regions/:code', {
      schema: {
        tags: ['regions'],
        summary: '行政区划 / a region with its path from the province',
        params: CodeParam,
        response: { 200: Type.Object({ code: Type.String(), name: Type.String(), level: Level, parent_code: Type.Union([Type.String(), Type.Null()]), path: Type.Array(RegionRef) }) },
      },
    }, async (req) => regions.get(req.params.code));

    app.get('/regions/:code/children', {
      schema: {
        tags: ['regions'],
        summary: '下级行政区划 / children of a region',
        params: CodeParam,
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: Level, has_children: Type.Boolean() })) }) },
      },
    }, async (req) => ({ items: await regions.children(req.params.code) }));
  };
}
