/**
 * One block of CSV text checked and made ready to load: parse its records, check each row,
 * hash and seal the ID numbers, and render the COPY text. Pure apart from the random counter
 * of the sealing; runs in a worker thread for big files and inline for small ones.
 *
 * Two paths give the same result: the fast path (fast-block.ts) for the common lines, which
 * hands every other record to the general path's code (general-block.ts).
 */
import type { DatasetDef, FieldDef } from '../../catalog/domain/dataset-definition.js';
import type { SealingKey } from '../copy-rows.js';
import { RowChecker, type RowProblem } from '../domain/row-check.js';
import { checkCsvBlockGeneral } from './general-block.js';
import { checkCsvBlockFast } from './fast-block.js';
import { fastPlan, type FastPlan } from './fast-plan.js';

export interface BlockContext {
  def: DatasetDef;
  headers: string[];
  /** header text → field code */
  mapped: [string, string][];
  today: string;
  batchId: string;
  key: SealingKey;
  skipInvalid: boolean;
  /** All-or-nothing and a bad row already seen: check only, render nothing. */
  checkOnly: boolean;
}

export interface BlockResult {
  copy: string;
  problems: RowProblem[];
  problemCount: number;
  rows: number;
  accepted: number;
  records: number;
}

export function checkerFor(ctx: Pick<BlockContext, 'def' | 'headers' | 'mapped' | 'today'>): RowChecker {
  const byCode = new Map(ctx.def.fields.map((f) => [f.code, f]));
  const mapped = new Map<string, FieldDef>(ctx.mapped.map(([h, code]) => [h, byCode.get(code)!]));
  return new RowChecker(ctx.def, ctx.headers, mapped, ctx.today);
}

/** The fast path's plan per checker (a checker serves one file: its headers, dataset and day). */
const plans = new WeakMap<RowChecker, { ctx: BlockContext; plan: FastPlan | undefined }>();

function planFor(ctx: BlockContext, checker: RowChecker): FastPlan | undefined {
  const known = plans.get(checker);
  const same = known && known.ctx.def === ctx.def && known.ctx.headers === ctx.headers && known.ctx.mapped === ctx.mapped && known.ctx.today === ctx.today;
  if (same) return known.plan;
  const plan = fastPlan(ctx);
  plans.set(checker, { ctx, plan });
  return plan;
}

export function checkCsvBlock(text: string, firstRow: number, ctx: BlockContext, checker: RowChecker = checkerFor(ctx)): BlockResult {
  const plan = planFor(ctx, checker);
  return plan ? checkCsvBlockFast(text, firstRow, ctx, checker, plan) : checkCsvBlockGeneral(text, firstRow, ctx, checker);
}
