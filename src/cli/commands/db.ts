import type { Command } from 'commander';
import { runCommand, withRuntime } from '../output.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('数据库 / database');
  db.command('migrate')
    .description('迁移数据库到最新结构并载入参考数据 / migrate to the latest schema and load reference data')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('db migrate', async (rt) => {
          const migrations = await rt.database.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
          const regions = await rt.database.db.selectFrom('region').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
          const result = { database: rt.database.engine, migrations: migrations.map((m) => (m as { name: string }).name), regions: Number(regions.n) };
          return { result, human: `数据库已是最新 / database up to date (${result.database}): ${result.migrations.length} migrations, ${result.regions} regions` };
        }),
      );
    });
}
