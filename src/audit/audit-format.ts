// How audit records read on the page: local time (Asia/Shanghai, the platform's zone) and Chinese action names.

const FMT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** "2026-12-01 09:30:05" in Beijing time for an ISO instant; the input unchanged when it is not one. */
export function formatLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(FMT.formatToParts(d).map((p) => [p.type, p.value]));
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return `${parts.year}-${parts.month}-${parts.day} ${hour}:${parts.minute}:${parts.second}`;
}

/** The UTC instant at which a Beijing-time calendar day starts (for date filters). */
export const localDayStartUtc = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();
/** The UTC instant at which the Beijing-time day after `day` starts. */
export const localDayEndUtc = (day: string): string => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86400_000).toISOString();
