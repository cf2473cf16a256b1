/**
 * Demo accounts, one per role, placed in the regions where the demo data actually lives, so a
 * newcomer can sign in as each and see the differences. Created only with the demo data; a
 * real deployment creates its first administrator with `safetynet users add`.
 */
import { sql } from 'kysely';
import type { Runtime } from '../../platform/runtime.js';
import { operatorActor } from './domain/actor.js';

export const DEMO_PASSWORD = 'Demo-2026-jilin';

export interface DemoAccount {
  username: string;
  role: string;
  region_code: string;
  department?: string;
  display_name: string;
}

/** The village with the most demo households, and the township and county above it. */
async function busiestVillage(rt: Runtime): Promise<string> {
  const r = await sql<{ region_code: string }>`
    SELECT region_code FROM household GROUP BY region_code
    ORDER BY count(*) DESC, region_code LIMIT 1`.execute(rt.database.db);
  return r.rows[0]?.region_code ?? '220102001001';
}

export async function demoAccounts(rt: Runtime): Promise<DemoAccount[]> {
  const village = await busiestVillage(rt);
  const township = village.slice(0, 9);
  const county = village.slice(0, 6);
  const prefecture = village.slice(0, 4);
  return [
    { username: 'demo_admin', role: 'province_admin', region_code: '22', display_name: '省级管理员（演示）' },
    { username: 'demo_city', role: 'civil_affairs_officer', region_code: prefecture, display_name: '市民政局（演示）' },
    { username: 'demo_county', role: 'civil_affairs_officer', region_code: county, display_name: '县民政局（演示）' },
    { username: 'demo_township', role: 'township_officer', region_code: township, display_name: '乡镇经办（演示）' },
    { username: 'demo_village', role: 'village_worker', region_code: village, display_name: '村网格员（演示）' },
    { username: 'demo_medical', role: 'department_data_provider', region_code: '22', department: '医保局', display_name: '医保局数据员（演示）' },
    { username: 'demo_handler', role: 'department_handler', region_code: '22', department: '教育厅', display_name: '教育厅经办（演示）' },
    { username: 'demo_medical_handler', role: 'department_handler', region_code: county, department: '医保局', display_name: '县医保局经办（演示）' },
    { username: 'demo_auditor', role: 'auditor', region_code: '22', display_name: '审计人员（演示）' },
  ];
}

export async function seedDemoUsers(rt: Runtime): Promise<DemoAccount[]> {
  const accounts = await demoAccounts(rt);
  const system = operatorActor('system:demo');
  for (const a of accounts) {
    const exists = await rt.database.db.selectFrom('app_user').select('id').where('username', '=', a.username).executeTakeFirst();
    if (!exists) await rt.services.users.add({ ...a, region: a.region_code, password: DEMO_PASSWORD, demo: true }, system);
  }
  return accounts;
}
