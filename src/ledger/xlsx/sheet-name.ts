// Excel refuses to open a workbook whose sheet names break its rules, so unit names
// ("区发改局/区统计局", very long 镇街 names) must be made safe before export.

const MAX_SHEET_NAME = 31;
const FORBIDDEN = /[\\/?*[\]:]/g;

/** Cut to `max` UTF-16 units without leaving half a surrogate pair behind. */
const cut = (s: string, max: number): string => {
  if (s.length <= max) return s;
  const end = /[\uD800-\uDBFF]/.test(s[max - 1]) ? max - 1 : max;
  return s.slice(0, end);
};

/** One name following Excel's rules: ≤ 31 chars, none of \ / ? * [ ] :, no edge apostrophe. */
export const sanitiseSheetName = (name: string): string => {
  let s = name.replace(/[\u0000-\u001f]/g, '').replace(FORBIDDEN, '_').trim();
  // Excel strips a leading/trailing apostrophe, which would make names collide silently.
  s = s.replace(/^'+|'+$/g, '').trim();
  s = cut(s, MAX_SHEET_NAME).trim();
  // "History" is reserved by Excel for change tracking.
  if (s === '' || s.toLowerCase() === 'history') s = s === '' ? '未命名单位' : `${s}_`;
  return s;
};

/**
 * Safe and unique names, in input order. Excel compares sheet names case-insensitively,
 * so uniqueness is checked on the lower-cased form; duplicates get "(2)", "(3)"...
 */
export const uniqueSheetNames = (names: readonly string[]): string[] => {
  const used = new Set<string>();
  return names.map((raw) => {
    const base = sanitiseSheetName(raw);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `(${n})`;
      name = cut(base, MAX_SHEET_NAME - suffix.length).trim() + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
};
