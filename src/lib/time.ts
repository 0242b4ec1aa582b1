// Wall-clock access and display formatting in one place, so tests can pin "today".
// Timestamps are stored as UTC ISO text; every time and date shown to people is in the area's
// time zone (DISPLAY_TIME_ZONE, Asia/Shanghai by default; an area may carry its own zone).
let fixedNow: Date | null = null;

export const now = (): Date => (fixedNow ? new Date(fixedNow) : new Date());
export const nowIso = (): string => now().toISOString();
/** Today's date in China Standard Time (UTC+8), as YYYY-MM-DD. */
export const todayCst = (): string => new Date(now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
export const setNowForTests = (d: Date | null): void => {
  fixedNow = d;
};

/** The zone every console and portal page shows times in, unless an area names its own. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';
/** Per-area overrides (area id → IANA zone); empty for the one-area district deployment. */
export const AREA_TIME_ZONES: Record<number, string> = {};
export const zoneOfArea = (areaId?: number | null): string => (areaId != null && AREA_TIME_ZONES[areaId]) || DISPLAY_TIME_ZONE;

const formatters = new Map<string, Intl.DateTimeFormat>();
function parts(iso: string | Date, zone: string): Record<string, string> | null {
  const d = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  return Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
}

/** A stored UTC timestamp as local "YYYY-MM-DD HH:mm" (seconds: "YYYY-MM-DD HH:mm:ss"). Non-timestamps pass through. */
export function formatDateTime(iso: string | Date | null | undefined, o: { seconds?: boolean; zone?: string } = {}): string {
  if (iso == null || iso === '') return '';
  const p = parts(iso, o.zone ?? DISPLAY_TIME_ZONE);
  if (!p) return String(iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${o.seconds ? `:${p.second}` : ''}`;
}

/** The local calendar date (YYYY-MM-DD) of a stored UTC timestamp. A plain date passes through unchanged. */
export function formatDate(iso: string | Date | null | undefined, o: { zone?: string } = {}): string {
  if (iso == null || iso === '') return '';
  if (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const p = parts(iso, o.zone ?? DISPLAY_TIME_ZONE);
  return p ? `${p.year}-${p.month}-${p.day}` : String(iso);
}
