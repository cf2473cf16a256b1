/**
 * The self-application (主动申请) as the family sends it (docs/formats/application.md): every
 * field checked and normalized here, purely, each problem naming its field. Whether the
 * region exists is the service's question (it needs the database).
 */
import { HUKOU_TYPES, RELATIONS } from '../../../registry/domain/vocabulary.js';
import { MAX_PERSONS, NEEDS, TEXT_LIMITS } from './intake-vocabulary.js';
import { asObject, codeList, idNumber, optionalText, personName, phoneNumber, Problems, registryTerm, requiredObject, requiredText, villageCode, type Fields } from './field-checks.js';

export interface ApplicationPerson {
  name: string;
  id_number: string;
  relation: string;
}

export interface ApplicationInput {
  region_code: string;
  hukou_type: 'urban' | 'rural';
  address: string;
  phone: string;
  applicant: ApplicationPerson;
  members: ApplicationPerson[];
  needs: string[];
  description: string | null;
  consent: { signer_name: string };
}

/** The parsed application when every field is right; `problems` lists what is not. */
export function parseApplication(body: unknown, today: string): { value?: ApplicationInput; problems: Problems } {
  const p = new Problems();
  const b = asObject(body);
  if (!b) {
    p.add('body', '申请内容应为 JSON 对象', 'the application must be a JSON object');
    return { problems: p };
  }
  const region_code = villageCode(p, 'region_code', b.region_code);
  const hukou_type = registryTerm(p, 'hukou_type', b.hukou_type, HUKOU_TYPES, '户籍性质') as 'urban' | 'rural' | undefined;
  const address = requiredText(p, 'address', b.address, TEXT_LIMITS.address, { freeText: true });
  const phone = phoneNumber(p, 'phone', b.phone);
  const applicantFields = requiredObject(p, 'applicant', b.applicant);
  const applicant = applicantFields && person(p, 'applicant', applicantFields, today);
  const members = memberList(p, b.members, today);
  if (applicant && members) checkHousehold(p, applicant, members);
  const needs = codeList(p, 'needs', b.needs, NEEDS);
  const description = optionalText(p, 'description', b.description, TEXT_LIMITS.description, { freeText: true });
  const consent = checkConsent(p, b.consent, applicant?.name);
  if (p.any || !region_code || !hukou_type || !address || !phone || !applicant || !members || !needs || description === undefined || !consent) return { problems: p };
  return { value: { region_code, hukou_type, address, phone, applicant, members, needs, description, consent }, problems: p };
}

function person(p: Problems, at: string, f: Fields, today: string): ApplicationPerson | undefined {
  const name = personName(p, `${at}.name`, f.name, TEXT_LIMITS.name);
  const id_number = idNumber(p, `${at}.id_number`, f.id_number, today);
  const relation = registryTerm(p, `${at}.relation`, f.relation, RELATIONS, '与户主关系');
  return name && id_number && relation ? { name, id_number, relation } : undefined;
}

function memberList(p: Problems, v: unknown, today: string): ApplicationPerson[] | undefined {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return p.add('members', '应为列表', 'must be a list');
  if (v.length > MAX_PERSONS - 1) return p.add('members', `家庭成员最多 ${MAX_PERSONS - 1} 人（申请人另计）`, `at most ${MAX_PERSONS - 1} members besides the applicant`);
  const out: ApplicationPerson[] = [];
  let ok = true;
  v.forEach((m, i) => {
    const f = requiredObject(p, `members[${i}]`, m);
    const one = f && person(p, `members[${i}]`, f, today);
    if (one) out.push(one);
    else ok = false;
  });
  return ok ? out : undefined;
}

/** At most one head; no ID number twice. The later one is named. */
function checkHousehold(p: Problems, applicant: ApplicationPerson, members: ApplicationPerson[]): void {
  const all = [{ at: 'applicant', ...applicant }, ...members.map((m, i) => ({ at: `members[${i}]`, ...m }))];
  let head = false;
  const seen = new Set<string>();
  for (const m of all) {
    if (m.relation === 'head') {
      if (head) p.add(`${m.at}.relation`, '一户只能有一名户主', 'only one person can be the head');
      head = true;
    }
    if (seen.has(m.id_number)) p.add(`${m.at}.id_number`, '与申请人或其他成员的身份证号重复', 'repeats the ID number of another person in this application');
    seen.add(m.id_number);
  }
}

function checkConsent(p: Problems, v: unknown, applicantName: string | undefined): { signer_name: string } | undefined {
  const c = requiredObject(p, 'consent', v);
  if (!c) return undefined;
  if (c.authorize_check !== true) p.add('consent.authorize_check', '须同意《家庭经济状况核对授权书》', 'the authorization for the economic-status check must be given');
  if (c.declaration !== true) p.add('consent.declaration', '须签署声明承诺', 'the declaration must be made');
  const given = c.signer_name === undefined || c.signer_name === null || c.signer_name === '' ? undefined : personName(p, 'consent.signer_name', c.signer_name, TEXT_LIMITS.name);
  if (given && applicantName && given !== applicantName) p.add('consent.signer_name', '签署人应为申请人本人', 'the signer must be the applicant');
  const signer = given ?? applicantName;
  return c.authorize_check === true && c.declaration === true && signer ? { signer_name: signer } : undefined;
}
