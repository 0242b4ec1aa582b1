import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorArticles, classifyLine, cnToInt, splitClauses } from './clauses.js';

describe('Chinese numerals', () => {
  const table: [string, number | null][] = [
    ['一', 1], ['十', 10], ['十二', 12], ['二十', 20], ['二十一', 21], ['九十九', 99], ['一百', 100], ['一百零五', 105],
    ['一百二十三', 123], ['两', 2], ['一千零一', 1001], ['7', 7], ['１２', 12], ['', null], ['甲', null], ['零', null],
  ];
  for (const [s, n] of table) test(`${s || '(empty)'} → ${n}`, () => assert.equal(cnToInt(s), n));
});

describe('line classification', () => {
  const table: [string, string, number?][] = [
    ['第一章 总则', 'chapter', 1], ['第二节　申请', 'section', 2], ['第十二条 本办法自发布之日起施行。', 'article', 12],
    ['第三条申请人应当……', 'article', 3], ['一、适用范围', 'heading', 1], ['（三）持有居住证的；', 'paren', 3],
    ['(二)其他情形', 'paren', 2], ['2. 提交材料', 'num', 2], ['3、办理时限', 'num', 3], ['2.5万元以下的补贴', 'text'],
    ['根据第三条规定办理。', 'text'], ['本办法所称租赁住房……', 'text'],
  ];
  for (const [line, kind, n] of table) {
    test(`${line} → ${kind}`, () => {
      const k = classifyLine(line);
      assert.equal(k.kind, kind);
      if (n !== undefined) assert.equal((k as { n: number }).n, n);
    });
  }
});

describe('splitClauses', () => {
  test('paragraphs beginning 第一条, 第二条 … become articles with chapters in the path; 款 and 项 inside', () => {
    const body = [
      '为规范住房保障工作，制定本办法。',
      '第一章 总则',
      '第一条 为了规范保障性租赁住房管理，制定本办法。',
      '第二条 本办法适用于本区行政区域。',
      '第二章 申请条件',
      '第三条 申请人应当符合下列条件：',
      '（一）在本区就业；',
      '（二）本人及家庭在本区无自有住房。',
      '前款规定的条件由区住建局认定。',
      '第十条 本办法自2024年1月1日起施行。',
    ].join('\n');
    const c = splitClauses(body);
    assert.deepEqual(c.map((x) => x.article), [1, 2, 3, 10]);
    assert.deepEqual(c[0]!.path, ['第一章 总则', '第一条']);
    assert.deepEqual(c[2]!.path, ['第二章 申请条件', '第三条']);
    assert.equal(c[2]!.text, '第三条 申请人应当符合下列条件：\n（一）在本区就业；\n（二）本人及家庭在本区无自有住房。\n前款规定的条件由区住建局认定。');
    assert.deepEqual(c[2]!.parts.map((p) => `${p.kind}${p.n}`), ['款1', '项1', '项2', '款2']);
    assert.ok(!c.some((x) => x.text.includes('为规范住房保障工作')), 'the preamble is not an article');
  });

  test('a quoted article number inside a later article does not start a new one', () => {
    const c = splitClauses('第一条 甲。\n第二条 乙：\n第一条所称人员，指……\n第三条 丙。');
    assert.deepEqual(c.map((x) => x.article), [1, 2, 3]);
    assert.match(c[1]!.text, /第一条所称人员/);
  });

  test('without 第X条: 一、 headings are the articles, numbered in order, （一） items inside', () => {
    const c = splitClauses('各镇、街道：\n一、补贴对象\n（一）在本区创业的高校毕业生；\n（二）返乡创业人员。\n二、补贴标准\n每户一次性补贴5000元。');
    assert.deepEqual(c.map((x) => [x.article, x.label]), [[1, '一、'], [2, '二、']]);
    assert.deepEqual(c[0]!.path, ['一、补贴对象']);
    assert.match(c[1]!.text, /5000元/);
  });

  test('1. 2. items and unstructured bodies', () => {
    assert.deepEqual(splitClauses('须知：\n1. 带身份证。\n2. 带户口本。').map((x) => x.article), [1, 2]);
    const p = splitClauses('第一段文字。\n第二段文字。');
    assert.deepEqual(p.map((x) => [x.article, x.label]), [[1, '第1段'], [2, '第2段']]);
  });
});

describe('anchorArticles', () => {
  test('adds art-N to the blocks that start articles, and nothing else', () => {
    const html = '<p>序言。</p><h2>第一章 总则</h2><p>第一条 目的。</p><p>第二条 范围：</p><p>（一）甲；</p><p><strong>第十二条</strong> 施行。</p>';
    assert.equal(anchorArticles(html), '<p>序言。</p><h2>第一章 总则</h2><p id="art-1">第一条 目的。</p><p id="art-2">第二条 范围：</p><p>（一）甲；</p><p id="art-12"><strong>第十二条</strong> 施行。</p>');
  });
  test('a wrapper div does not shift paragraph numbering', () => {
    assert.equal(anchorArticles('<div><p>甲。</p><p>乙。</p></div>'), '<div><p id="art-1">甲。</p><p id="art-2">乙。</p></div>');
  });
  test('agrees with splitClauses on the same body', () => {
    const html = '<p>一、对象</p><p>说明</p><p>二、标准</p>';
    assert.equal(anchorArticles(html), '<p id="art-1">一、对象</p><p>说明</p><p id="art-2">二、标准</p>');
  });
});

import { clauseExcerpt } from './engine.js';
describe('clause excerpts (a long clause is not read out whole)', () => {
  const text = '第二条 同时符合下列条件的，可以申请：\n（一）在本区就业，缴纳社会保险满6个月；\n（二）在本区无自有住房；\n（三）未享受其他住房保障待遇。';
  test('keeps the first line and the lines with the question’s words, verbatim, marking the gaps', () => {
    assert.deepEqual(clauseExcerpt(text, ['社会保险']), ['第二条 同时符合下列条件的，可以申请：', '（一）在本区就业，缴纳社会保险满6个月；', null]);
    assert.deepEqual(clauseExcerpt(text, ['住房保障']), ['第二条 同时符合下列条件的，可以申请：', null, '（三）未享受其他住房保障待遇。']);
  });
  test('short clauses and clauses matched everywhere are shown whole', () => {
    assert.equal(clauseExcerpt('第一条 甲。\n乙。', ['甲']), null);
    assert.equal(clauseExcerpt(text, ['本区', '住房', '条件', '保险']), null);
  });
});
