/**
 * addWorkingDays throughput: the precomputed WorkingCalendar against a naive day-by-day
 * loop over the same holiday data, in the same run, on the same random inputs
 * (start dates 2020–2026, n in 1..40). Run: node --import tsx bench/calendar/run.ts [seconds]
 */
import { loadDefaultCalendar, loadDefaultCalendarData } from '../../src/calendar/default-calendar.js';
import { dayFromCivil, formatIsoDate, parseIsoDate } from '../../src/calendar/iso-date.js';

const SECONDS = Number(process.argv[2] ?? 3);
const TARGET = 2_000_000;
const INPUTS = 1 << 16;

const calendar = loadDefaultCalendar();
const data = loadDefaultCalendarData();
const offs = new Set(data.entries.filter((e) => e.kind === 'off').map((e) => e.date));
const works = new Set(data.entries.filter((e) => e.kind === 'work').map((e) => e.date));

/** What one would write without precomputation: walk the days with Date and look each one up. */
function naiveAddWorkingDays(start: string, n: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const iso = d.toISOString().slice(0, 10);
    const weekday = d.getUTCDay();
    if (works.has(iso) || (!offs.has(iso) && weekday !== 0 && weekday !== 6)) left--;
  }
  return d.toISOString().slice(0, 10);
}

/** A fairer baseline: still one day at a time, but on day numbers and the calendar's own lookup. */
function loopOverIsWorkingDay(start: string, n: number): string {
  let day = parseIsoDate(start);
  let left = n;
  while (left > 0) if (calendar.isWorkingDay(formatIsoDate(++day))) left--;
  return formatIsoDate(day);
}

// Deterministic inputs (xorshift) so runs are comparable.
let seed = 0x2022_0623;
const random = (): number => {
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
};
const first = dayFromCivil(2020, 1, 1);
const span = dayFromCivil(2026, 12, 31) - first + 1;
const starts = Array.from({ length: INPUTS }, () => formatIsoDate(first + Math.floor(random() * span)));
const counts = Array.from({ length: INPUTS }, () => 1 + Math.floor(random() * 40));

for (let i = 0; i < 2000; i++) {
  const expected = naiveAddWorkingDays(starts[i], counts[i]);
  if (calendar.addWorkingDays(starts[i], counts[i]) !== expected || loopOverIsWorkingDay(starts[i], counts[i]) !== expected) {
    throw new Error(`mismatch at ${starts[i]} + ${counts[i]}`);
  }
}

function measure(name: string, fn: (start: string, n: number) => string, seconds: number): number {
  let ops = 0;
  let sink = 0;
  const mask = INPUTS - 1;
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  // Check the clock every 4096 calls so timing does not dominate the loop.
  while (performance.now() < deadline) {
    for (let k = 0; k < 4096; k++, ops++) sink += fn(starts[ops & mask], counts[ops & mask]).charCodeAt(9);
  }
  const rate = ops / ((performance.now() - t0) / 1000);
  console.log(`${name.padEnd(26)} ${Math.round(rate).toLocaleString('en-US').padStart(13)} ops/s  (${ops.toLocaleString('en-US')} calls, checksum ${sink % 997})`);
  return rate;
}

console.log(`node ${process.version}, ${SECONDS}s per variant, random start 2020–2026, n in 1..40`);
measure('warm-up', (s, n) => calendar.addWorkingDays(s, n), 0.5);
const fast = measure('WorkingCalendar', (s, n) => calendar.addWorkingDays(s, n), SECONDS);
const naive = measure('naive day-by-day loop', naiveAddWorkingDays, SECONDS);
const loop = measure('loop over isWorkingDay', loopOverIsWorkingDay, SECONDS);
console.log(`ratio vs naive loop        ${(fast / naive).toFixed(1)}x`);
console.log(`ratio vs isWorkingDay loop ${(fast / loop).toFixed(1)}x`);
console.log(`target ${TARGET.toLocaleString('en-US')} ops/s: ${fast >= TARGET ? 'met' : 'NOT met'}`);
