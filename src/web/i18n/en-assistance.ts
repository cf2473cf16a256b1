import type { zhAssistance } from './zh-assistance';

/** English UI messages of the assistance pages; must cover every key of zh-assistance.ts. */
export const enAssistance: Record<keyof typeof zhAssistance, string> = {
};
