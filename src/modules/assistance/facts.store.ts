/**
 * One household's members with what the departments' data say about each, as of a date: one
 * statement over the household's members (department rows found by the keyed hash of the ID
 * number through each dataset table's hash index), reduced to the per-member values that
 * domain/household-facts.ts turns into household facts.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { monthsBefore } from '../monitoring/engine/sql-text.js';
import type { MemberRecord } from './domain/household-facts.js';

/** The medical fact's window is in its name: medical_oop_12m. */
const MEDICAL_MONTHS = 12;

type Row = Omit<MemberRecord, 'medical_oop' | 'disability_grade' | 'cert_grade'> & {
  medical_oop: string | number | null;
  disability_grade: number | string | null;
  cert_grade: number | string | null;
};

export async function memberRecords(db: Kysely<DB>, householdId: string, on: string, eventWindowMonths: number): Promise<MemberRecord[]> {
  const medicalFrom = monthsBefore(on, MEDICAL_MONTHS);
  const eventFrom = monthsBefore(on, eventWindowMonths);
  const r = await sql<Row>`
    SELECT to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.health, p.disability_grade, p.work_ability, p.school_stage, p.employment,
      EXISTS (SELECT 1 FROM ds_serious_illness s WHERE s.id_hash = p.id_number_hash AND s.diagnosis_date <= ${on}::date) AS illness_record,
      (SELECT coalesce(c.status, 'issued') FROM ds_disability_cert c WHERE c.id_hash = p.id_number_hash AND c.cert_date <= ${on}::date
        ORDER BY c.cert_date DESC, c.batch_id DESC, c.row_no DESC LIMIT 1) AS cert_status,
      (SELECT c.grade FROM ds_disability_cert c WHERE c.id_hash = p.id_number_hash AND c.cert_date <= ${on}::date
        ORDER BY c.cert_date DESC, c.batch_id DESC, c.row_no DESC LIMIT 1) AS cert_grade,
      (SELECT e.stage FROM ds_school_enrollment e WHERE e.id_hash = p.id_number_hash AND e.enroll_date > ${eventFrom}::date AND e.enroll_date <= ${on}::date
        ORDER BY e.enroll_date DESC, e.batch_id DESC, e.row_no DESC LIMIT 1) AS enrolled_stage,
      (SELECT u.status FROM ds_unemployment_reg u WHERE u.id_hash = p.id_number_hash AND u.reg_date <= ${on}::date
        ORDER BY u.reg_date DESC, u.batch_id DESC, u.row_no DESC LIMIT 1) AS unemployment_status,
      (SELECT coalesce(sum(m.oop_cost), 0) FROM ds_medical_settlement m WHERE m.id_hash = p.id_number_hash
        AND m.settle_date > ${medicalFrom}::date AND m.settle_date <= ${on}::date) AS medical_oop,
      EXISTS (SELECT 1 FROM ds_dangerous_housing d WHERE d.id_hash = p.id_number_hash AND d.grade IN ('C', 'D')
        AND d.assess_date > ${eventFrom}::date AND d.assess_date <= ${on}::date) AS dangerous_housing,
      EXISTS (SELECT 1 FROM ds_disaster_victim v WHERE v.id_hash = p.id_number_hash AND v.loss_level IN ('major', 'total')
        AND v.event_date > ${eventFrom}::date AND v.event_date <= ${on}::date) AS disaster_loss
    FROM person p
    WHERE p.household_id = ${householdId} AND p.birth_date <= ${on}::date
    ORDER BY p.id`.execute(db);
  return r.rows.map((x) => ({
    ...x,
    disability_grade: x.disability_grade === null ? null : Number(x.disability_grade),
    cert_grade: x.cert_grade === null ? null : Number(x.cert_grade),
    medical_oop: Number(x.medical_oop ?? 0),
  }));
}
