/** Chinese UI messages of the cases pages (spread into zh.ts); en-cases.ts has the same keys. */
export const zhCases = {
} as const;
