// Colours for server-rendered charts. Every series colour reaches 4.5:1 against white,
// the WCAG AA ratio for text, so it also serves for data labels drawn in the series
// colour (pie labels) and comfortably exceeds the 3:1 needed for bars and slices.

export const CHART_FONT_FAMILY = "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

export const CHART_PALETTE = [
  '#1f5fa8', // blue
  '#b3261e', // red
  '#1b7a3d', // green
  '#8a5300', // amber brown
  '#6a3d9a', // purple
  '#00707a', // teal
  '#a3177a', // magenta
  '#4d5358', // slate
] as const;

export const TEXT_COLOR = '#1f2329';
export const MUTED_TEXT_COLOR = '#4b5563';
/** Axis lines are meaningful graphics: ≥ 3:1 against white. */
export const AXIS_COLOR = '#6b7280';
/** Grid lines are decoration only, so they may stay faint. */
export const GRID_COLOR = '#e5e7eb';

const channel = (hex: string, i: number): number => {
  const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG 2.1 relative luminance of a #rrggbb colour. */
export const luminance = (hex: string): number =>
  0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);

/** WCAG 2.1 contrast ratio between two #rrggbb colours (1–21). */
export const contrastRatio = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
