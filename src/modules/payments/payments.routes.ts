/**
 * Payments over HTTP (docs/payments.md): a county's monthly roll — prepare, read, approve — and
 * the entitlements. Access (payment.* permissions, the county in the user's region, the
 * preparer not approving) is checked in the services; routes only name the actor.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../platform/runtime.js';
import { actorOf } from '../../api/actor.js';

const Roll = Type.Object({ region: Type.String(), month: Type.String() });

export function paymentRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { rolls, entitlements } = rt.services;
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

    app.get('/payments/entitlements', {
      schema: {
        tags: ['payments'], summary: '救助待遇 / entitlements in your region',
        querystring: Type.Object({ region: Type.Optional(Type.String()), household: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
      },
    }, async (req) => entitlements.list(req.query, actorOf(req)));
  };
}
