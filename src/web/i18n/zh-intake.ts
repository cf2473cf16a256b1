/** Chinese UI messages of the intake pages (spread into zh.ts); en-intake.ts has the same keys. */
export const zhIntake = {
} as const;
