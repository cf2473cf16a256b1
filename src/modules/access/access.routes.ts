/** Login, the current user, user and token management, and the audit log over HTTP. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Runtime } from '../../platform/runtime.js';
import { actorOf } from '../../api/actor.js';
import { ACCESS_SETTINGS as S } from './access.settings.js';
import { DEMO_PASSWORD } from './demo-users.js';
import { PERMISSIONS, ROLES } from './domain/roles.js';
import { requirePermission, type Actor } from './domain/actor.js';

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, maxAge: number): void {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  reply.header('set-cookie', `${S.sessionCookie}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${secure}`);
}

async function me(rt: Runtime, actor: Actor) {
  const u = actor.userId
    ? await rt.database.db.selectFrom('app_user').select(['username', 'display_name']).where('id', '=', actor.userId).executeTakeFirst()
    : undefined;
  return {
    username: u?.username ?? actor.label,
    display_name: u?.display_name ?? null,
    role: actor.role,
    region_code: actor.regionCode,
    department: actor.department,
    permissions: [...actor.permissions].sort(),
  };
}

export function accessRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { auth, users, audit } = rt.services;
  return async (app) => {
    const tags = ['access'];
    app.post('/auth/login', {
      schema: { tags, summary: '登录 / sign in', body: Type.Object({ username: Type.String({ maxLength: 40 }), password: Type.String({ maxLength: 128 }) }) },
    }, async (req, reply) => {
      const grant = await auth.login(req.body.username, req.body.password);
      setSessionCookie(req, reply, grant.token, S.absoluteTimeoutHours * 3600);
      return { user: await me(rt, grant.actor), csrf_token: grant.csrf_token };
    });

    app.post('/auth/logout', { schema: { tags, summary: '退出 / sign out' } }, async (req, reply) => {
      if (req.sessionToken) await auth.logout(req.sessionToken);
      setSessionCookie(req, reply, '', 0);
      return { ok: true };
    });

    app.get('/auth/demo-accounts', { schema: { tags, summary: '演示账号（仅演示数据开启时）/ demo accounts, when demo data is loaded' } }, async () => ({
      password: (await rt.database.db.selectFrom('app_user').select('id').where('demo', '=', true).limit(1).executeTakeFirst()) ? DEMO_PASSWORD : null,
      items: await rt.database.db.selectFrom('app_user').select(['username', 'role', 'region_code', 'display_name']).where('demo', '=', true).where('status', '=', 'active').orderBy('id').execute(),
    }));

    app.get('/auth/me', { schema: { tags, summary: '当前用户 / who am I' } }, async (req) => ({ user: await me(rt, actorOf(req)), csrf_token: req.csrfToken ?? null }));

    app.get('/access/roles', { schema: { tags, summary: '角色与权限 / roles and permissions' } }, async () => {
      const grants = await rt.database.db.selectFrom('role_permission').select(['role', 'permission']).orderBy('role').orderBy('permission').execute();
      const granted: Record<string, string[]> = {};
      for (const g of grants) (granted[g.role] ??= []).push(g.permission);
      return { roles: ROLES, permissions: PERMISSIONS, grants: granted };
    });

    app.get('/users', { schema: { tags, summary: '用户列表 / users in your area' } }, async (req) => ({ items: await users.list(actorOf(req)) }));

    app.post('/users', {
      schema: { tags, summary: '新建用户 / create a user', body: Type.Object({ username: Type.String(), password: Type.String(), role: Type.String(), region: Type.String(), department: Type.Optional(Type.String()), display_name: Type.Optional(Type.String({ maxLength: 50 })) }) },
    }, async (req, reply) => reply.status(201).send(await users.add(req.body, actorOf(req))));

    app.post('/users/:username/disable', {
      schema: { tags, summary: '停用用户 / disable a user', params: Type.Object({ username: Type.String() }) },
    }, async (req) => users.disable(req.params.username, actorOf(req)));

    app.post('/tokens', {
      schema: { tags, summary: '创建 API 令牌（仅显示一次）/ create an API token (shown once)', body: Type.Object({ username: Type.String(), region: Type.Optional(Type.String()), permissions: Type.Optional(Type.Array(Type.String())), name: Type.Optional(Type.String({ maxLength: 100 })) }) },
    }, async (req, reply) => {
      const { username, ...scope } = req.body;
      return reply.status(201).send(await auth.createToken(username, scope, actorOf(req)));
    });

    app.post('/tokens/:id/revoke', {
      schema: { tags, summary: '撤销令牌 / revoke a token', params: Type.Object({ id: Type.String({ pattern: '^[0-9]+$' }) }) },
    }, async (req) => {
      await auth.revokeToken(req.params.id, actorOf(req));
      return { ok: true };
    });

    const tagsR = ['registry'];
    app.get('/households/:code/authorizations', {
      schema: { tags: tagsR, summary: '核对授权书 / the household\'s economic-check authorizations', params: Type.Object({ code: Type.String({ maxLength: 40 }) }) },
    }, async (req) => ({ items: await rt.services.authorizations.list(req.params.code, actorOf(req)) }));

    app.post('/households/:code/authorizations', {
      schema: {
        tags: tagsR, summary: '登记核对授权书 / record a signed authorization', params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        body: Type.Object({ signed_by_person_id: Type.String({ pattern: '^[0-9]+$' }), scope: Type.Array(Type.String(), { minItems: 1 }), signed_on: Type.String({ format: 'date' }), expires_on: Type.String({ format: 'date' }), file_ref: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    }, async (req, reply) => reply.status(201).send(await rt.services.authorizations.record(req.params.code, req.body, actorOf(req))));

    app.post('/authorizations/:id/revoke', {
      schema: { tags: tagsR, summary: '撤销授权书 / revoke an authorization', params: Type.Object({ id: Type.String({ pattern: '^[0-9]+$' }) }), body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }) },
    }, async (req) => {
      await rt.services.authorizations.revoke(req.params.id, req.body.reason, actorOf(req));
      return { ok: true };
    });

    app.get('/audit', {
      schema: {
        tags, summary: '审计日志 / the audit log',
        querystring: Type.Object({ actor: Type.Optional(Type.String()), action: Type.Optional(Type.String()), subject: Type.Optional(Type.String()), from: Type.Optional(Type.String({ format: 'date' })), to: Type.Optional(Type.String({ format: 'date' })), page: Type.Optional(Type.Integer({ minimum: 1 })), page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }),
      },
    }, async (req) => audit.list(req.query, actorOf(req)));

    app.get('/audit/verify', { schema: { tags, summary: '校验审计链 / verify the audit chain' } }, async (req) => {
      requirePermission(actorOf(req), 'audit.read');
      return audit.verify();
    });
  };
}
