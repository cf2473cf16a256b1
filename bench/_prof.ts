import { openRegistryFile } from '../src/modules/registry/import/file-source.js';
import { parseRegistryRow, mapHeaders } from '../src/modules/registry/domain/registry-row.js';
import { csvField } from '../src/platform/db/database.js';
const file = process.argv[2];
const t = performance.now();
const src2 = await openRegistryFile(file);
const m = mapHeaders(src2.headers);
let ok = 0; let len = 0;
for await (const r of src2.records) { const raw: any = {}; src2.headers.forEach((h, i) => raw[m.columns[i]!] = r[h]); const p = parseRegistryRow(raw, 2, '2026-11-01'); if (p.ok) { ok++; len += Object.values(p.row).map((v) => csvField(v as any)).join(',').length; } }
console.log('read+parse', ok, ((performance.now() - t) / 1000).toFixed(2));
