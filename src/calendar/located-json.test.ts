import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonSyntaxError, member, parseLocatedJson } from './located-json.js';

test('parses JSON and records the line of every value', () => {
  const node = parseLocatedJson('\uFEFF{\n  "a": [1, -2.5e3,\n    "x\\n\\u4e2d"],\n  "b": {"c": null, "d": true}\n}');
  assert.equal(node.type, 'object');
  const a = member(node, 'a');
  assert.equal(a?.line, 2);
  assert.ok(a?.value.type === 'array');
  assert.deepEqual(a.value.items.map((i) => i.line), [2, 2, 3]);
  const last = a.value.items[2];
  assert.ok(last.type === 'string' && last.value === 'x\n中');
  assert.equal(member(node, 'b')?.line, 4);
});

test('syntax errors carry a line and a Chinese message', () => {
  const cases: readonly [string, number][] = [['{\n"a": 1,\n}', 3], ['[1,\n2\n3]', 3], ['{"a": "b', 1], ['{"a": tru}', 1], ['[1] 2', 1], ['', 1]];
  for (const [text, line] of cases) {
    assert.throws(() => parseLocatedJson(text), (e: unknown) => e instanceof JsonSyntaxError && e.line === line && /JSON 格式错误/.test(e.message), text);
  }
});

test('agrees with JSON.parse on a realistic document', () => {
  const doc = { format: 'x', years: [{ year: 2022, days: [{ a: '中文', b: false, c: null, d: [1.5, -0] }] }] };
  const toPlain = (n: ReturnType<typeof parseLocatedJson>): unknown => {
    switch (n.type) {
      case 'object': return Object.fromEntries(n.members.map((m) => [m.key, toPlain(m.value)]));
      case 'array': return n.items.map(toPlain);
      case 'null': return null;
      default: return n.value;
    }
  };
  const text = JSON.stringify(doc, null, 2);
  assert.deepEqual(toPlain(parseLocatedJson(text)), JSON.parse(text));
});
