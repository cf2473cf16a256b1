/**
 * A village worker's report (铁脚板上报) as the phone form sends it: a household of the
 * registry (`household_code`) or a person who is not in it (`person` + `region_code`), the
 * difficulties, a description, the urgency and the form's own `client_key`. Pure checks.
 */
import { NEEDS, TEXT_LIMITS, URGENCIES, type Urgency } from './intake-vocabulary.js';
import { asObject, codeList, idNumber, optionalText, personName, Problems, requiredObject, requiredText, villageCode } from './field-checks.js';

export type ReportSubject =
  | { kind: 'household'; household_code: string }
  | { kind: 'person'; name: string; id_number: string; region_code: string; address: string | null };

export interface ReportInput {
  subject: ReportSubject;
  difficulties: string[];
  description: string;
  urgency: Urgency;
  client_key: string | null;
}

export function parseReport(body: unknown, today: string): { value?: ReportInput; problems: Problems } {
  const p = new Problems();
  const b = asObject(body);
  if (!b) {
    p.add('body', '上报内容应为 JSON 对象', 'the report must be a JSON object');
    return { problems: p };
  }
  const subject = parseSubject(p, b, today);
  const difficulties = codeList(p, 'difficulties', b.difficulties, NEEDS);
  const description = requiredText(p, 'description', b.description, TEXT_LIMITS.description, { freeText: true });
  let urgency: Urgency | undefined = 'normal';
  if (b.urgency !== undefined && b.urgency !== null) {
    urgency = URGENCIES.find((u) => u.code === b.urgency)?.code;
    if (!urgency) p.add('urgency', '紧急程度应为 normal（一般）或 urgent（紧急）', 'must be normal or urgent');
  }
  let client_key: string | null = null;
  if (b.client_key !== undefined && b.client_key !== null) {
    if (typeof b.client_key !== 'string' || !/^[A-Za-z0-9_-]{8,100}$/.test(b.client_key)) {
      p.add('client_key', '表单标识无效（8–100 位字母、数字、-、_）', 'must be 8–100 letters, digits, - or _');
    } else client_key = b.client_key;
  }
  if (p.any || !subject || !difficulties || !description || !urgency) return { problems: p };
  return { value: { subject, difficulties, description, urgency, client_key }, problems: p };
}

function parseSubject(p: Problems, b: Record<string, unknown>, today: string): ReportSubject | undefined {
  const hasHousehold = b.household_code !== undefined && b.household_code !== null && b.household_code !== '';
  const hasPerson = b.person !== undefined && b.person !== null;
  if (hasHousehold && hasPerson) return p.add('person', '已选择在库家庭时不要再填写人员', 'give household_code or person, not both');
  if (!hasHousehold && !hasPerson) return p.add('household_code', '请选择在库家庭，或填写未在库人员的信息', 'give household_code, or person for someone not in the registry');
  if (hasHousehold) {
    const code = typeof b.household_code === 'string' ? b.household_code.trim() : '';
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(code)) return p.add('household_code', '户编号格式无效', 'is not a household code');
    return { kind: 'household', household_code: code };
  }
  const f = requiredObject(p, 'person', b.person);
  const name = f && personName(p, 'person.name', f.name, TEXT_LIMITS.name);
  const id_number = f && idNumber(p, 'person.id_number', f.id_number, today);
  const region_code = villageCode(p, 'region_code', b.region_code);
  const address = optionalText(p, 'address', b.address, TEXT_LIMITS.address, { freeText: true });
  if (!name || !id_number || !region_code || address === undefined) return undefined;
  return { kind: 'person', name, id_number, region_code, address };
}
