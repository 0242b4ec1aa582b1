// Content tests for table cells. Exports shift cells into the wrong column, so the row parser
// decides what a cell is from what it says, with its position only as the tie-breaker.
import { isPureHan, normalizeText, SENTENCE_PUNCT } from './text-normalize.js';

// Words that time-limit cells are made of: durations, deadlines, periods, frequencies.
const TIME_WORDS =
  /长期|坚持|持续|常态|定期|按季度|按月|按年|每月|每季|每年|每半年|每周|每日|年底|年末|月底|月末|上半年|下半年|年内|季度|前完成|之前|以前|期间|日内|工作日|之日起|以内|及时|动态|实时|即时|随时|适时|[0-9一二三四五六七八九十]+月|[0-9]{4}年|不少于|不超过|公示|立即|当日|当天|截至|次月|同步/;

export const looksLikeTimeLimit = (cell: string): boolean => TIME_WORDS.test(normalizeText(cell));

/**
 * A domain or area heading: short, no sentence punctuation, no digits. The limit of 24 is
 * above the longest heading seen (规范化公开公共企事业单位信息, 14) and below most requirements.
 */
export const looksLikeHeading = (cell: string): boolean => {
  const text = normalizeText(cell);
  return text.length >= 2 && text.length <= 24 && !SENTENCE_PUNCT.test(text) && !/[0-9]/.test(text)
    && !/[《》“”]/.test(text);
};

// How sub-area headings end (…信息公开, …建设, …解读). Used only to tell a heading glued to
// a requirement from the first line of a wrapped requirement, see splitGluedHeading.
const HEADING_END = /(?:公开|信息|建设|解读|透明|保障|措施|机制|管理|服务|监督|水平|能力|体系|质效|实效|关切|规范化|标准化)$/;

/**
 * When an export drops the area column, the area heading lands in front of the requirement
 * separated by a space: "加强推动高质量发展信息公开 加强房地产市场监管…". Returns the two
 * parts, or null. Works on the raw cell: normalisation would remove the separating space.
 *
 * A wrapped requirement also has spaces, so the first part must be pure Han, 4–20 characters,
 * and either be the cell's only break (wrapped cells break on every line) or end like a heading.
 * In a table that has an area column (strict) a glued heading is unusual, so both must hold.
 */
export const splitGluedHeading = (raw: string, strict = false): { heading: string; rest: string } | null => {
  const trimmed = raw.replace(/[\u00a0\u3000]/g, ' ').trim();
  const m = /^(\S+)\s+(\S[\s\S]*)$/.exec(trimmed);
  if (!m) return null;
  const [, head, tail] = m;
  if (!isPureHan(head) || head.length < 4 || head.length > 20) return null;
  const rest = normalizeText(tail);
  if (rest.length < 8) return null;
  const onlyBreak = !/\s/.test(tail.trim());
  const endsLikeHeading = HEADING_END.test(head);
  if (strict ? !(onlyBreak && endsLikeHeading) : !(onlyBreak || endsLikeHeading)) return null;
  return { heading: head, rest };
};
