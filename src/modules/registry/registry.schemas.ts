/** The registry's HTTP shapes: validation, TypeScript types and OpenAPI from one place. */
import { Type } from '@fastify/type-provider-typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

export const HouseholdFilter = Type.Object({
  region: Type.Optional(Type.String({ description: '行政区划代码，含下级 / region code; its whole subtree' })),
  category: Type.Optional(Type.String({ description: 'dibao | tekun | marginal | rigid_expense | anti_return_poverty | other' })),
  name: Type.Optional(Type.String({ maxLength: 50, description: '姓名片段 / name fragment (any member)' })),
  id_number: Type.Optional(Type.String({ maxLength: 20, description: '身份证号 / ID number (any member)' })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});

/** GET /households: no names or ID numbers in a URL, so only region, category and paging. */
export const HouseholdListQuery = Type.Object({
  region: Type.Optional(Type.String()),
  category: Type.Optional(Type.String()),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});

export const HouseholdSummary = Type.Object({
  code: Type.String(),
  region_code: Type.String(),
  region_name: Type.String(),
  hukou_type: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  head_name: Type.Union([Type.String(), Type.Null()]),
  member_count: Type.Integer(),
  categories: Type.Array(Type.String()),
});

export const HouseholdPage = Type.Object({
  items: Type.Array(HouseholdSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  page_size: Type.Integer(),
});

export const CodeParam = Type.Object({ code: Type.String({ maxLength: 40 }) });
export const IdParam = Type.Object({ id: Type.String({ pattern: '^[0-9]+$' }) });

export const PersonInput = Type.Object({
  id_number: Type.String({ maxLength: 20 }),
  name: Type.String({ maxLength: 50 }),
  relation: Type.String(),
  phone: Nullable(Type.String({ maxLength: 20 })),
  disability_type: Nullable(Type.String()),
  disability_grade: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 4 }), Type.Null()])),
  work_ability: Nullable(Type.String()),
  health: Nullable(Type.String()),
  school_stage: Nullable(Type.String()),
  employment: Nullable(Type.String()),
  categories: Type.Optional(Type.Array(Type.Object({ category: Type.String(), since: Type.String({ format: 'date' }) }))),
});

export const PersonPatch = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 50 })),
  relation: Type.Optional(Type.String()),
  phone: Nullable(Type.String({ maxLength: 20 })),
  disability_type: Nullable(Type.String()),
  disability_grade: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 4 }), Type.Null()])),
  work_ability: Nullable(Type.String()),
  health: Nullable(Type.String()),
  school_stage: Nullable(Type.String()),
  employment: Nullable(Type.String()),
  reason: Type.String({ minLength: 1, maxLength: 500, description: '变更原因 / why (kept in the history)' }),
});

export const HouseholdCreate = Type.Object({
  code: Type.String({ maxLength: 40 }),
  region_code: Type.String(),
  hukou_type: Type.String(),
  address: Nullable(Type.String({ maxLength: 200 })),
  hukou_booklet_no: Nullable(Type.String({ maxLength: 30 })),
  members: Type.Optional(Type.Array(PersonInput, { maxItems: 30 })),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});

export const HouseholdPatch = Type.Object({
  region_code: Type.Optional(Type.String()),
  hukou_type: Type.Optional(Type.String()),
  address: Nullable(Type.String({ maxLength: 200 })),
  hukou_booklet_no: Nullable(Type.String({ maxLength: 30 })),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});

const Amount = Type.Optional(Type.Number({ minimum: 0 }));
export const SnapshotInput = Type.Object({
  as_of: Type.String({ format: 'date' }),
  source: Type.String({ minLength: 1, maxLength: 100, description: 'declaration | economic_check | import | …' }),
  income_wage: Amount,
  income_business: Amount,
  income_property: Amount,
  income_transfer: Amount,
  income_other: Amount,
  financial_assets: Amount,
  vehicle_count: Type.Optional(Type.Integer({ minimum: 0 })),
  vehicle_value: Amount,
  property_count: Type.Optional(Type.Integer({ minimum: 0 })),
  rigid_medical: Amount,
  rigid_education: Amount,
  rigid_rehab: Amount,
  rigid_other: Amount,
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});

export const Reason = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) });
