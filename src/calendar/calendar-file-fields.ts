import type { CalendarProblem } from './calendar-error.js';
import { member, type JsonNode } from './located-json.js';
import { tryParseIsoDate, type DayNumber } from './iso-date.js';

/**
 * Field readers for the calendar import formats. Each reader records a problem and returns
 * undefined instead of throwing, so one pass reports every mistake in the file.
 */
export class ProblemList {
  readonly items: CalendarProblem[] = [];

  add(line: number, message: string): void {
    this.items.push({ line, message });
  }
}

export function checkKeys(node: JsonNode, allowed: readonly string[], what: string, problems: ProblemList): void {
  if (node.type !== 'object') return;
  const seen = new Set<string>();
  for (const m of node.members) {
    if (seen.has(m.key)) problems.add(m.line, `${what}中字段「${m.key}」重复出现`);
    seen.add(m.key);
    if (!allowed.includes(m.key)) problems.add(m.line, `${what}中有未知字段「${m.key}」（允许的字段：${allowed.join('、')}）`);
  }
}

export function readString(node: JsonNode, key: string, what: string, problems: ProblemList, required: boolean): string | undefined {
  const m = member(node, key);
  if (!m) {
    if (required) problems.add(node.line, `${what}缺少字段「${key}」`);
    return undefined;
  }
  if (m.value.type !== 'string' || m.value.value.trim() === '') {
    problems.add(m.line, `${what}的字段「${key}」应为非空文本`);
    return undefined;
  }
  return m.value.value.trim();
}

export function readSourceUrl(node: JsonNode, key: string, what: string, problems: ProblemList, required: boolean): string | undefined {
  const value = readString(node, key, what, problems, required);
  if (value !== undefined && !/^https?:\/\/\S+$/.test(value)) {
    problems.add(member(node, key)?.line ?? node.line, `${what}的「${key}」应为 http(s) 网址，收到「${value}」`);
    return undefined;
  }
  return value;
}

export function readYear(node: JsonNode, key: string, what: string, problems: ProblemList): number | undefined {
  const m = member(node, key);
  if (!m) {
    problems.add(node.line, `${what}缺少字段「${key}」`);
    return undefined;
  }
  if (m.value.type !== 'number' || !Number.isInteger(m.value.value) || m.value.value < 1949 || m.value.value > 2200) {
    problems.add(m.line, `${what}的「${key}」应为四位年份数字（如 2022）`);
    return undefined;
  }
  return m.value.value;
}

export function readDate(node: JsonNode, key: string, what: string, problems: ProblemList, required: boolean): DayNumber | undefined {
  const m = member(node, key);
  if (!m) {
    if (required) problems.add(node.line, `${what}缺少字段「${key}」`);
    return undefined;
  }
  if (m.value.type !== 'string') {
    problems.add(m.line, `${what}的「${key}」应为 YYYY-MM-DD 格式的文本`);
    return undefined;
  }
  const day = tryParseIsoDate(m.value.value);
  if (day === null) {
    const shape = /^\d{4}-\d{2}-\d{2}$/.test(m.value.value) ? '日期不存在' : '格式无效，应为 YYYY-MM-DD';
    problems.add(m.line, `${what}的「${key}」${shape}：「${m.value.value}」`);
    return undefined;
  }
  return day;
}

export function readArray(node: JsonNode, key: string, what: string, problems: ProblemList, required: boolean): readonly JsonNode[] | undefined {
  const m = member(node, key);
  if (!m) {
    if (required) problems.add(node.line, `${what}缺少字段「${key}」`);
    return undefined;
  }
  if (m.value.type !== 'array') {
    problems.add(m.line, `${what}的「${key}」应为数组 [...]`);
    return undefined;
  }
  return m.value.items;
}

export function requireObject(node: JsonNode, what: string, problems: ProblemList): boolean {
  if (node.type === 'object') return true;
  problems.add(node.line, `${what}应为对象 {...}`);
  return false;
}
