// Fonts, borders and row heights for the printed 附件3 ledger. Kept apart from the
// writer so the look can be tuned without touching the data flow.
import type { Alignment, Border, Borders, Fill, Font } from 'exceljs';

// Government documents use 宋体 for headings and 仿宋 for body text.
export const TITLE_FONT: Partial<Font> = { name: '宋体', size: 18, bold: true };
export const META_FONT: Partial<Font> = { name: '仿宋', size: 12 };
export const HEADER_FONT: Partial<Font> = { name: '宋体', size: 12, bold: true };
export const BODY_FONT_SIZE = 11;
export const BODY_FONT: Partial<Font> = { name: '仿宋', size: BODY_FONT_SIZE };

const thin: Partial<Border> = { style: 'thin', color: { argb: 'FF000000' } };
// A heavier rule marks where the official six columns end and platform columns begin.
const separator: Partial<Border> = { style: 'medium', color: { argb: 'FF1F4E79' } };

export const cellBorder = (firstExtra: boolean): Partial<Borders> => ({
  top: thin,
  bottom: thin,
  right: thin,
  left: firstExtra ? separator : thin,
});

export const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
export const EXTRA_HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

export const centred: Partial<Alignment> = { vertical: 'middle', horizontal: 'center', wrapText: true };
export const leftAligned: Partial<Alignment> = { vertical: 'middle', horizontal: 'left', wrapText: true };

const LINE_PT = BODY_FONT_SIZE * 1.35;
const PADDING_PT = 6;
export const MIN_ROW_PT = 22;

// Wide (CJK, full-width) glyphs take about two Excel width units at 11pt; ASCII about one.
const isWide = (code: number): boolean =>
  (code >= 0x1100 && code <= 0x115f) ||
  (code >= 0x2e80 && code <= 0xa4cf) ||
  (code >= 0xac00 && code <= 0xd7a3) ||
  (code >= 0xf900 && code <= 0xfaff) ||
  (code >= 0xfe30 && code <= 0xfe4f) ||
  (code >= 0xff00 && code <= 0xff60) ||
  (code >= 0xffe0 && code <= 0xffe6);

// A plain charCode loop: this runs for every cell of a district-wide export.
const textUnits = (s: string): number => {
  let units = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair (rare CJK extension characters): one wide glyph.
      units += 2.1;
      i++;
    } else {
      units += isWide(code) ? 2.1 : 1.15;
    }
  }
  return units;
};

/**
 * Lines a wrapped cell needs. Excel does not grow rows for wrapped text written by a
 * library (and never for merged cells), so without this long measures print clipped.
 */
export const wrappedLines = (text: string, widthUnits: number): number => {
  const usable = Math.max(1, widthUnits - 1);
  // No glyph is wider than 2.1 units, so a short single-line cell needs no measuring (most cells).
  if (text.length * 2.1 <= usable && !text.includes('\n')) return 1;
  let lines = 0;
  for (const para of text.split('\n')) lines += Math.max(1, Math.ceil(textUnits(para) / usable));
  return lines;
};

export const heightForLines = (lines: number): number =>
  Math.max(MIN_ROW_PT, Math.ceil(lines * LINE_PT + PADDING_PT));
