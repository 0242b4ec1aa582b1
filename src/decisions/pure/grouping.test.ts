import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupComments, jaccard, naiveGroups, pairAgreement, shingles, stanceOf } from './grouping.js';
import { normalizeComment } from './normalize.js';

const items = (texts: string[]) => texts.map((t, i) => ({ id: i + 1, norm: normalizeComment(t) }));

test('normalisation ignores width, case, punctuation and spaces', () => {
  assert.equal(normalizeComment('同意，ＡＢＣ　方案！'), normalizeComment('同意 abc 方案'));
});

test('identical and near-identical comments form one group; different ones stay apart', () => {
  const base = '坚决反对在老城区取消路边停车位，居民停车本来就难，请保留现有车位。';
  const g = groupComments(items([
    base, base, `${base}谢谢！`, base.replace('坚决', ''), '建议增加公共充电桩的数量，方便新能源汽车。', '建议延长公园开放时间到晚上十点。', '同意', '同意！',
  ]));
  assert.deepEqual(g.groups, [[1, 2, 3, 4], [7, 8]]);
});

test('the LSH grouping agrees with the all-pairs baseline on a campaign with variations', () => {
  const texts: string[] = [];
  const base = '我们小区居民一致要求保留东门菜市场，搬迁会给老年人买菜带来很大不便，请政府慎重考虑。';
  for (let i = 0; i < 60; i++) texts.push(i % 4 === 0 ? base : `${base.slice(0, 20 + (i % 7))}${'非常'.repeat(i % 3)}${base.slice(20 + (i % 7))}${i % 5 ? '' : '谢谢。'}`);
  for (let i = 0; i < 40; i++) texts.push(`第${i}号意见：关于${['教育', '医疗', '交通', '环境', '养老'][i % 5]}的具体建议${i * 7919}，希望采纳。`.repeat(1 + (i % 2)));
  const fast = groupComments(items(texts));
  const naive = naiveGroups(items(texts));
  const a = pairAgreement(fast, naive);
  assert.equal(a.precision, 1);
  assert.ok(a.recall >= 0.99, `recall ${a.recall}`);
  assert.ok(fast.groups.some((g) => g.length === 60), 'the whole campaign is one group');
});

test('shingles and Jaccard', () => {
  assert.equal(jaccard(shingles('abcd'), shingles('abcd')), 1);
  assert.equal(jaccard(shingles('abcd'), shingles('wxyz')), 0);
  assert.equal(shingles('ab').length, 1);
});

test('comments that share an opening or a topic but say different things are not grouped', () => {
  const g = groupComments(items([
    '我建议在老城区增加公共停车位，尤其是在医院和学校附近，方便接送孩子和看病。',
    '我建议在老城区增加公共厕所，尤其是在菜市场附近，并且安排专人保洁。',
    '我建议在老城区增加夜间照明，很多小巷子晚上太黑了，老人出门不安全。',
    '关于停车位：建议实行错时共享，机关单位晚上开放停车场。',
    '关于停车位：建议提高路边停车收费，鼓励公共交通出行。',
  ]));
  assert.deepEqual(g.groups, []);
});

// Found by bench/decisions/grouping-quality.ts (labelled set): an opinion of the opposite stance written on the
// same words was grouped with its opposite (it would have taken the other side's disposition and count).
test('near-identical texts of opposite stance are never grouped, not even through a neutral text', () => {
  const pro = '支持在老城区推行错时共享停车，机关单位的停车场晚上向居民开放。';
  const con = '反对在老城区推行错时共享停车，机关单位的停车场晚上向居民开放不安全。';
  const g = groupComments(items([pro, con, pro, `${con}谢谢`]));
  assert.deepEqual(g.groups, [[1, 3], [2, 4]]);
  assert.deepEqual(naiveGroups(items([pro, con])).groups, []);
  const neutral = '在老城区推行错时共享停车，机关单位的停车场晚上向居民开放';
  const chained = groupComments(items([pro, neutral, con]));
  assert.ok(!chained.groups.some((x) => x.includes(1) && x.includes(3)), JSON.stringify(chained.groups));
  assert.equal(stanceOf(normalizeComment('不同意单向通行')), 'against');
  assert.equal(stanceOf(normalizeComment('同意单向通行')), 'for');
  assert.equal(stanceOf(normalizeComment('关于单向通行的建议')), null);
  assert.equal(stanceOf(normalizeComment('我不反对单向通行，但要先试点')), null, '不反对 is no stance against');
  assert.equal(stanceOf(normalizeComment('同意第一条，反对第二条')), null, 'both stated: none');
});

// Also found by the labelled set: a campaign copy with a long personal paragraph added stayed alone (Jaccard
// of the whole texts below the threshold), so the campaign's count missed it.
test('a campaign copy with a long personal addition joins its campaign; a short answer absorbs nothing', () => {
  const base = '我们幸福里小区居民一致要求保留东门菜市场。菜市场搬迁以后，老年人买菜要多走两公里，很不方便。请政府慎重考虑，保留菜市场并规范周边停车。';
  const long = `${base}我母亲今年八十二岁，腿脚不好，每天早上都要去东门菜市场买菜，如果搬到新区，她只能坐公交车去，来回要一个多小时，希望领导体谅我们老年人的难处。`;
  const g = groupComments(items([base, base, `${base}谢谢！`, long, '同意', '同意', '同意以上意见，我也要求保留东门菜市场并规范周边停车。']));
  assert.deepEqual(g.groups, [[1, 2, 3, 4], [5, 6]]);
  assert.deepEqual(naiveGroups(items([base, base, `${base}谢谢！`, long])).groups, [[1, 2, 3, 4]], 'the baseline applies the same rule');
});
