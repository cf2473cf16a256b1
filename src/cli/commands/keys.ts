import type { Command } from 'commander';
import { cliActor, runCommand, withRuntime } from '../output.js';
import { startProgress } from '../progress.js';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('数据加密密钥 / data-encryption keys');
  keys
    .command('rotate')
    .description('生成新密钥并用其重新加密所有身份证号和电话 / add a new key and re-seal every ID number and phone under it')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('keys rotate', async (rt, config) => {
          const { addKey, resealAll } = await import('../../platform/crypto/key-rotation.js');
          const { file, vault, keyId } = addKey(config.dataDir);
          const progress = startProgress('重新加密 / re-sealing', 0, 'persons');
          const resealed = await resealAll(rt.database.db, vault, (n) => progress.update(n));
          progress.stop();
          await rt.services.audit.record({ actor: cliActor().label, action: 'keys.rotate', detail: { key_id: keyId, resealed } });
          const result = { key_id: keyId, resealed, keys_file: file };
          return { result, human: `新密钥 ${keyId} 已启用，已重新加密 ${resealed} 人 / key ${keyId} is current; ${resealed} persons re-sealed (${file})` };
        }),
      );
    });
}
