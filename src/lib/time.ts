// Wall-clock access in one place, so tests can pin "today".
let fixedNow: Date | null = null;

export const now = (): Date => (fixedNow ? new Date(fixedNow) : new Date());
export const nowIso = (): string => now().toISOString();
/** Today's date in China Standard Time (UTC+8), as YYYY-MM-DD. */
export const todayCst = (): string => new Date(now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
export const setNowForTests = (d: Date | null): void => {
  fixedNow = d;
};
