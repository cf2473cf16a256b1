/**
 * How every CLI command reports. With --json, standard output is exactly one JSON document,
 * on failure too; progress and logs go to standard error. Exit status is 0 only on success.
 */
import os from 'node:os';
import { AppError } from '../platform/errors.js';
import { loadConfig, type Config } from '../platform/config.js';
import type { Runtime } from '../platform/runtime.js';
import { operatorActor, type Actor } from '../modules/access/domain/actor.js';

export interface JsonOption {
  json?: boolean;
}

/** The CLI is the operator's tool on the server: full scope, audited as cli:<OS user>. */
export function cliActor(): Actor {
  let user = process.env.USER || 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    /* keep USER */
  }
  return operatorActor(`cli:${user}`);
}

export class CommandFailed extends Error {
  constructor(
    readonly result: unknown,
    readonly human: string,
  ) {
    super(human);
  }
}

/**
 * Run a command body. `body` returns the JSON result and a human rendering; throwing an
 * AppError (or CommandFailed, for a result that is itself a failure report) exits non-zero.
 */
export async function runCommand(
  opts: JsonOption,
  body: () => Promise<{ result: unknown; human: string } | void>,
): Promise<void> {
  try {
    const out = await body();
    if (out) emit(opts, out.result, out.human);
    process.exitCode = 0;
  } catch (err) {
    process.exitCode = 1;
    if (err instanceof CommandFailed) {
      emit(opts, err.result, err.human, true);
      return;
    }
    const error = err instanceof AppError
      ? { code: err.code, message: err.message, details: err.details }
      : { code: 'INTERNAL', message: (err as Error).message };
    if (opts.json) process.stdout.write(JSON.stringify({ error }) + '\n');
    else process.stderr.write(`错误 / error: ${error.message}\n`);
  }
}

function emit(opts: JsonOption, result: unknown, human: string, failed = false): void {
  if (opts.json) process.stdout.write(JSON.stringify(result) + '\n');
  else (failed ? process.stderr : process.stdout).write(human.endsWith('\n') ? human : human + '\n');
}

/** Open the database for one command, and always close it (releasing the embedded lock). */
export async function withRuntime<T>(command: string, fn: (rt: Runtime, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // Loaded on demand, so `--help` and `id check` start without the database libraries.
  const { openRuntime } = await import('../platform/runtime.js');
  const rt = await openRuntime(config, command);
  try {
    return await fn(rt, config);
  } finally {
    await rt.close();
  }
}
