/** Chinese UI messages of the assistance pages (spread into zh.ts); en-assistance.ts has the same keys. */
export const zhAssistance = {
} as const;
