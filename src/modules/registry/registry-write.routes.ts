/** The registry's write side over HTTP: each route is one explicit, audited operation. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../platform/runtime.js';
import { actorOf } from '../../api/actor.js';
import { CodeParam, HouseholdCreate, HouseholdPatch, IdParam, PersonInput, PersonPatch, Reason, SnapshotInput } from './registry.schemas.js';

export function registryWriteRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { households, householdReads } = rt.services;
  const tags = ['registry'];
  return async (app) => {
    app.post('/households', { schema: { tags, summary: '新建户 / create a household with its members', body: HouseholdCreate } }, async (req, reply) => {
      const { reason, ...input } = req.body;
      const actor = actorOf(req);
      const code = await households.create(input, { actor, reason: reason ?? null });
      return reply.status(201).send(await householdReads.get(code, actor));
    });

    app.patch('/households/:code', { schema: { tags, summary: '修改户信息 / update a household', params: CodeParam, body: HouseholdPatch } }, async (req) => {
      const { reason, ...patch } = req.body;
      const actor = actorOf(req);
      await households.update(req.params.code, patch, { actor, reason });
      return householdReads.get(req.params.code, actor);
    });

    app.post('/households/:code/members', { schema: { tags, summary: '增加成员 / add a member', params: CodeParam, body: Type.Intersect([PersonInput, Type.Object({ reason: Type.Optional(Type.String()) })]) } }, async (req, reply) => {
      const { reason, ...person } = req.body;
      const id = await households.addMember(req.params.code, person, { actor: actorOf(req), reason: reason ?? null });
      return reply.status(201).send({ id });
    });

    app.post('/households/:code/split', {
      schema: { tags, summary: '分户 / split members into a new household', params: CodeParam, body: Type.Object({ new_code: Type.String(), person_ids: Type.Array(Type.String(), { minItems: 1 }), head_person_id: Type.String(), address: Type.Optional(Type.String()), reason: Type.String({ minLength: 1 }) }) },
    }, async (req, reply) => {
      const { reason, ...input } = req.body;
      const code = await households.split(req.params.code, input, { actor: actorOf(req), reason });
      return reply.status(201).send({ code });
    });

    app.post('/households/:code/merge', {
      schema: { tags, summary: '合户 / merge this household into another', params: CodeParam, body: Type.Object({ into: Type.String(), reason: Type.String({ minLength: 1 }) }) },
    }, async (req) => {
      await households.merge(req.params.code, req.body.into, { actor: actorOf(req), reason: req.body.reason });
      return { merged_into: req.body.into };
    });

    app.post('/households/:code/snapshots', { schema: { tags, summary: '记录家庭经济状况 / record an economic snapshot', params: CodeParam, body: SnapshotInput } }, async (req, reply) => {
      const { reason, ...snapshot } = req.body;
      await households.addSnapshot(req.params.code, snapshot, { actor: actorOf(req), reason: reason ?? null });
      return reply.status(201).send({ ok: true });
    });

    app.patch('/persons/:id', { schema: { tags, summary: '修改人员信息 / update a person', params: IdParam, body: PersonPatch } }, async (req) => {
      const { reason, ...patch } = req.body;
      await households.updatePerson(req.params.id, patch, { actor: actorOf(req), reason });
      return { ok: true };
    });

    app.post('/persons/:id/move', {
      schema: { tags, summary: '迁户 / move a person to another household', params: IdParam, body: Type.Object({ to: Type.String(), relation: Type.String(), reason: Type.String({ minLength: 1 }) }) },
    }, async (req) => {
      await households.movePerson(req.params.id, req.body.to, req.body.relation, { actor: actorOf(req), reason: req.body.reason });
      return { ok: true };
    });

    app.post('/persons/:id/memberships', {
      schema: { tags, summary: '登记救助类别 / record a category membership', params: IdParam, body: Type.Object({ category: Type.String(), valid_from: Type.String({ format: 'date' }), source: Type.String({ minLength: 1 }), decided_by: Type.Optional(Type.String()), reason: Type.Optional(Type.String()) }) },
    }, async (req, reply) => {
      const { reason, ...input } = req.body;
      await households.addMembership(req.params.id, input, { actor: actorOf(req), reason: reason ?? null });
      return reply.status(201).send({ ok: true });
    });

    app.post('/memberships/:id/end', {
      schema: { tags, summary: '结束救助类别 / end a category membership', params: IdParam, body: Type.Intersect([Reason, Type.Object({ valid_to: Type.String({ format: 'date' }) })]) },
    }, async (req) => {
      await households.endMembership(req.params.id, req.body.valid_to, { actor: actorOf(req), reason: req.body.reason });
      return { ok: true };
    });
  };
}
