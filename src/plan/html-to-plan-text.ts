// Turns mammoth's HTML into the same plain-text layout a Word text export has, so one parser
// reads both: paragraphs on their own lines, table rows as tab-separated cells, a blank line
// around each table. Merged cells (rowspan/colspan) are expanded: a vertically merged cell
// repeats its text on every row it covers, which is what the merge means.
//
// mammoth's output is a small, well-formed subset of HTML (p, h1-6, ul/ol/li, table/tr/td/th,
// strong, em, a, img, br, sup, sub), so a tag scanner is enough; no DOM is needed.

type Cell = { text: string; colspan: number; rowspan: number };
// nested: depth of tables inside the current cell, whose structure is ignored.
type Table = { rows: Cell[][]; row: Cell[] | null; cell: string[] | null; para: string; nested: number };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

const spanOf = (attrs: string, name: string): number => {
  const m = new RegExp(`${name}\\s*=\\s*"?(\\d+)`, 'i').exec(attrs);
  return m ? Math.max(1, Number(m[1])) : 1;
};

// Lays the rows on a grid, filling the positions a rowspan covers from the row above.
const layOut = (rows: Cell[][]): string[] => {
  const carried = new Map<number, { text: string; left: number }>();
  const lines: string[] = [];
  for (const row of rows) {
    const out: string[] = [];
    const takeCarried = () => {
      for (let c = carried.get(out.length); c; c = carried.get(out.length)) {
        out.push(c.text);
        if (--c.left === 0) carried.delete(out.length - 1);
      }
    };
    for (const cell of row) {
      takeCarried();
      for (let k = 0; k < cell.colspan; k++) {
        const text = k === 0 ? cell.text : '';
        if (cell.rowspan > 1) carried.set(out.length, { text, left: cell.rowspan - 1 });
        out.push(text);
      }
    }
    takeCarried();
    lines.push(out.join('\t'));
  }
  return lines;
};

const cellText = (parts: string[]): string => parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '').join(' ');

export const htmlToPlanText = (html: string): string => {
  const out: string[] = [];
  const tables: Table[] = [];
  let para = '';
  let headingLevel = 0;
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const [, closing, rawName, attrs, text] = m;
    const t = tables[tables.length - 1];
    if (text !== undefined) {
      const s = decode(text).replace(/[\r\n\t]+/g, ' ');
      if (t) t.para += s;
      else para += s;
      continue;
    }
    const name = rawName.toLowerCase();
    const open = closing === '';
    if (t && t.nested > 0 && name !== 'table') {
      // Inside a table nested in a cell only the text counts, one space per inner cell.
      if (name === 'td' || name === 'th' || name === 'p') t.para += ' ';
    } else if (name === 'table') {
      if (open) {
        // A table inside a cell is flattened into that cell's text.
        if (t?.cell) { t.nested++; t.para += ' '; continue; }
        if (para.trim() !== '') out.push(para.trim(), '');
        para = '';
        tables.push({ rows: [], row: null, cell: null, para: '', nested: 0 });
      } else if (t && t.nested > 0) {
        t.nested--;
        t.para += ' ';
      } else if (t) {
        tables.pop();
        out.push('', ...layOut(t.rows), '');
      }
    } else if (t && name === 'tr') {
      if (open) t.row = [];
      else if (t.row) { t.rows.push(t.row); t.row = null; }
    } else if (t && (name === 'td' || name === 'th')) {
      if (open) { t.cell = []; t.para = ''; (t.row ??= []).push({ text: '', colspan: spanOf(attrs, 'colspan'), rowspan: spanOf(attrs, 'rowspan') }); }
      else if (t.cell && t.row) {
        t.cell.push(t.para);
        t.row[t.row.length - 1].text = cellText(t.cell);
        t.cell = null; t.para = '';
      }
    } else if (name === 'br' || name === 'p' || name === 'li' || /^h[1-6]$/.test(name)) {
      if (t) {
        // Paragraphs inside a cell are joined with a space, as Word text exports do.
        if (t.cell) { t.cell.push(t.para); t.para = ''; }
        continue;
      }
      if (open && /^h[1-6]$/.test(name)) headingLevel = Number(name[1]);
      if (!open || name === 'br') {
        const line = para.trim();
        if (line !== '') out.push(headingLevel > 0 ? `${'#'.repeat(headingLevel)} ${line}` : line, '');
        para = '';
        if (!open) headingLevel = 0;
      }
    }
  }
  if (para.trim() !== '') out.push(para.trim());
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
};
