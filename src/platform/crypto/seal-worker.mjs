// A worker thread that seals and hashes identifiers for the bulk import, so the main thread
// keeps reading and validating rows meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { sealBatch } from './pii-crypto.mjs';

const key = Buffer.from(workerData.key);
const hmac = Buffer.from(workerData.hmac);

parentPort.on('message', (job) => {
  parentPort.postMessage({ id: job.id, result: sealBatch(workerData.keyId, key, hmac, job.ids, job.phones) });
});
