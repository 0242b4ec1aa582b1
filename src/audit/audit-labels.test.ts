// Every audit action code written anywhere in the sources has a Chinese name on the audit page (issue 19:
// "Chinese action names"), so the log never shows a raw code such as request.confirm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTION_LABELS, ENTITY_LABELS } from './audit-format.js';
import { API_EVENT_TYPES, FEE_EVENT_TYPES } from '../requests/request-events.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !/fixtures?\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** Literal codes: writeAudit(…, { action: 'x' …}) and item history (recordChange → "item." + action). */
function writtenCodes(): { actions: Map<string, string>; entities: Map<string, string> } {
  const actions = new Map<string, string>();
  const entities = new Map<string, string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const rel = file.slice(SRC.length);
    for (const m of text.matchAll(/writeAudit\([\s\S]{0,300}?action:\s*(?:'([a-z_.]+)'|[a-z]+ \? '([a-z_.]+)' : '([a-z_.]+)')/g)) {
      for (const code of [m[1], m[2], m[3]]) if (code) actions.set(code, rel);
    }
    for (const m of text.matchAll(/recordChange\([\s\S]{0,200}?action:\s*'([a-z_.]+)'/g)) actions.set(`item.${m[1]}`, rel);
    for (const m of text.matchAll(/writeAudit\([\s\S]{0,400}?entity:\s*'([a-z_]+)'/g)) entities.set(m[1]!, rel);
  }
  return { actions, entities };
}

// Codes built from a template (`report.${action}` …) with every value the code can take.
const TEMPLATED = [
  ...['sign_off', 'file', 'publish', 'reopen', 'correct'].map((a) => `report.${a}`),
  ...API_EVENT_TYPES.map((t) => `request.event.${t}`),
  ...[...FEE_EVENT_TYPES, 'replied', 'assigned', 'handed_back'].map((t) => `request.${t}`),
  ...['review', 'published', 'draft'].map((t) => `qa.entry.${t}`),
  ...['amend', 'repeal'].map((t) => `item.validity.${t}`),
];

test('every audit action and entity written in the sources has a Chinese name', () => {
  const { actions, entities } = writtenCodes();
  assert.ok(actions.size > 100, `the scan finds the codes (${actions.size})`);
  const missing = [...actions].filter(([code]) => !ACTION_LABELS[code]).map(([code, file]) => `${code} (${file})`);
  assert.deepEqual(missing, []);
  assert.deepEqual(TEMPLATED.filter((c) => !ACTION_LABELS[c]), []);
  const noEntity = [...entities].filter(([e]) => !ENTITY_LABELS[e]).map(([e, file]) => `${e} (${file})`);
  assert.deepEqual(noEntity, []);
  for (const label of Object.values(ACTION_LABELS)) assert.match(label, /[\u4e00-\u9fff]/, label);
});
