import { CATEGORIES, CATEGORY_STATUSES, DISABILITY_TYPES, EMPLOYMENT_STATES, HEALTH_STATES, HUKOU_TYPES, RELATIONS, SCHOOL_STAGES, WORK_ABILITIES, type Vocabulary } from './vocabulary.js';

const strip = (v: Vocabulary) => v.map(({ code, zh, en }) => ({ code, zh, en }));

/** All registry vocabularies, as the UI and API clients see them. */
export function vocabularies() {
  return {
    categories: strip(CATEGORIES),
    category_statuses: strip(CATEGORY_STATUSES),
    relations: strip(RELATIONS),
    hukou_types: strip(HUKOU_TYPES),
    disability_types: strip(DISABILITY_TYPES),
    work_abilities: strip(WORK_ABILITIES),
    health_states: strip(HEALTH_STATES),
    school_stages: strip(SCHOOL_STAGES),
    employment_states: strip(EMPLOYMENT_STATES),
  };
}
