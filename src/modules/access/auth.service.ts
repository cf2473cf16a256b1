/**
 * Authentication: password login with lockout, web sessions with idle and absolute timeouts,
 * and long-lived API tokens (hashed at rest, revocable, optionally narrower than their user).
 * Each resolves to an Actor that services check.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RegionService } from '../regions/region.service.js';
import { hashPassword, verifyPassword } from './domain/password.js';
import { digest, newSecret } from './domain/secrets.js';
import { PERMISSIONS, type Permission } from './domain/roles.js';
import { inScope, requirePermission, type Actor } from './domain/actor.js';
import { ACCESS_SETTINGS as S } from './access.settings.js';
import type { UserService } from './user.service.js';

export interface SessionGrant {
  token: string;
  csrf_token: string;
  actor: Actor;
}

const unauthorized = () => new AppError('UNAUTHORIZED', { zh: '未登录或登录已过期，请重新登录', en: 'not signed in, or the session has expired' });
const badLogin = () => new AppError('UNAUTHORIZED', { zh: '用户名或密码错误', en: 'wrong user name or password' });

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword('not-a-real-password-0'));

type UserRow = { id: string; username: string; role: string; region_code: string; department: string | null };

export class AuthService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly users: UserService,
    private readonly regions: RegionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async login(username: string, password: string): Promise<SessionGrant> {
    const now = this.clock.now();
    const u = await this.db.selectFrom('app_user').selectAll().where('username', '=', username ?? '').executeTakeFirst();
    if (!u) {
      await verifyPassword(password ?? '', await dummyHash()); // same work as a wrong password: no timing hint
      await this.audit.record({ actor: 'anonymous', action: 'auth.login_failed', detail: { reason: 'unknown_user' } });
      throw badLogin();
    }
    if (u.status !== 'active') {
      await this.audit.record({ actor: `user:${u.username}`, action: 'auth.login_failed', subject: `user:${u.id}`, detail: { reason: 'disabled' } });
      throw new AppError('UNAUTHORIZED', { zh: '账号已停用', en: 'this account is disabled' });
    }
    if (u.locked_until && new Date(u.locked_until) > now) {
      await this.audit.record({ actor: `user:${u.username}`, action: 'auth.login_failed', subject: `user:${u.id}`, detail: { reason: 'locked' } });
      throw new AppError('UNAUTHORIZED', { zh: `账号因多次密码错误已锁定，请 ${S.lockoutMinutes} 分钟后再试`, en: `account locked after repeated failures; try again in ${S.lockoutMinutes} minutes` });
    }
    if (!(await verifyPassword(password ?? '', u.password_hash))) {
      const failed = u.failed_logins + 1;
      const lock = failed >= S.maxFailedLogins ? new Date(now.getTime() + S.lockoutMinutes * 60_000) : null;
      await this.db.updateTable('app_user').set({ failed_logins: lock ? 0 : failed, locked_until: lock }).where('id', '=', u.id).execute();
      await this.audit.record({ actor: `user:${u.username}`, action: lock ? 'auth.locked' : 'auth.login_failed', subject: `user:${u.id}`, detail: { reason: 'password', failed } });
      throw badLogin();
    }
    await this.db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', u.id).execute();
    const token = newSecret('sns');
    const csrf = newSecret('csrf');
    await this.db
      .insertInto('user_session')
      .values({ id: digest(token), user_id: u.id, csrf_token: csrf, created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + S.absoluteTimeoutHours * 3600_000) })
      .execute();
    await this.audit.record({ actor: `user:${u.username}`, action: 'auth.login', subject: `user:${u.id}` });
    return { token, csrf_token: csrf, actor: await this.actorFor(u, `user:${u.username}`) };
  }

  async logout(token: string): Promise<void> {
    const s = await this.db.updateTable('user_session').set({ revoked_at: this.clock.now() }).where('id', '=', digest(token)).returning('user_id').executeTakeFirst();
    if (s) await this.audit.record({ actor: `user_id:${s.user_id}`, action: 'auth.logout', subject: `user:${s.user_id}` });
  }

  /** The actor behind a session cookie, with its CSRF token; refuses idle, expired and revoked sessions. */
  async session(token: string): Promise<{ actor: Actor; csrf_token: string }> {
    const now = this.clock.now();
    const s = await this.db
      .selectFrom('user_session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .select(['s.id', 's.csrf_token', 's.last_seen_at', 's.expires_at', 's.revoked_at', 'u.id as user_id', 'u.username', 'u.role', 'u.region_code', 'u.department', 'u.status'])
      .where('s.id', '=', digest(token))
      .executeTakeFirst();
    if (!s || s.revoked_at || s.status !== 'active') throw unauthorized();
    const idle = now.getTime() - new Date(s.last_seen_at).getTime() > S.idleTimeoutMinutes * 60_000;
    if (idle || new Date(s.expires_at) <= now) {
      await this.db.updateTable('user_session').set({ revoked_at: now }).where('id', '=', s.id).execute();
      throw unauthorized();
    }
    await this.db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', s.id).execute();
    const user = { id: s.user_id, username: s.username, role: s.role, region_code: s.region_code, department: s.department };
    return { actor: await this.actorFor(user, `user:${s.username}`), csrf_token: s.csrf_token };
  }

  /** Create an API token for a user (printed once; only its hash is kept). */
  async createToken(username: string, scope: { region?: string; permissions?: string[]; name?: string }, by: Actor): Promise<{ token: string; id: string }> {
    requirePermission(by, 'users.manage');
    const u = await this.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
    if (!u || !inScope(by, u.region_code)) throw new AppError('NOT_FOUND', { zh: `用户「${username}」不存在`, en: `user "${username}" not found` });
    const region = scope.region ? await this.regions.resolve(scope.region) : null;
    if (region && !region.startsWith(u.region_code)) {
      throw new AppError('VALIDATION', { zh: '令牌范围只能比用户的管辖范围更窄', en: "a token's region must lie within its user's region" });
    }
    const unknown = (scope.permissions ?? []).filter((p) => !(p in PERMISSIONS));
    if (unknown.length) throw new AppError('VALIDATION', { zh: `未知权限：${unknown.join(', ')}`, en: `unknown permissions: ${unknown.join(', ')}` });
    const token = newSecret('snt');
    const row = await this.db
      .insertInto('api_token')
      .values({ user_id: u.id, token_hash: digest(token), name: scope.name ?? null, scope_region: region, scope_permissions: scope.permissions?.join(';') ?? null, created_by: by.label })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.audit.record({ actor: by.label, action: 'token.create', subject: `token:${row.id}`, detail: { user: `user:${u.id}`, region, permissions: scope.permissions ?? null } });
    return { token, id: row.id };
  }

  async revokeToken(id: string, by: Actor): Promise<void> {
    requirePermission(by, 'users.manage');
    const t = await this.db.selectFrom('api_token as t').innerJoin('app_user as u', 'u.id', 't.user_id').select(['t.id', 'u.region_code']).where('t.id', '=', id).executeTakeFirst();
    if (!t || !inScope(by, t.region_code)) throw new AppError('NOT_FOUND', { zh: `令牌 ${id} 不存在`, en: `token ${id} not found` });
    await this.db.updateTable('api_token').set({ revoked_at: this.clock.now() }).where('id', '=', id).execute();
    await this.audit.record({ actor: by.label, action: 'token.revoke', subject: `token:${id}` });
  }

  async token(token: string): Promise<Actor> {
    const t = await this.db
      .selectFrom('api_token as t')
      .innerJoin('app_user as u', 'u.id', 't.user_id')
      .select(['t.id', 't.scope_region', 't.scope_permissions', 't.revoked_at', 'u.id as user_id', 'u.username', 'u.role', 'u.region_code', 'u.department', 'u.status'])
      .where('t.token_hash', '=', digest(token))
      .executeTakeFirst();
    if (!t || t.revoked_at || t.status !== 'active') throw new AppError('UNAUTHORIZED', { zh: '令牌无效、已撤销或其用户已停用', en: 'token invalid, revoked, or its user is disabled' });
    await this.db.updateTable('api_token').set({ last_used_at: this.clock.now() }).where('id', '=', t.id).execute();
    const user = { id: t.user_id, username: t.username, role: t.role, region_code: t.scope_region ?? t.region_code, department: t.department };
    const actor = await this.actorFor(user, `token:${t.id}:${t.username}`);
    if (!t.scope_permissions) return actor;
    const narrower = new Set(t.scope_permissions.split(';').filter((p) => actor.permissions.has(p as Permission)) as Permission[]);
    return { ...actor, permissions: narrower };
  }

  private async actorFor(u: UserRow, label: string): Promise<Actor> {
    return { label, userId: u.id, role: u.role, regionCode: u.region_code, department: u.department, permissions: await this.users.permissionsOf(u.role) };
  }
}
