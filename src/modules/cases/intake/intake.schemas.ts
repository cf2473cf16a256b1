/**
 * The intake bodies as OpenAPI sees them. The services check every field themselves and name
 * the wrong one in Chinese and English (docs/formats/application.md), so the routes document
 * these schemas without letting Fastify validate or coerce them (see `documentedOnly`).
 */
import { Type } from '@fastify/type-provider-typebox';
import { NEEDS } from './domain/intake-vocabulary.js';

const Needs = Type.Array(Type.Union(NEEDS.map((n) => Type.Literal(n.code))), { description: NEEDS.map((n) => `${n.code} ${n.zh}`).join(', ') });
const Person = (what: string) => Type.Object({
  name: Type.String({ maxLength: 50 }),
  id_number: Type.String({ description: `${what}的18位身份证号 / 18-character ID number (never echoed back)` }),
  relation: Type.String({ description: '与户主关系（head, spouse, child, parent, grandchild, sibling, other）/ relation to the head' }),
});

export const ApplicationBody = Type.Object({
  region_code: Type.String({ description: '村（社区）12位区划代码 / 12-digit village or community code of Jilin' }),
  hukou_type: Type.Union([Type.Literal('urban'), Type.Literal('rural')]),
  address: Type.String({ maxLength: 200 }),
  phone: Type.String({ description: '手机号或带区号的固定电话 / mobile, or a landline with its area code' }),
  applicant: Person('申请人'),
  members: Type.Optional(Type.Array(Person('家庭成员'), { maxItems: 19 })),
  needs: Needs,
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  consent: Type.Object({
    authorize_check: Type.Literal(true, { description: '家庭经济状况核对授权 / the authorization for the economic-status check' }),
    declaration: Type.Literal(true, { description: '声明承诺 / the declaration' }),
    signer_name: Type.Optional(Type.String({ description: '签署人：申请人本人 / the signer: the applicant' })),
  }),
});

export const StatusBody = Type.Object({
  reference: Type.String({ description: 'SQ + YYYYMMDD + 6 digits' }),
  id_number: Type.String({ description: '申请人身份证号 / the applicant’s ID number' }),
});

export const ReportBody = Type.Object({
  household_code: Type.Optional(Type.String({ description: '在库家庭 / a household of the registry (or person + region_code)' })),
  person: Type.Optional(Type.Object({ name: Type.String(), id_number: Type.String() }, { description: '未在库人员 / someone not in the registry' })),
  region_code: Type.Optional(Type.String({ description: 'with person: the village (12 digits)' })),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  difficulties: Needs,
  description: Type.String({ maxLength: 1000 }),
  urgency: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('urgent')])),
  client_key: Type.Optional(Type.String({ description: '表单标识：同一标识再次提交将被拒绝（409）/ the form’s own id: sent again → 409 naming the first report' })),
});

export const ListQuery = Type.Object({
  status: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const IdParam = Type.Object({ id: Type.String() });

/** A validator that accepts everything: the schema is for the API documentation only. */
export const documentedOnly = () => () => true;
