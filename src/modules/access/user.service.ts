/**
 * Users: creation with the password rules, listing, disabling, and the permissions a role holds
 * (read from role_permission, which is data). Each change is audited.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RegionService } from '../regions/region.service.js';
import { hashPassword, passwordProblems } from './domain/password.js';
import { isRole, ROLES, type Permission } from './domain/roles.js';
import { inScope, requirePermission, type Actor } from './domain/actor.js';

export interface NewUser {
  username: string;
  password: string;
  role: string;
  region: string;
  department?: string | null;
  display_name?: string | null;
  demo?: boolean;
}

export interface UserView {
  id: string;
  username: string;
  display_name: string | null;
  role: string;
  region_code: string;
  department: string | null;
  status: string;
  locked: boolean;
  created_at: Date | string;
}

export class UserService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly regions: RegionService,
    private readonly audit: AuditService,
  ) {}

  async add(input: NewUser, actor: Actor): Promise<UserView> {
    requirePermission(actor, 'users.manage');
    if (!/^[A-Za-z0-9_.-]{3,40}$/.test(input.username ?? '')) {
      throw new AppError('VALIDATION', { zh: '用户名应为 3–40 位字母、数字、._-', en: 'user name: 3–40 letters, digits or ._-' }, { field: 'username' });
    }
    if (!isRole(input.role)) {
      throw new AppError('VALIDATION', { zh: `角色「${input.role}」无效，可选：${Object.keys(ROLES).join(', ')}`, en: `unknown role "${input.role}"; one of ${Object.keys(ROLES).join(', ')}` }, { field: 'role' });
    }
    const problems = passwordProblems(input.password ?? '', input.username);
    if (problems.length) {
      throw new AppError('VALIDATION', { zh: `密码不符合要求：${problems.map((p) => p.zh).join('；')}`, en: `password rejected: ${problems.map((p) => p.en).join('; ')}` }, { field: 'password' });
    }
    const region = await this.regions.resolve(input.region ?? '');
    if (!inScope(actor, region)) throw new AppError('FORBIDDEN', { zh: '不能在管辖范围外创建用户', en: 'cannot create a user outside your area' });
    const department = input.department?.trim() || null;
    if (department) {
      // A department must be one of the catalog's (code or Chinese name): a typo would quietly
      // stop every upload of that user.
      const known = await this.db.selectFrom('catalog_department').select(['code', 'zh']).execute();
      if (!known.some((d) => d.code === department || d.zh === department)) {
        throw new AppError('VALIDATION', {
          zh: `部门「${department}」不在数据共享目录中，可选：${known.map((d) => d.zh).join('、')}`,
          en: `department "${department}" is not in the data-sharing catalog; one of ${known.map((d) => d.code).join(', ')}`,
        }, { field: 'department' });
      }
    }
    const exists = await this.db.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
    if (exists) throw new AppError('CONFLICT', { zh: `用户名「${input.username}」已存在`, en: `user "${input.username}" already exists` });
    const row = await this.db
      .insertInto('app_user')
      .values({
        username: input.username,
        display_name: input.display_name ?? null,
        password_hash: await hashPassword(input.password),
        role: input.role,
        region_code: region,
        department,
        created_by: actor.label,
        demo: input.demo ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.audit.record({ actor: actor.label, action: 'user.create', subject: `user:${row.id}`, detail: { role: input.role, region } });
    return this.get(row.id, actor);
  }

  async list(actor: Actor): Promise<UserView[]> {
    requirePermission(actor, 'users.manage');
    const rows = await this.db.selectFrom('app_user').selectAll().where('region_code', 'like', `${actor.regionCode}%`).orderBy('username').execute();
    return rows.map(view);
  }

  async get(id: string, actor: Actor): Promise<UserView> {
    const u = await this.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
    if (!u || !inScope(actor, u.region_code)) throw notFound({ zh: `用户 ${id}`, en: `user ${id}` });
    return view(u);
  }

  async disable(username: string, actor: Actor): Promise<UserView> {
    requirePermission(actor, 'users.manage');
    const u = await this.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
    if (!u || !inScope(actor, u.region_code)) throw notFound({ zh: `用户「${username}」`, en: `user "${username}"` });
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', u.id).execute();
      await trx.updateTable('user_session').set({ revoked_at: new Date() }).where('user_id', '=', u.id).where('revoked_at', 'is', null).execute();
      await this.audit.record({ actor: actor.label, action: 'user.disable', subject: `user:${u.id}` }, trx);
    });
    return this.get(u.id, actor);
  }

  /** The permissions a role holds now (role_permission is data an administrator can change). */
  async permissionsOf(role: string): Promise<Set<Permission>> {
    const rows = await this.db.selectFrom('role_permission').select('permission').where('role', '=', role).execute();
    return new Set(rows.map((r) => r.permission as Permission));
  }
}

function view(u: { id: string; username: string; display_name: string | null; role: string; region_code: string; department: string | null; status: string; locked_until: Date | string | null; created_at: Date | string }): UserView {
  return {
    id: u.id,
    username: u.username,
    display_name: u.display_name,
    role: u.role,
    region_code: u.region_code,
    department: u.department,
    status: u.status,
    locked: !!u.locked_until && new Date(u.locked_until).getTime() > Date.now(),
    created_at: u.created_at,
  };
}
