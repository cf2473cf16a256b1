// Worker threads do not inherit the main thread's TypeScript loader: register tsx, then load
// the worker written in TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');
