/** What the application and report lists share: the filter, read and checked once. */
import { AppError, notFound, type Bilingual } from '../../../platform/errors.js';
import { scopedRegion, type Actor } from '../../access/domain/actor.js';
import { normalizeRegionCode } from '../../regions/region-code.js';
import type { Term } from './domain/intake-vocabulary.js';

export interface IntakeFilter {
  status?: string;
  region?: string;
  limit?: number;
  offset?: number;
}

export interface ListWindow {
  /** The region subtree to list: the requested one cut to the actor's; undefined = nothing. */
  region: string | undefined;
  status: string | undefined;
  limit: number;
  offset: number;
}

export function listWindow(f: IntakeFilter, statuses: readonly Term[], actor: Actor): ListWindow {
  if (f.status && !statuses.some((s) => s.code === f.status)) {
    throw new AppError('VALIDATION', { zh: `status: 状态无效，可选：${statuses.map((s) => s.code).join('、')}`, en: `status: must be one of ${statuses.map((s) => s.code).join(', ')}` }, { field: 'status' });
  }
  let requested: string | undefined;
  if (f.region) {
    requested = normalizeRegionCode(f.region);
    if (!requested) throw new AppError('VALIDATION', { zh: 'region: 区划代码格式无效', en: 'region: not a region code' }, { field: 'region' });
  }
  return {
    region: scopedRegion(actor, requested),
    status: f.status || undefined,
    limit: Math.min(Math.max(Math.floor(f.limit ?? 50), 1), 200),
    offset: Math.max(Math.floor(f.offset ?? 0), 0),
  };
}

/** A numeric id, or "not found" (a malformed id is as absent as a missing one). */
export function requireId(id: string, what: Bilingual): string {
  if (!/^\d{1,18}$/.test(id)) throw notFound(what);
  return id;
}

export const iso = (d: Date | string) => new Date(d).toISOString();
