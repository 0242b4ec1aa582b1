/**
 * A small JSON parser that remembers the line of every value. JSON.parse loses positions,
 * and an admin fixing a 300-line holiday file needs "第42行" rather than "entry 17".
 */
export type JsonNode =
  | { readonly type: 'object'; readonly line: number; readonly members: readonly JsonMember[] }
  | { readonly type: 'array'; readonly line: number; readonly items: readonly JsonNode[] }
  | { readonly type: 'string'; readonly line: number; readonly value: string }
  | { readonly type: 'number'; readonly line: number; readonly value: number }
  | { readonly type: 'boolean'; readonly line: number; readonly value: boolean }
  | { readonly type: 'null'; readonly line: number };

export interface JsonMember {
  readonly key: string;
  readonly line: number;
  readonly value: JsonNode;
}

export class JsonSyntaxError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.line = line;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseLocatedJson(source: string): JsonNode {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  let pos = 0;
  let line = 1;

  const fail = (message: string): never => {
    throw new JsonSyntaxError(line, `JSON 格式错误：${message}`);
  };
  const skipSpace = (): void => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') return;
      pos++;
    }
  };
  const describe = (): string => (pos >= text.length ? '文件意外结束' : `意外的字符「${text[pos]}」`);

  const parseString = (): string => {
    pos++; // opening quote
    let out = '';
    while (pos < text.length) {
      const c = text[pos++];
      if (c === '"') return out;
      if (c === '\n') fail('字符串中不能直接换行');
      if (c !== '\\') { out += c; continue; }
      const e = text[pos++];
      if (e === 'u') {
        const hex = text.slice(pos, pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('无效的 \\u 转义');
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 4;
      } else if (e !== undefined && ESCAPES[e] !== undefined) {
        out += ESCAPES[e];
      } else {
        fail('无效的转义字符');
      }
    }
    return fail('字符串缺少结束引号');
  };

  const parseValue = (): JsonNode => {
    skipSpace();
    const at = line;
    const c = text[pos];
    if (c === '{') return parseObject();
    if (c === '[') return parseArray();
    if (c === '"') return { type: 'string', line: at, value: parseString() };
    for (const [word, node] of [['true', { type: 'boolean', line: at, value: true }], ['false', { type: 'boolean', line: at, value: false }], ['null', { type: 'null', line: at }]] as const) {
      if (text.startsWith(word, pos)) { pos += word.length; return node; }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m) { pos += m[0].length; return { type: 'number', line: at, value: Number(m[0]) }; }
    return fail(describe());
  };

  const parseObject = (): JsonNode => {
    const at = line;
    pos++;
    const members: JsonMember[] = [];
    skipSpace();
    if (text[pos] === '}') { pos++; return { type: 'object', line: at, members }; }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') fail(`应为带引号的字段名，${describe()}`);
      const keyLine = line;
      const key = parseString();
      skipSpace();
      if (text[pos] !== ':') fail(`字段「${key}」后应为冒号，${describe()}`);
      pos++;
      members.push({ key, line: keyLine, value: parseValue() });
      skipSpace();
      if (text[pos] === ',') { pos++; continue; }
      if (text[pos] === '}') { pos++; return { type: 'object', line: at, members }; }
      fail(`对象中应为逗号或 }，${describe()}`);
    }
  };

  const parseArray = (): JsonNode => {
    const at = line;
    pos++;
    const items: JsonNode[] = [];
    skipSpace();
    if (text[pos] === ']') { pos++; return { type: 'array', line: at, items }; }
    for (;;) {
      items.push(parseValue());
      skipSpace();
      if (text[pos] === ',') { pos++; continue; }
      if (text[pos] === ']') { pos++; return { type: 'array', line: at, items }; }
      fail(`数组中应为逗号或 ]，${describe()}`);
    }
  };

  const root = parseValue();
  skipSpace();
  if (pos < text.length) fail(`内容结束后还有多余的字符「${text[pos]}」`);
  return root;
}

/** Member lookup; objects are small, so a linear scan is fine. */
export function member(node: JsonNode, key: string): JsonMember | undefined {
  return node.type === 'object' ? node.members.find((m) => m.key === key) : undefined;
}
