import type { zhCases } from './zh-cases';

/** English UI messages of the cases pages; must cover every key of zh-cases.ts. */
export const enCases: Record<keyof typeof zhCases, string> = {
};
