import type { Command } from 'commander';
import { CommandFailed, cliActor, runCommand, withRuntime } from '../output.js';

const json = ['--json', '输出 JSON / print one JSON document'] as const;

export function registerAccess(program: Command): void {
  const users = program.command('users').description('用户 / users');
  users
    .command('add')
    .description('新建用户（第一个管理员也由此创建）/ create a user (also the first administrator)')
    .requiredOption('--username <u>', '用户名 / user name')
    .requiredOption('--password <p>', '密码（≥10 位，含三类字符）；"-" 表示从标准输入读取 / password (≥10 characters, three classes); "-" reads it from standard input')
    .requiredOption('--role <r>', 'province_admin | civil_affairs_officer | township_officer | village_worker | department_data_provider | department_handler | auditor')
    .requiredOption('--region <code>', '管辖区划代码 / region code of the user\'s area')
    .option('--department <d>', '部门 / department')
    .option(...json)
    .action(async (opts: { username: string; password: string; role: string; region: string; department?: string; json?: boolean }) => {
      await runCommand(opts, async () => {
        if (opts.password === '-') opts.password = (await readStdin()).trim();
        return withRuntime('users add', async (rt) => {
          const u = await rt.services.users.add(opts, cliActor());
          return { result: u, human: `已创建用户 / user created: ${u.username} (${u.role}, ${u.region_code})` };
        });
      });
    });
  users
    .command('list')
    .description('用户列表 / list users')
    .option(...json)
    .action(async (opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('users list', async (rt) => {
          const items = await rt.services.users.list(cliActor());
          const human = items.map((u) => `${u.username}\t${u.role}\t${u.region_code}\t${u.status}${u.locked ? ' (locked)' : ''}`).join('\n') || '（无用户 / no users）';
          return { result: { items }, human };
        }),
      );
    });
  users
    .command('disable')
    .description('停用用户并结束其会话 / disable a user and end their sessions')
    .argument('<username>')
    .option(...json)
    .action(async (username: string, opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('users disable', async (rt) => {
          const u = await rt.services.users.disable(username, cliActor());
          return { result: u, human: `已停用 / disabled: ${u.username}` };
        }),
      );
    });

  program
    .command('tokens')
    .description('API 令牌 / API tokens')
    .command('create')
    .description('为用户创建 API 令牌（只显示一次，仅保存其哈希）/ create an API token (printed once; only its hash is kept)')
    .requiredOption('--username <u>', '用户名 / user name')
    .option('--scope <region>', '更窄的区划范围 / a narrower region')
    .option('--permissions <list>', '更窄的权限，逗号分隔 / narrower permissions, comma-separated')
    .option('--name <name>', '用途名称 / a name for the token')
    .option(...json)
    .action(async (opts: { username: string; scope?: string; permissions?: string; name?: string; json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('tokens create', async (rt) => {
          const t = await rt.services.auth.createToken(opts.username, { region: opts.scope, permissions: opts.permissions?.split(',').map((p) => p.trim()), name: opts.name }, cliActor());
          return { result: { token: t.token }, human: `${t.token}\n（仅显示一次，请妥善保存 / shown once: keep it safe）` };
        }),
      );
    });

  program
    .command('audit')
    .description('审计日志 / the audit log')
    .command('verify')
    .description('逐条校验审计链 / walk the audit chain and report the first broken entry')
    .option(...json)
    .action(async (opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('audit verify', async (rt) => {
          const r = await rt.services.audit.verify();
          const result = { ok: r.ok, checked: r.checked, first_broken: r.first_broken, head: r.head };
          if (!r.ok) throw new CommandFailed(result, `审计链在第 ${r.first_broken} 条被破坏 / audit chain broken at entry ${r.first_broken} (${r.checked} checked)`);
          return { result, human: `审计链完整 / audit chain intact: ${r.checked} entries, head ${r.head ?? '-'}` };
        }),
      );
    });
}

/** The password from standard input, so it stays out of the process list and shell history. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
