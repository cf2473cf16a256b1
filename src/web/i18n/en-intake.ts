import type { zhIntake } from './zh-intake';

/** English UI messages of the intake pages; must cover every key of zh-intake.ts. */
export const enIntake: Record<keyof typeof zhIntake, string> = {
};
