/**
 * One household, one assistance chain (一户一条救助链): every alert, case step, visit, check,
 * assessment, decision, category membership, referral, assistance granted and review of a
 * household, by whom and when, from every department, newest first. Titles name what happened,
 * never a person's name or ID number.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { can, inScope, type Actor } from '../access/domain/actor.js';
import { ruleOf, stateLabel } from './domain/case-machine.js';
import { CATEGORY_NAMES } from './steps/decision-facts.js';

export interface TimelineEvent {
  at: string;
  kind: 'alert' | 'case_opened' | 'case_step' | 'visit' | 'check' | 'assessment' | 'decision' | 'membership' | 'referral' | 'referral_answer' | 'grant' | 'payment' | 'review';
  zh: string;
  en: string;
  actor: string | null;
  department: string | null;
  case_id: string | null;
  ref: string | null;
}

/** Events another module contributes to the chain (assistance: referrals and grants). */
export interface TimelineSource {
  timelineEvents(householdId: string, db: Kysely<DB>): Promise<TimelineEvent[]>;
}

const LEVEL_ZH: Record<string, string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };
const STEP_KIND: Record<string, TimelineEvent['kind']> = {
  record_visit: 'visit', record_check: 'check', assess: 'assessment', decide: 'decision', exit: 'decision', refer: 'referral', fast_relief: 'grant', grant_temporary: 'grant',
};
const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const cat = (c: string) => CATEGORY_NAMES[c] ?? { zh: c, en: c };

export class TimelineService {
  private readonly sources: TimelineSource[] = [];

  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
  ) {}

  addSource(s: TimelineSource): void {
    this.sources.push(s);
  }

  async forHousehold(code: string, actor: Actor): Promise<{ household_code: string; events: TimelineEvent[] }> {
    if (!can(actor, 'case.read') && !can(actor, 'registry.read')) {
      throw new AppError('FORBIDDEN', { zh: '无权查看救助链（需要权限：查看辖区救助案件）', en: 'not allowed (needs permission: read assistance cases in its region)' });
    }
    const h = await this.db.selectFrom('household').select(['id', 'code', 'region_code']).where('code', '=', code).executeTakeFirst();
    if (!h || !inScope(actor, h.region_code)) throw notFound({ zh: `户「${code}」`, en: `household "${code}"` });
    const events = [
      ...(await this.alerts(h.id)), ...(await this.caseEvents(h.id)), ...(await this.assessments(h.id)), ...(await this.memberships(h.id)), ...(await this.reviews(h.id)),
    ];
    for (const s of this.sources) events.push(...(await s.timelineEvents(h.id, this.db)));
    events.sort(newestFirst);
    await this.audit.record({ actor: actor.label, action: 'household.timeline', subject: `household:${code}`, detail: { events: events.length } });
    return { household_code: h.code, events: events.slice(0, 1000) };
  }

  private async alerts(householdId: string): Promise<TimelineEvent[]> {
    const rows = await this.db.selectFrom('monitor_alert as a').innerJoin('monitor_indicator as i', 'i.code', 'a.indicator').leftJoin('case_alert as ca', 'ca.alert_id', 'a.id')
      .select(['a.id', 'a.level', 'a.created_at', 'a.indicator', 'i.definition', 'ca.case_id', 'a.status', 'a.outcome']).where('a.household_id', '=', householdId).execute();
    return rows.map((r) => {
      const d = r.definition as { zh?: string; en?: string };
      return { at: new Date(r.created_at).toISOString(), kind: 'alert', zh: `${LEVEL_ZH[r.level] ?? r.level}预警：${d.zh ?? r.indicator}`, en: `${r.level} alert: ${d.en ?? r.indicator}`, actor: 'system:monitoring', department: null, case_id: r.case_id, ref: `alert:${r.id}` };
    });
  }

  private async caseEvents(householdId: string): Promise<TimelineEvent[]> {
    const rows = await this.db.selectFrom('case_event as e').innerJoin('assistance_case as c', 'c.id', 'e.case_id')
      .select(['e.id', 'e.case_id', 'e.at', 'e.actor', 'e.action', 'e.from_state', 'e.to_state', 'e.data']).where('c.household_id', '=', householdId).execute();
    return rows.filter((r) => r.action !== 'save_visit').map((r) => {
      const rule = ruleOf(r.action);
      const to = stateLabel(r.to_state);
      const moved = r.from_state !== r.to_state;
      const data = (r.data ?? {}) as Record<string, unknown>;
      const detail = describeStep(r.action, data);
      const base = r.action === 'open'
        ? { kind: 'case_opened' as const, zh: `立案（来源：${SOURCE_ZH[String(data.source)] ?? data.source}）`, en: `case opened (from ${String(data.source)})` }
        : { kind: STEP_KIND[r.action] ?? ('case_step' as const), zh: `${(rule ?? EXTRA_LABEL[r.action])?.zh ?? r.action}${detail.zh}${moved ? ` → ${to.zh}` : ''}`, en: `${(rule ?? EXTRA_LABEL[r.action])?.en ?? r.action}${detail.en}${moved ? ` → ${to.en}` : ''}` };
      return { at: new Date(r.at).toISOString(), ...base, actor: r.actor, department: 'civil_affairs', case_id: r.case_id, ref: `case_event:${r.id}` };
    });
  }

  /** Assessments run outside a case step (the case's own show as its "assess" step). */
  private async assessments(householdId: string): Promise<TimelineEvent[]> {
    const rows = await this.db.selectFrom('assessment').select(['id', 'tier', 'created_at', 'created_by', 'as_of']).where('household_id', '=', householdId).execute();
    const inCases = new Set((await this.db.selectFrom('assistance_case').select('assessment_id').where('household_id', '=', householdId).execute()).map((r) => r.assessment_id));
    const stepped = await this.db.selectFrom('case_event as e').innerJoin('assistance_case as c', 'c.id', 'e.case_id').select('e.data').where('c.household_id', '=', householdId).where('e.action', '=', 'assess').execute();
    for (const s of stepped) inCases.add(String((s.data as { assessment_id?: string }).assessment_id));
    return rows.filter((r) => !inCases.has(r.id)).map((r) => ({
      at: new Date(r.created_at).toISOString(), kind: 'assessment', zh: `认定测算：${cat(r.tier).zh}（${r.as_of}）`, en: `identification: ${cat(r.tier).en} (${r.as_of})`,
      actor: r.created_by, department: 'civil_affairs', case_id: null, ref: `assessment:${r.id}`,
    }));
  }

  private async memberships(householdId: string): Promise<TimelineEvent[]> {
    const rows = await this.db.selectFrom('category_membership as m').innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.id', 'm.category', 'm.valid_from', 'm.valid_to', 'm.source', 'm.decided_by', 'p.relation']).where('p.household_id', '=', householdId).execute();
    const out: TimelineEvent[] = [];
    for (const r of rows) {
      const who = RELATION_ZH[r.relation] ?? r.relation;
      out.push({ at: chinaMidnight(r.valid_from), kind: 'membership', zh: `${who}纳入${cat(r.category).zh}（${sourceZh(r.source)}）`, en: `${r.relation} enrolled in ${cat(r.category).en} (${r.source})`, actor: r.decided_by, department: r.category === 'anti_return_poverty' ? 'agriculture' : 'civil_affairs', case_id: null, ref: `membership:${r.id}` });
      if (r.valid_to) out.push({ at: chinaMidnight(r.valid_to), kind: 'membership', zh: `${who}${cat(r.category).zh}至 ${r.valid_to} 止`, en: `${r.relation}'s ${cat(r.category).en} ends ${r.valid_to}`, actor: r.decided_by, department: 'civil_affairs', case_id: null, ref: `membership:${r.id}` });
    }
    return out;
  }

  private async reviews(householdId: string): Promise<TimelineEvent[]> {
    const rows = await this.db.selectFrom('review_task').selectAll().where('household_id', '=', householdId).execute();
    return rows.map((r) => ({
      at: new Date(r.created_at).toISOString(), kind: 'review',
      zh: `${r.kind === 'expiry' ? '认定到期复核' : '定期复核'}（${cat(r.category).zh}，${r.due} 前）${r.status === 'done' ? '已完成' : ''}`,
      en: `${r.kind === 'expiry' ? 'expiry review' : 'periodic review'} (${cat(r.category).en}, due ${r.due})${r.status === 'done' ? ' done' : ''}`,
      actor: 'system:followup', department: 'civil_affairs', case_id: r.case_id, ref: `review_task:${r.id}`,
    }));
  }
}

