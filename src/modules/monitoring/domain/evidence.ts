/**
 * An alert's evidence, spelled out. The engine stores per condition leaf only what varies
 * (the fact's value, the threshold, passed, the rows and batches behind it); the names, the
 * dataset, the aggregate and the window come from the indicator version that raised the alert.
 */
import type { DatasetDef } from '../../catalog/domain/dataset-definition.js';
import { monthsBefore } from '../engine/sql-text.js';
import { AGGREGATES, REGISTRY_FACTS, isDatasetFact, isParam, type IndicatorDefinition } from './indicator-definition.js';

export interface StoredEvidence {
  fact?: string;
  operator?: string;
  threshold?: unknown;
  value?: unknown;
  passed: boolean;
  rows?: number;
  months?: number;
  batches?: (string | number)[] | (string | number)[][] | null;
  modifier?: string;
  raise?: number;
}

export interface EvidenceItem {
  fact: string;
  zh: string;
  en: string;
  operator: string;
  threshold: unknown;
  value: unknown;
  passed: boolean;
  source?: { dataset: string; dataset_zh: string; field: string | null; agg: string; months: number | null; from: string | null; to: string; batches: string[]; rows: number };
  modifier?: { code: string; raise: number };
}

export function describeEvidence(def: IndicatorDefinition, stored: StoredEvidence[], asOf: string, datasets: ReadonlyMap<string, DatasetDef>): EvidenceItem[] {
  return stored.map((e) => {
    if (e.modifier) {
      return { fact: e.modifier, zh: '退出后监测期内（级别上调）', en: 'Within the post-exit monitoring period (level raised)', operator: 'raise', threshold: e.raise ?? 1, value: e.passed, passed: e.passed, modifier: { code: e.modifier, raise: e.raise ?? 1 } };
    }
    const name = e.fact ?? '';
    const f = def.facts[name];
    const reg = REGISTRY_FACTS.find((r) => r.code === name);
    const zh = f?.zh ?? reg?.zh ?? name;
    const en = f?.en ?? reg?.en ?? name;
    const item: EvidenceItem = { fact: name, zh, en, operator: e.operator ?? '', threshold: e.threshold ?? null, value: e.value ?? null, passed: e.passed };
    if (f && isDatasetFact(f)) {
      const months = e.months ?? (isParam(f.months) ? null : f.months);
      const ds = datasets.get(f.dataset);
      const agg = AGGREGATES.find((a) => a.code === f.agg);
      item.source = {
        dataset: f.dataset,
        dataset_zh: ds?.zh ?? f.dataset,
        field: f.field ?? null,
        agg: agg ? `${agg.code}` : f.agg,
        months,
        from: months === null ? null : monthsBefore(asOf, months),
        to: asOf,
        batches: flatBatches(e.batches),
        rows: Number(e.rows ?? 0),
      };
    }
    return item;
  });
}

function flatBatches(b: StoredEvidence['batches']): string[] {
  if (!b) return [];
  const out = new Set<string>();
  const visit = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x !== null && x !== undefined) out.add(String(x));
  };
  visit(b);
  return [...out].sort((a, c) => Number(a) - Number(c));
}
