/**
 * Where the keys come from. `SAFETYNET_KEYS_FILE` (default DATA_DIR/keys.json) holds
 * {"keys":[{"id","key"}], "hmac"} (base64), current key first. A missing file is created with
 * fresh random keys (mode 0600) on first use — back it up with the database: without it the
 * sealed identifiers cannot be read. `SAFETYNET_KEYS` may carry the same JSON inline instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import { PiiVault, type Keyring } from './pii-vault.js';

interface KeyFile {
  keys: { id: string; key: string }[];
  hmac: string;
}

export function keysFilePath(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.SAFETYNET_KEYS_FILE?.trim() || path.join(dataDir, 'keys.json'));
}

export function loadKeyring(dataDir: string, env: NodeJS.ProcessEnv = process.env): Keyring {
  const inline = env.SAFETYNET_KEYS?.trim();
  if (inline) return parse(inline, 'SAFETYNET_KEYS');
  const file = keysFilePath(dataDir, env);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeKeyFile(file, { keys: [{ id: 'k1', key: randomBytes(32).toString('base64') }], hmac: randomBytes(32).toString('base64') });
    process.stderr.write(`已生成数据加密密钥 / generated data-encryption keys: ${file} — 请与数据库一并备份 / back it up with the database\n`);
  }
  return parse(fs.readFileSync(file, 'utf8'), file);
}

export function writeKeyFile(file: string, content: KeyFile): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(content, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function readKeyFile(file: string): KeyFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
}

function parse(text: string, where: string): Keyring {
  try {
    const k = JSON.parse(text) as KeyFile;
    return { keys: k.keys.map((x) => ({ id: x.id, key: Buffer.from(x.key, 'base64') })), hmac: Buffer.from(k.hmac, 'base64') };
  } catch {
    throw new AppError('VALIDATION', { zh: `密钥配置无法读取：${where}`, en: `cannot read the key configuration: ${where}` });
  }
}

/** A fixed keyring for tests and benchmarks (never for real data). */
export function testKeyring(): Keyring {
  return { keys: [{ id: 't1', key: Buffer.alloc(32, 7) }], hmac: Buffer.alloc(32, 9) };
}

export function testVault(): PiiVault {
  return new PiiVault(testKeyring());
}