const EXTRA_LABEL: Record<string, { zh: string; en: string }> = {
  attach_alert: { zh: '新预警并入本案', en: 'a new alert joined the case' },
  attach_application: { zh: '申请并入本案', en: 'an application joined the case' },
  attach_report: { zh: '网格员上报并入本案', en: "a village worker's report joined the case" },
  attach_review_task: { zh: '复核任务并入本案', en: 'a review task joined the case' },
  escalated: { zh: '超期升级督办', en: 'overdue: escalated' },
};

const SOURCE_ZH: Record<string, string> = { alert: '监测预警', application: '主动申请', report: '网格员上报', review_task: '定期复核', exit_review: '退出转审' };
const RELATION_ZH: Record<string, string> = { head: '户主', spouse: '配偶', child: '子女', parent: '父母', grandchild: '孙子女', sibling: '兄弟姐妹', other: '其他成员' };

function sourceZh(source: string): string {
  if (source.startsWith('decision:')) return `审核确认 ${source.slice(9)}`;
  if (source.startsWith('import:')) return '批量导入';
  if (source === 'demo') return '演示数据';
  return source === 'manual' ? '人工登记' : source;
}

function describeStep(action: string, d: Record<string, unknown>): { zh: string; en: string } {
  if (action === 'record_visit') return { zh: `：${({ need_confirmed: '确有困难', no_need: '无需救助', unreachable: '无法联系' } as Record<string, string>)[String(d.outcome)] ?? ''}`, en: `: ${String(d.outcome)}` };
  if (action === 'assess') return { zh: `：${cat(String(d.tier)).zh}`, en: `: ${cat(String(d.tier)).en}` };
  if (action === 'decide') return { zh: `：${d.outcome === 'approved' ? '确认' : '不予确认'}${d.category ? cat(String(d.category)).zh : ''}`, en: `: ${String(d.outcome)} ${d.category ? cat(String(d.category)).en : ''}` };
  if (action === 'start_publicity') return { zh: `：${cat(String(d.category)).zh}，${String(d.publicity_from)} 至 ${String(d.publicity_until)}`, en: `: ${cat(String(d.category)).en}, ${String(d.publicity_from)}–${String(d.publicity_until)}` };
  if (action === 'escalated') return { zh: `：升级至 ${String(d.to_region)}`, en: `: escalated to ${String(d.to_region)}` };
  return { zh: '', en: '' };
}

/** Newest first; at the same moment, a source's later record (the higher id) first. */
export function newestFirst(a: Pick<TimelineEvent, 'at' | 'ref'>, b: Pick<TimelineEvent, 'at' | 'ref'>): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  const [ka, ia] = (a.ref ?? '').split(':');
  const [kb, ib] = (b.ref ?? '').split(':');
  return ka && ka === kb ? Number(ib) - Number(ia) : 0;
}
