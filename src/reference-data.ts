/**
 * Reference data every database gets on first use: regions, role grants, the default policy
 * parameters, data-sharing catalog, working calendar, warning indicators and assistance programs.
 */
import type { Database } from './platform/db/database.js';
import { loadRegions } from './modules/regions/region.loader.js';
import { loadDefaultGrants } from './modules/access/access.loader.js';
import { loadDefaultParameters } from './modules/policy/policy.loader.js';
import { loadDefaultCatalog } from './modules/catalog/catalog.loader.js';
import { loadWorkCalendar } from './modules/monitoring/calendar/calendar.loader.js';
import { loadDefaultIndicators } from './modules/monitoring/indicator.loader.js';
import { loadDefaultPrograms } from './modules/assistance/program.loader.js';

export async function loadReferenceData(database: Database): Promise<void> {
  await loadRegions(database);
  await loadDefaultGrants(database);
  await loadDefaultParameters(database);
  await loadDefaultCatalog(database);
  await loadWorkCalendar(database);
  await loadDefaultIndicators(database);
  await loadDefaultPrograms(database);
}
