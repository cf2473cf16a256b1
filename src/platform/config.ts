/**
 * Configuration from the environment, validated once at start. A bad value fails fast and
 * names the variable. Settings administrators change at run time live in the database.
 */
import path from 'node:path';
import { AppError } from './errors.js';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl?: string;
  dataDir: string;
  /** Load the demo dataset on first start. */
  demo: boolean;
  demoHouseholds: number;
  logLevel: string;
  /** Requests per hour and client address on the public routes (the online application). */
  publicLimits: PublicLimits;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (the rate limit needs it). */
  trustProxy: boolean;
}

export interface PublicLimits {
  submitPerHour: number;
  statusPerHour: number;
}

export const DEFAULT_PUBLIC_LIMITS: PublicLimits = { submitPerHour: 20, statusPerHour: 60 };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intVar(env, 'PORT', 8080, 0, 65535);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw bad('DATABASE_URL', 'postgresql://… 形式的连接串', 'a postgresql:// connection string');
  }
  const demo = env.SAFETYNET_DEMO ?? '1';
  if (!['0', '1', 'false', 'true'].includes(demo)) throw bad('SAFETYNET_DEMO', '0 或 1', '0 or 1');
  const trustProxy = env.SAFETYNET_TRUST_PROXY ?? '0';
  if (!['0', '1', 'false', 'true'].includes(trustProxy)) throw bad('SAFETYNET_TRUST_PROXY', '0 或 1', '0 or 1');
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR?.trim() || 'var'),
    demo: demo === '1' || demo === 'true',
    demoHouseholds: intVar(env, 'SAFETYNET_DEMO_HOUSEHOLDS', 3000, 1, 10_000_000),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    publicLimits: {
      submitPerHour: intVar(env, 'SAFETYNET_APPLY_PER_HOUR', DEFAULT_PUBLIC_LIMITS.submitPerHour, 1, 100_000),
      statusPerHour: intVar(env, 'SAFETYNET_APPLY_STATUS_PER_HOUR', DEFAULT_PUBLIC_LIMITS.statusPerHour, 1, 100_000),
    },
    trustProxy: trustProxy === '1' || trustProxy === 'true',
  };
}

function intVar(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw bad(name, `${min}–${max} 之间的整数`, `an integer between ${min} and ${max}`);
  }
  return n;
}

function bad(name: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION', {
    zh: `环境变量 ${name} 的值无效，应为${zh}`,
    en: `environment variable ${name} is invalid: expected ${en}`,
  });
}
