/**
 * `safetynet`: the operator's command line. Thin: each command parses its options, calls one
 * module service and reports (--json for exactly one JSON document on standard output).
 */
import { Command } from 'commander';
import { registerServe } from './commands/serve.js';
import { registerDb } from './commands/db.js';
import { registerSeed } from './commands/seed.js';
import { registerImport } from './commands/import.js';
import { registerTemplate } from './commands/template.js';
import { registerId } from './commands/id.js';
import { registerHousehold } from './commands/household.js';
import { registerAccess } from './commands/access.js';
import { registerKeys } from './commands/keys.js';
import { registerPolicy } from './commands/policy.js';
import { registerAssess } from './commands/assess.js';
import { registerIngest } from './commands/ingest.js';
import { registerJobs } from './commands/jobs.js';
import { registerMonitor } from './commands/monitor.js';
import { registerCases } from './commands/cases.js';
import { registerPrograms } from './commands/programs.js';
import { registerPayments } from './commands/payments.js';

const program = new Command('safetynet')
  .description('低收入人口动态监测与分层分类救助平台 · Safety Net: low-income population monitoring and tiered assistance')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

for (const register of [registerServe, registerDb, registerSeed, registerImport, registerTemplate, registerId, registerHousehold, registerAccess, registerKeys, registerPolicy, registerAssess, registerIngest, registerJobs, registerMonitor, registerCases, registerPrograms, registerPayments]) {
  register(program);
}

await program.parseAsync(process.argv);
