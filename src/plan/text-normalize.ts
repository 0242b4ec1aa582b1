// Whitespace repair for text exported from Word/PDF tables, where every visual line break
// inside a cell became a space ("区政府各 部门单位", "2022 年").

// Han ideographs, CJK symbols and punctuation (、。〔〕《》…), full-width forms (，：；（）)
// and the curly quotes Chinese text uses. A space next to any of these is never meaningful.
const CJK = '\\u2018-\\u201d\\u2026\\u2e80-\\u2fdf\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef';

const CJK_THEN_SPACE = new RegExp(`([${CJK}]) +(?=[${CJK}0-9])`, 'g');
const DIGIT_THEN_SPACE = new RegExp(`([0-9]) +(?=[${CJK}])`, 'g');
const SPACE_BEFORE_PUNCT = /\s+(?=[、。，：；！？）〕》」』】”’])/g;
const SPACE_AFTER_PUNCT = /([、。，：；！？（〔《「『【“‘])\s+/g;

/**
 * Collapses whitespace and removes the spaces that line wrapping put between Chinese
 * characters, or between Chinese and digits ("20 个工作日" → "20个工作日"), while keeping
 * spaces between Latin words and digits ("情况 and 分配结果" stays as written).
 *
 * @example normalizeText('区政府各 部门单位') // '区政府各部门单位'
 */
export const normalizeText = (raw: string): string =>
  raw
    .replace(/[\s\u00a0\u3000\ufeff]+/g, ' ')
    .trim()
    .replace(SPACE_BEFORE_PUNCT, '')
    .replace(SPACE_AFTER_PUNCT, '$1')
    .replace(CJK_THEN_SPACE, '$1')
    .replace(DIGIT_THEN_SPACE, '$1');

/** Strips markdown heading marks and bold/italic wrappers left by docx-to-markdown exports. */
export const stripMarkup = (line: string): string =>
  line.replace(/^\s*#{1,6}\s*/, '').replace(/\*\*|__/g, '').replace(/^\s*[-*]\s+/, '');

/** Han characters only (no punctuation, digits or Latin). */
export const isPureHan = (s: string): boolean => /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/.test(s);

/** Sentence punctuation that a heading (domain/area) never contains. */
export const SENTENCE_PUNCT = /[，。；：！？,;:!?]/;
