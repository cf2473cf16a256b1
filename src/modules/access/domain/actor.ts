/**
 * Who is acting, as every service sees it: a label for the audit trail, a role, a region
 * subtree and the permissions in force. Services check with `requirePermission` and scope every
 * query to `actor.regionCode`.
 */
import { AppError } from '../../../platform/errors.js';
import { PERMISSIONS, type Permission } from './roles.js';

export interface Actor {
  /** 'user:alice', 'token:12:alice', 'cli:root', 'system:demo' — never a name or ID number of a person. */
  label: string;
  userId: string | null;
  role: string;
  /** Region subtree this actor may see: '22' is the whole province. */
  regionCode: string;
  department: string | null;
  permissions: ReadonlySet<Permission>;
}

const ALL = new Set(Object.keys(PERMISSIONS) as Permission[]);

/** The local operator (CLI) and the platform itself act with full scope, audited by label. */
export function operatorActor(label: string): Actor {
  return { label, userId: null, role: 'operator', regionCode: '22', department: null, permissions: ALL };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError('FORBIDDEN', {
      zh: `无权执行此操作（需要权限：${PERMISSIONS[permission].zh}）`,
      en: `not allowed (needs permission: ${PERMISSIONS[permission].en})`,
    });
  }
}

export function inScope(actor: Actor, regionCode: string): boolean {
  return regionCode.startsWith(actor.regionCode);
}

/**
 * The region a query may cover: the requested subtree cut down to the actor's. Undefined when
 * the two do not overlap (the query then finds nothing).
 */
export function scopedRegion(actor: Actor, requested?: string): string | undefined {
  if (!requested) return actor.regionCode;
  if (requested.startsWith(actor.regionCode)) return requested;
  if (actor.regionCode.startsWith(requested)) return actor.regionCode;
  return undefined;
}
