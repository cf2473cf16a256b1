/**
 * Assistance over HTTP: programs (read by anyone signed in, changed with program.manage), a
 * household's recommended programs (registry.read, region-scoped, audited), and referrals
 * (department handlers see their department's; case.read sees the region's). Access is checked
 * in the services; routes only name the actor.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../platform/runtime.js';
import { actorOf } from '../../api/actor.js';

const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export function assistanceRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { programs, recommendations, referrals } = rt.services;
  const Code = Type.Object({ code: Type.String({ maxLength: 80 }) });
  const Id = Type.Object({ id: Type.String({ maxLength: 20 }) });
  return async (app) => {
    app.get('/programs', { schema: { tags: ['assistance'], summary: '救助项目 / assistance programs' } }, async (req) => {
      actorOf(req);
      return { programs: await programs.list(), departments: await programs.departments(), ...programs.vocabulary() };
    });

    app.get('/programs/:code', { schema: { tags: ['assistance'], summary: '救助项目及其版本 / a program with its versions', params: Code } }, async (req) => {
      actorOf(req);
      return programs.get(req.params.code);
    });

    app.put('/programs/:code', {
      schema: { tags: ['assistance'], summary: '新增或修改救助项目 / add or change a program', params: Code, body: Type.Object({ definition: Type.Unknown(), active: Type.Optional(Type.Boolean()) }) },
    }, async (req) => programs.save(req.params.code, req.body, actorOf(req)));

    app.get('/households/:code/recommendations', {
      schema: {
        tags: ['assistance'], summary: '推荐救助项目及理由 / recommended programs with the reasons', params: Code,
        querystring: Type.Object({ tier: Type.Optional(Type.String({ maxLength: 20 })), on: Type.Optional(DateText) }),
      },
    }, async (req) => recommendations.forHouseholdCode(req.params.code, req.query.tier, req.query.on, actorOf(req)));

    app.get('/referrals', {
      schema: {
        tags: ['assistance'], summary: '转介 / referrals (a department handler: its department only)',
        querystring: Type.Object({
          status: Type.Optional(Type.String({ maxLength: 20 })), program: Type.Optional(Type.String({ maxLength: 80 })), region: Type.Optional(Type.String({ maxLength: 12 })),
          household: Type.Optional(Type.String({ maxLength: 40 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), offset: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
      },
    }, async (req) => referrals.list(req.query, actorOf(req)));

    app.get('/referrals/:id', { schema: { tags: ['assistance'], summary: '转介详情 / a referral', params: Id } }, async (req) => referrals.get(req.params.id, actorOf(req)));

    app.post('/referrals/:id/respond', {
      schema: {
        tags: ['assistance'], summary: '答复转介：受理（含发放金额）或不予救助 / answer a referral', params: Id,
        body: Type.Object({
          decision: Type.String({ maxLength: 20 }),
          result: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
          amount: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
          granted_on: Type.Optional(Type.Union([DateText, Type.Null()])),
          period_from: Type.Optional(Type.Union([DateText, Type.Null()])),
          period_to: Type.Optional(Type.Union([DateText, Type.Null()])),
          confirm_duplicate: Type.Optional(Type.Boolean()),
          duplicate_reason: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
        }),
      },
    }, async (req) => referrals.respond(req.params.id, req.body, actorOf(req)));
  };
}
