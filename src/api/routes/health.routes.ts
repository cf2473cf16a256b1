import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import type { Runtime } from '../../platform/runtime.js';

const VERSION = '0.1.0';

export function healthRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/health',
      {
        schema: {
          tags: ['system'],
          summary: '健康检查 / health',
          response: {
            200: Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]), version: Type.String() }),
          },
        },
      },
      async () => {
        await sql`select 1`.execute(rt.database.db);
        return { status: 'ok' as const, database: rt.database.engine, version: VERSION };
      },
    );
  };
}
