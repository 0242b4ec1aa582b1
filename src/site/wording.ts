// The correctness dictionary (用词检查): 敏感词, leaders' names and titles that must be written exactly,
// and common 错别字 pairs. Pure: text in, hits out. Used before sign-off and over the whole site.
export type Dictionary = { sensitive: string[]; leaders: { name: string; title: string }[]; typos: { wrong: string; right: string }[] };
export type WordingHit = { kind: 'sensitive' | 'leader' | 'typo'; text: string; message: string };

export const DEFAULT_DICTIONARY: Dictionary = {
  sensitive: [],
  leaders: [],
  typos: [
    ['再接再励', '再接再厉'], ['一愁莫展', '一筹莫展'], ['迫不急待', '迫不及待'], ['甘败下风', '甘拜下风'], ['谈笑风声', '谈笑风生'],
    ['原形毕路', '原形毕露'], ['世外桃园', '世外桃源'], ['按步就班', '按部就班'], ['默守成规', '墨守成规'], ['走头无路', '走投无路'],
    ['一股作气', '一鼓作气'], ['直接了当', '直截了当'], ['金榜提名', '金榜题名'], ['事倍功半', '事倍功半'], ['既使', '即使'],
    ['针贬', '针砭'], ['泊来品', '舶来品'], ['精减机构', '精简机构'], ['安份守己', '安分守己'], ['不径而走', '不胫而走'],
  ].filter(([w, r]) => w !== r).map(([wrong, right]) => ({ wrong: wrong!, right: right! })),
};

/** Titles a leader's name is commonly followed by (the check looks for a name with another title, or a near-miss name). */
const TITLES = ['书记', '副书记', '区长', '副区长', '主任', '副主任', '局长', '副局长', '镇长', '副镇长', '部长', '副部长', '主席', '副主席', '常务副区长', '主任委员', '秘书长', '调研员', '委员'];

const diff1 = (a: string, b: string) => {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  let d = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) d++;
  return d === 1;
};
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function checkWording(text: string, dict: Dictionary): WordingHit[] {
  const hits: WordingHit[] = [];
  const seen = new Set<string>();
  const add = (h: WordingHit) => {
    const k = `${h.kind}|${h.text}|${h.message}`;
    if (!seen.has(k)) { seen.add(k); hits.push(h); }
  };
  for (const w of dict.sensitive) if (w && text.includes(w)) add({ kind: 'sensitive', text: w, message: `含敏感词“${w}”` });
  for (const t of dict.typos) if (t.wrong && text.includes(t.wrong)) add({ kind: 'typo', text: t.wrong, message: `“${t.wrong}”应为“${t.right}”` });
  const titles = [...TITLES].sort((a, b) => b.length - a.length).map(esc).join('|');
  for (const l of dict.leaders) {
    if (!l.name) continue;
    // The right name with another title: 张三副区长 when 张三 is 区长.
    for (const m of text.matchAll(new RegExp(`${esc(l.name)}(?:同志)?(${titles})`, 'g'))) {
      const t = m[1]!;
      if (l.title && t !== l.title && !l.title.endsWith(t)) add({ kind: 'leader', text: m[0], message: `${l.name}的职务应为“${l.title}”` });
    }
    // The title with a near-miss name: 张山区长 when 张三 is 区长.
    if (l.title) {
      const n = [...l.name].length;
      for (const m of text.matchAll(new RegExp(`([\\p{Script=Han}]{${n}})(?:同志)?${esc(l.title)}`, 'gu'))) {
        const name = m[1]!;
        if (name !== l.name && diff1(name, l.name)) add({ kind: 'leader', text: `${name}${l.title}`, message: `领导姓名疑似写错：应为“${l.name}${l.title}”` });
      }
    }
  }
  return hits;
}

/** The dictionary as the console edits it: one entry per line. */
export function parseDictionary(input: { sensitive?: string; leaders?: string; typos?: string }): Dictionary {
  const lines = (s = '') => s.split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
  return {
    sensitive: [...new Set(lines(input.sensitive))],
    leaders: lines(input.leaders).map((l) => { const [name = '', ...rest] = l.split(/\s+/); return { name, title: rest.join('') }; }).filter((l) => l.name),
    typos: lines(input.typos).map((l) => { const [wrong = '', right = ''] = l.split(/\s*(?:→|->|=>|\s)\s*/); return { wrong, right }; }).filter((t) => t.wrong && t.right && t.wrong !== t.right),
  };
}
export const formatDictionary = (d: Dictionary) => ({
  sensitive: d.sensitive.join('\n'), leaders: d.leaders.map((l) => `${l.name} ${l.title}`.trim()).join('\n'), typos: d.typos.map((t) => `${t.wrong}→${t.right}`).join('\n'),
});
