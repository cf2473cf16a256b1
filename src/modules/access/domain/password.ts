/**
 * Passwords: scrypt with a per-user salt (never a plain or fast hash), and the password rules
 * of MLPS 2.0 level 3 (等保三级): at least 10 characters with three of the four character classes.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEYLEN = 32;

/** "scrypt$N$r$p$salt$hash" (base64 parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected);
}

export interface PasswordProblem {
  zh: string;
  en: string;
}

export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < 10) problems.push({ zh: '密码至少 10 位', en: 'at least 10 characters' });
  if (password.length > 128) problems.push({ zh: '密码不超过 128 位', en: 'at most 128 characters' });
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push({ zh: '需包含大写字母、小写字母、数字、符号中的至少三类', en: 'use three of: lower case, upper case, digits, symbols' });
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push({ zh: '密码不能包含用户名', en: 'must not contain the user name' });
  return problems;
}
