/** The default catalog shipped in data/catalog/catalog.json. */
import fs from 'node:fs';
import { DATA_DIR } from '../../../platform/reference/csv-file.js';
import { checkDataset, type DatasetDef, type DepartmentDef } from './dataset-definition.js';

export function defaultCatalog(): { departments: DepartmentDef[]; datasets: DatasetDef[] } {
  const file = JSON.parse(fs.readFileSync(DATA_DIR + 'catalog/catalog.json', 'utf8')) as { departments: DepartmentDef[]; datasets: unknown[] };
  const codes = new Set(file.departments.map((d) => d.code));
  return { departments: file.departments, datasets: file.datasets.map((d) => checkDataset(d, codes)) };
}
