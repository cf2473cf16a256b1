/** Small formatting helpers for assessments. */
import type { Tier } from '../../api/recognition';
import { CATEGORY_COLORS } from '../../api/vocabulary';

/** ¥833, ¥964.5, ¥29,988: the way the engine's sentences say amounts. */
export function yuan(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return `¥${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}`;
}

/** 0.1401 → 14.01% */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${Math.round(share * 10000) / 100}%`;
}

/** Stored results carry masked ID numbers already; a pasted description's are masked here for display. */
export function maskId(id: string | undefined): string {
  if (!id) return '';
  if (id.includes('*') || id.length <= 10) return id;
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function tierColor(tier: Tier): string {
  return CATEGORY_COLORS[tier] ?? 'default';
}

/** Today in China Standard Time (UTC+8), as the server's clock says it, whatever the browser's time zone. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
