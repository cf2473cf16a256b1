/** The registry's XLSX exports: a search result list, and one household's full record. */
import type { SheetSpec } from '../../platform/xlsx.js';
import { CATEGORIES, HUKOU_TYPES, RELATIONS, labelOf, type Vocabulary } from './domain/vocabulary.js';
import type { HouseholdDetail, HouseholdSummary } from './household-read.service.js';

const zh = (v: Vocabulary, code: string | null | undefined) => (code ? (labelOf(v, code)?.zh ?? code) : '');

export function householdListSheet(rows: AsyncIterable<HouseholdSummary>): SheetSpec {
  return {
    name: '户列表 households',
    columns: [
      { header: '户编号 household_code', key: 'code', width: 22 },
      { header: '行政区划代码 region_code', key: 'region_code', width: 16 },
      { header: '行政区划 region', key: 'region_name', width: 36 },
      { header: '户籍性质 hukou_type', key: 'hukou', width: 10 },
      { header: '户主 head', key: 'head_name', width: 12 },
      { header: '人数 members', key: 'member_count', width: 8 },
      { header: '救助类别 categories', key: 'categories', width: 30 },
      { header: '住址 address', key: 'address', width: 40 },
    ],
    rows: (async function* () {
      for await (const r of rows) {
        yield { ...r, hukou: zh(HUKOU_TYPES, r.hukou_type), categories: r.categories.map((c) => zh(CATEGORIES, c)).join('；') };
      }
    })(),
  };
}

export function householdRecordSheets(d: HouseholdDetail): SheetSpec[] {
  return [
    {
      name: '成员 members',
      columns: [
        { header: '姓名 name', key: 'name' },
        { header: '与户主关系 relation', key: 'relation' },
        { header: '身份证号 id_number', key: 'id_number', width: 22 },
        { header: '性别 sex', key: 'sex', width: 8 },
        { header: '出生日期 birth_date', key: 'birth_date', width: 12 },
        { header: '残疾 disability', key: 'disability' },
        { header: '劳动能力 work_ability', key: 'work_ability' },
        { header: '健康 health', key: 'health' },
        { header: '联系电话 phone', key: 'phone' },
      ],
      rows: d.members.map((m) => ({
        ...m,
        relation: zh(RELATIONS, m.relation),
        sex: m.sex === 'male' ? '男' : '女',
        disability: m.disability_type ? `${m.disability_type} ${m.disability_grade ?? ''}` : '',
      })),
    },
    {
      name: '救助类别 categories',
      columns: [
        { header: '姓名 name', key: 'name' },
        { header: '类别 category', key: 'category', width: 24 },
        { header: '状态 status', key: 'status' },
        { header: '起始 valid_from', key: 'valid_from' },
        { header: '终止 valid_to', key: 'valid_to' },
        { header: '来源 source', key: 'source', width: 20 },
      ],
      rows: d.members.flatMap((m) => m.categories.map((c) => ({ name: m.name, ...c, category: zh(CATEGORIES, c.category) }))),
    },
    {
      name: '经济状况 snapshots',
      columns: Object.keys(d.snapshots[0] ?? { as_of: '', source: '' }).map((k) => ({ header: k, key: k })),
      rows: d.snapshots as Record<string, unknown>[],
    },
    {
      name: '变更记录 history',
      columns: [
        { header: '时间 at', key: 'at', width: 22 },
        { header: '操作人 actor', key: 'actor', width: 20 },
        { header: '操作 action', key: 'action', width: 20 },
        { header: '原因 reason', key: 'reason', width: 30 },
      ],
      rows: d.history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
    },
  ];
}
