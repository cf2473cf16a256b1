/**
 * Key rotation: a new encryption key becomes current and every sealed identifier is re-sealed
 * under it, in batches. Older keys stay in the file so a half-finished rotation loses nothing;
 * once `rotate` reports done they can be removed by hand. The lookup hash key does not rotate
 * (changing it would re-hash every row and every department's matching key).
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import { PiiVault } from './pii-vault.js';
import { keysFilePath, readKeyFile, writeKeyFile } from './keyring.js';

export interface RotationResult {
  key_id: string;
  resealed: number;
  keys_file: string;
}

export function addKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): { file: string; vault: PiiVault; keyId: string } {
  if (env.SAFETYNET_KEYS?.trim()) {
    throw new AppError('VALIDATION', {
      zh: '密钥由 SAFETYNET_KEYS 环境变量提供，请在该处添加新密钥（置于首位）后运行 keys reseal',
      en: 'keys come from SAFETYNET_KEYS: add the new key first there, then run keys reseal',
    });
  }
  const file = keysFilePath(dataDir, env);
  const content = readKeyFile(file);
  const n = Math.max(0, ...content.keys.map((k) => Number(/^k(\d+)$/.exec(k.id)?.[1] ?? 0))) + 1;
  const keyId = `k${n}`;
  content.keys.unshift({ id: keyId, key: randomBytes(32).toString('base64') });
  writeKeyFile(file, content);
  const vault = new PiiVault({ keys: content.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') })), hmac: Buffer.from(content.hmac, 'base64') });
  return { file, vault, keyId };
}

/** Re-seal every identifier (and every stored assessment input) not sealed under the vault's current key. */
export async function resealAll(db: Kysely<DB>, vault: PiiVault, onProgress?: (n: number) => void): Promise<number> {
  const persons = await resealPersons(db, vault, onProgress);
  const assessments = await resealAssessments(db, vault, (n) => onProgress?.(persons + n));
  return persons + assessments + (await resealDatasetRows(db, vault, (n) => onProgress?.(persons + assessments + n)));
}

/** Department dataset rows (ds_<code> tables): their ID numbers are block-sealed (see sealBlockCtr). */
async function resealDatasetRows(db: Kysely<DB>, vault: PiiVault, onProgress?: (n: number) => void): Promise<number> {
  const current = `${vault.currentKeyId}.%`;
  let resealed = 0;
  for (const { code } of await db.selectFrom('catalog_dataset').select('code').execute()) {
    const table = sql.table(`ds_${code}`);
    for (;;) {
      const rows = await sql<{ batch_id: string; row_no: number; id_sealed: string }>`
        SELECT batch_id, row_no, id_sealed FROM ${table} WHERE id_sealed NOT LIKE ${current} LIMIT 2000`.execute(db);
      if (rows.rows.length === 0) break;
      const fresh = vault.sealBlock(rows.rows.map((r) => vault.open(r.id_sealed)));
      const values = sql.join(rows.rows.map((r, i) => sql`(${r.batch_id}::bigint, ${r.row_no}::integer, ${fresh[i]})`));
      await sql`UPDATE ${table} d SET id_sealed = v.sealed FROM (VALUES ${values}) AS v(batch_id, row_no, sealed) WHERE d.batch_id = v.batch_id AND d.row_no = v.row_no`.execute(db);
      resealed += rows.rows.length;
      onProgress?.(resealed);
    }
  }
  return resealed;
}

async function resealAssessments(db: Kysely<DB>, vault: PiiVault, onProgress?: (n: number) => void): Promise<number> {
  const current = `${vault.currentKeyId}.%`;
  let resealed = 0;
  for (;;) {
    const rows = await db.selectFrom('assessment').select(['id', 'description_sealed']).where('description_sealed', 'not like', current).orderBy('id').limit(500).execute();
    if (rows.length === 0) return resealed;
    await db.transaction().execute(async (trx) => {
      for (const r of rows) {
        await trx.updateTable('assessment').set({ description_sealed: vault.seal(vault.open(r.description_sealed)) }).where('id', '=', r.id).execute();
      }
    });
    resealed += rows.length;
    onProgress?.(resealed);
  }
}

async function resealPersons(db: Kysely<DB>, vault: PiiVault, onProgress?: (n: number) => void): Promise<number> {
  const current = `${vault.currentKeyId}.%`;
  let resealed = 0;
  let after = '0';
  for (;;) {
    const rows = await db
      .selectFrom('person')
      .select(['id', 'id_number_sealed', 'phone_sealed'])
      .where('id', '>', after)
      .where((eb) => eb.or([eb('id_number_sealed', 'not like', current), eb.and([eb('phone_sealed', 'is not', null), eb('phone_sealed', 'not like', current)])]))
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) return resealed;
    await db.transaction().execute(async (trx) => {
      for (const r of rows) {
        await trx
          .updateTable('person')
          .set({
            id_number_sealed: vault.seal(vault.open(r.id_number_sealed)),
            phone_sealed: r.phone_sealed ? vault.seal(vault.open(r.phone_sealed)) : null,
          })
          .where('id', '=', r.id)
          .execute();
      }
    });
    resealed += rows.length;
    after = rows[rows.length - 1].id;
    onProgress?.(resealed);
  }
}
