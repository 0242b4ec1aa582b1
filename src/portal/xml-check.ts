// Test support: a strict XML well-formedness check (saxes, the parser exceljs already depends on).
import { SaxesParser } from 'saxes';

export type ParsedXml = { root: string; count: Record<string, number>; texts: Record<string, string[]>; attrs: Record<string, string>[] };

/** Parses strictly (throws on any well-formedness error); returns element counts and texts by element name. */
export function parseXml(xml: string): ParsedXml {
  const p = new SaxesParser({ xmlns: false });
  const out: ParsedXml = { root: '', count: {}, texts: {}, attrs: [] };
  const stack: string[] = [];
  p.on('error', (e) => { throw e; });
  p.on('opentag', (t) => {
    if (!out.root) out.root = t.name;
    stack.push(t.name);
    out.count[t.name] = (out.count[t.name] ?? 0) + 1;
    out.attrs.push(Object.fromEntries(Object.entries(t.attributes).map(([k, v]) => [k, String(v)])));
  });
  p.on('closetag', () => { stack.pop(); });
  p.on('text', (t) => { const n = stack.at(-1); if (n) (out.texts[n] ??= []).push(t); });
  p.write(xml).close();
  return out;
}
