/**
 * The registry's closed vocabularies, each code with its Chinese and English label.
 * Import files may use either the code or the Chinese label (or a listed alias);
 * `parseTerm` maps both to the code. These codes are an interface: files, API and later
 * modules rely on them.
 */
export interface Term {
  code: string;
  zh: string;
  en: string;
  aliases?: string[];
}

export type Vocabulary = readonly Term[];

export const CATEGORIES = [
  { code: 'dibao', zh: '最低生活保障对象', en: 'Minimum living allowance (dibao)', aliases: ['低保', '低保对象'] },
  { code: 'tekun', zh: '特困人员', en: 'Extreme poverty (tekun)', aliases: ['特困', '特困供养'] },
  { code: 'marginal', zh: '最低生活保障边缘家庭成员', en: 'Marginal family (dibao edge)', aliases: ['低保边缘', '边缘', '低保边缘家庭'] },
  { code: 'rigid_expense', zh: '刚性支出困难家庭成员', en: 'Rigid-expenditure hardship', aliases: ['刚性支出困难', '刚性支出', '刚性'] },
  { code: 'anti_return_poverty', zh: '防止返贫监测对象', en: 'Return-to-poverty monitoring', aliases: ['防返贫', '防返贫监测对象', '防止返贫'] },
  { code: 'other', zh: '其他困难人员', en: 'Other people in difficulty', aliases: ['其他'] },
] as const satisfies Vocabulary;

export const CATEGORY_STATUSES = [
  { code: 'active', zh: '在保', en: 'Active' },
  { code: 'suspended', zh: '暂停', en: 'Suspended' },
  { code: 'ended', zh: '已退出', en: 'Ended' },
] as const satisfies Vocabulary;

export const HUKOU_TYPES = [
  { code: 'urban', zh: '城镇', en: 'Urban', aliases: ['城市', '非农业', '城镇户口'] },
  { code: 'rural', zh: '农村', en: 'Rural', aliases: ['农业', '农村户口'] },
] as const satisfies Vocabulary;

export const RELATIONS = [
  { code: 'head', zh: '户主', en: 'Head', aliases: ['本人'] },
  { code: 'spouse', zh: '配偶', en: 'Spouse', aliases: ['妻', '夫', '妻子', '丈夫'] },
  { code: 'child', zh: '子女', en: 'Child', aliases: ['子', '女', '儿子', '女儿'] },
  { code: 'parent', zh: '父母', en: 'Parent', aliases: ['父亲', '母亲', '父', '母'] },
  { code: 'grandchild', zh: '孙子女', en: 'Grandchild', aliases: ['孙子', '孙女', '外孙子女'] },
  { code: 'sibling', zh: '兄弟姐妹', en: 'Sibling', aliases: ['兄', '弟', '姐', '妹'] },
  { code: 'other', zh: '其他', en: 'Other' },
] as const satisfies Vocabulary;

/** Disability types per GB/T 26341-2010 (残疾人残疾分类和分级). */
export const DISABILITY_TYPES = [
  { code: 'visual', zh: '视力残疾', en: 'Visual', aliases: ['视力'] },
  { code: 'hearing', zh: '听力残疾', en: 'Hearing', aliases: ['听力'] },
  { code: 'speech', zh: '言语残疾', en: 'Speech', aliases: ['言语'] },
  { code: 'physical', zh: '肢体残疾', en: 'Physical', aliases: ['肢体'] },
  { code: 'intellectual', zh: '智力残疾', en: 'Intellectual', aliases: ['智力'] },
  { code: 'mental', zh: '精神残疾', en: 'Mental', aliases: ['精神'] },
  { code: 'multiple', zh: '多重残疾', en: 'Multiple', aliases: ['多重'] },
] as const satisfies Vocabulary;

export const WORK_ABILITIES = [
  { code: 'full', zh: '有劳动能力', en: 'Full', aliases: ['完全劳动能力', '健全', '有'] },
  { code: 'partial', zh: '部分丧失劳动能力', en: 'Partial', aliases: ['部分劳动能力', '部分'] },
  { code: 'none', zh: '无劳动能力', en: 'None', aliases: ['完全丧失劳动能力', '丧失劳动能力', '无'] },
] as const satisfies Vocabulary;

export const HEALTH_STATES = [
  { code: 'healthy', zh: '健康', en: 'Healthy' },
  { code: 'chronic', zh: '慢性病', en: 'Chronic illness', aliases: ['长期慢性病'] },
  { code: 'serious', zh: '大病', en: 'Serious illness', aliases: ['重病', '患有大病', '重大疾病'] },
] as const satisfies Vocabulary;

export const SCHOOL_STAGES = [
  { code: 'none', zh: '非在校', en: 'Not in school', aliases: ['无', '不在校'] },
  { code: 'preschool', zh: '学前', en: 'Preschool', aliases: ['学前教育', '幼儿园'] },
  { code: 'primary', zh: '小学', en: 'Primary' },
  { code: 'junior', zh: '初中', en: 'Junior secondary' },
  { code: 'senior', zh: '高中', en: 'Senior secondary', aliases: ['普通高中'] },
  { code: 'vocational', zh: '中职', en: 'Vocational secondary', aliases: ['中等职业教育', '职高'] },
  { code: 'college', zh: '大学', en: 'Higher education', aliases: ['大专', '本科', '高等教育', '研究生'] },
] as const satisfies Vocabulary;

export const EMPLOYMENT_STATES = [
  { code: 'employed', zh: '就业', en: 'Employed', aliases: ['在业', '务工'] },
  { code: 'farming', zh: '务农', en: 'Farming' },
  { code: 'unemployed', zh: '失业', en: 'Unemployed', aliases: ['无业'] },
  { code: 'retired', zh: '退休', en: 'Retired' },
  { code: 'student', zh: '在校学生', en: 'Student', aliases: ['学生'] },
  { code: 'not_applicable', zh: '不适用', en: 'Not applicable', aliases: ['学龄前', '无劳动能力'] },
] as const satisfies Vocabulary;

export type CodeOf<V extends Vocabulary> = V[number]['code'];
export type Category = CodeOf<typeof CATEGORIES>;
export type HukouType = CodeOf<typeof HUKOU_TYPES>;
export type Relation = CodeOf<typeof RELATIONS>;

const lookups = new WeakMap<Vocabulary, Map<string, string>>();

function lookup(vocab: Vocabulary): Map<string, string> {
  let map = lookups.get(vocab);
  if (!map) {
    map = new Map();
    for (const t of vocab) {
      for (const key of [t.code, t.zh, t.en, ...(t.aliases ?? [])]) map.set(key.toLowerCase(), t.code);
    }
    lookups.set(vocab, map);
  }
  return map;
}

/** Map a code, Chinese label, English label or alias to the code; undefined if unknown. */
export function parseTerm(vocab: Vocabulary, raw: string): string | undefined {
  return lookup(vocab).get(raw.trim().toLowerCase());
}

export function labelOf(vocab: Vocabulary, code: string | null | undefined): Term | undefined {
  return vocab.find((t) => t.code === code);
}

/** "户主 head, 配偶 spouse, …" — for error messages that list the accepted values. */
export function describeTerms(vocab: Vocabulary): string {
  return vocab.map((t) => `${t.code} ${t.zh}`).join(', ');
}
