import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pubDateCst, publishedInstant, renderRss, renderSitemap, summaryOf, xmlEscape } from './feeds.js';
import { parseXml } from './xml-check.js';

test('xmlEscape escapes markup and drops characters XML forbids', () => {
  assert.equal(xmlEscape(`<a href="x">&'</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  assert.equal(xmlEscape('a\u0000b\u0008c\u001fd\ud800e'), 'abcde');
  assert.equal(xmlEscape('𠀀中文'), '𠀀中文');
});

test('RSS 2.0 is well-formed and carries the items', () => {
  const xml = renderRss({
    title: '临淄区 <最新> & 信息', link: 'http://x/', self: 'http://x/feed.xml', description: 'd', updated: new Date('2023-05-10T08:00:00Z'),
    items: [
      { url: 'http://x/items/1', title: '关于<b>"保障性"</b>租赁住房&的通知', summary: '正文\u0001摘要', date: new Date('2023-05-10T08:00:00Z'), category: '政策文件', author: '区住建局' },
      { url: 'http://x/items/2', title: '二', summary: '', date: new Date('2023-05-09T00:00:00Z'), category: 'c', author: 'a' },
    ],
  });
  const doc = parseXml(xml);
  assert.equal(doc.root, 'rss');
  assert.equal(doc.count.item, 2);
  assert.equal(doc.texts.title[1], '关于<b>"保障性"</b>租赁住房&的通知');
  assert.match(xml, /<pubDate>Wed, 10 May 2023 08:00:00 GMT<\/pubDate>/);
});

test('sitemap is well-formed', () => {
  const doc = parseXml(renderSitemap([{ loc: 'http://x/?a=1&b=2' }, { loc: 'http://x/items/1', lastmod: '2023-05-10' }]));
  assert.equal(doc.root, 'urlset');
  assert.equal(doc.count.url, 2);
  assert.deepEqual(doc.texts.loc, ['http://x/?a=1&b=2', 'http://x/items/1']);
});

test('publication instants and summaries', () => {
  assert.equal(publishedInstant(null, '2023-05-10').toISOString(), '2023-05-09T16:00:00.000Z');
  assert.equal(publishedInstant('2023-05-10T08:00:00.000Z', '2023-05-10').toISOString(), '2023-05-10T08:00:00.000Z');
  assert.equal(summaryOf('一  二\n三', 10), '一 二 三');
  assert.equal(summaryOf('一二三四五', 3), '一二三…');
});

test('RSS pubDate in China time on the shown 发布日期', () => {
  assert.equal(pubDateCst('2023-05-10T08:00:00.000Z', '2023-05-10'), 'Wed, 10 May 2023 16:00:00 +0800');
  assert.equal(pubDateCst('2023-05-10T20:30:00.000Z', '2023-05-11'), 'Thu, 11 May 2023 04:30:00 +0800', 'after 16:00 UTC it is the next day in China');
  assert.equal(pubDateCst('2026-12-01T08:00:00.000Z', '2019-03-01'), 'Fri, 01 Mar 2019 00:00:00 +0800', 'historic import: the original date');
  assert.equal(pubDateCst(null, '2023-05-10'), 'Wed, 10 May 2023 00:00:00 +0800');
});
