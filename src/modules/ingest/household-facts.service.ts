/**
 * What the departments' data say about a registered household's members: their rows in every
 * dataset, newest first, matched by the keyed hash of the ID number. Read with registry.read
 * within the reader's region, audited like any read of a household. Free-text fields the
 * catalog marks sensitive (diagnoses, disease names) are shown only to readers with pii.reveal.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { can, inScope, requirePermission, type Actor } from '../access/domain/actor.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { dataColumns, tableOf } from '../catalog/domain/dataset-definition.js';

export interface HouseholdFacts {
  household_code: string;
  datasets: {
    code: string;
    zh: string;
    en: string;
    department: { zh: string; en: string };
    event_field: string;
    fields: { code: string; zh: string; en: string; type: string; unit?: string; hidden: boolean }[];
    rows: { person_id: string; id_number_masked: string; batch_id: string; values: Record<string, unknown> }[];
  }[];
}

const ROWS_PER_DATASET = 50;

export class HouseholdFactsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly catalog: CatalogService,
    private readonly audit: AuditService,
  ) {}

  async forHousehold(code: string, actor: Actor): Promise<HouseholdFacts> {
    requirePermission(actor, 'registry.read');
    const h = await this.db.selectFrom('household').select(['id', 'code', 'region_code']).where('code', '=', code).executeTakeFirst();
    if (!h || !inScope(actor, h.region_code)) throw notFound({ zh: `户「${code}」`, en: `household "${code}"` });
    const members = await this.db.selectFrom('person').select(['id', 'id_number_hash', 'id_number_masked']).where('household_id', '=', h.id).execute();
    const byHash = new Map(members.map((m) => [m.id_number_hash, m]));
    const reveal = can(actor, 'pii.reveal');
    const datasets: HouseholdFacts['datasets'] = [];
    if (members.length) {
      for (const d of await this.catalog.datasets()) {
        const columns = dataColumns(d);
        const fields = columns.map((f) => ({ code: f.code, zh: f.zh, en: f.en, type: f.type, ...(f.unit ? { unit: f.unit } : {}), hidden: !reveal && f.pii === 'sensitive' && f.type === 'text' }));
        const rows = await sql<Record<string, unknown> & { id_hash: string; batch_id: string }>`
          SELECT * FROM ${sql.table(tableOf(d.code))}
          WHERE id_hash IN (${sql.join(members.map((m) => m.id_number_hash))})
          ORDER BY ${sql.ref(d.event_field)} DESC, batch_id DESC, row_no
          LIMIT ${ROWS_PER_DATASET}`.execute(this.db);
        if (rows.rows.length === 0) continue;
        datasets.push({
          code: d.code, zh: d.zh, en: d.en, department: d.department_name, event_field: d.event_field, fields,
          rows: rows.rows.map((r) => {
            const m = byHash.get(r.id_hash)!;
            const values: Record<string, unknown> = {};
            for (const f of fields) values[f.code] = f.hidden ? null : (r[f.code] ?? null);
            return { person_id: m.id, id_number_masked: m.id_number_masked, batch_id: String(r.batch_id), values };
          }),
        });
      }
    }
    await this.audit.record({ actor: actor.label, action: 'household.facts', subject: `household:${h.code}`, detail: { datasets: datasets.map((d) => d.code) } });
    return { household_code: h.code, datasets };
  }
}
