/** Time is a dependency: code that asks "now" asks a Clock, so a test can be on any date. */
export interface Clock {
  now(): Date;
  /** Today's date in China Standard Time as YYYY-MM-DD. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => chinaDate(new Date()),
};

export function fixedClock(iso: string): Clock {
  const at = new Date(iso.length === 10 ? `${iso}T12:00:00+08:00` : iso);
  return { now: () => new Date(at), today: () => chinaDate(at) };
}

/** The calendar date in Asia/Shanghai (UTC+8, no daylight saving). */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A clock a test moves by hand. */
export function manualClock(iso: string): Clock & { advance(ms: number): void; set(iso: string): void } {
  const parse = (v: string) => new Date(v.length === 10 ? `${v}T12:00:00+08:00` : v).getTime();
  let at = parse(iso);
  return {
    now: () => new Date(at),
    today: () => chinaDate(new Date(at)),
    advance(ms: number) {
      at += ms;
    },
    set(v: string) {
      at = parse(v);
    },
  };
}
