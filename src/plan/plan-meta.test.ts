import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChineseDate, parsePlanMeta } from './plan-meta.js';

test('dates in Arabic and Chinese numerals', () => {
  assert.equal(parseChineseDate('2022 年 6 月 23 日'), '2022-06-23');
  assert.equal(parseChineseDate('二〇二二年六月二十三日'), '2022-06-23');
  assert.equal(parseChineseDate('二〇二三年十二月十日'), '2023-12-10');
  assert.equal(parseChineseDate('2022年2月30日'), null);
  assert.equal(parseChineseDate('于2022年6月23日印发'), null);
});

test('a plan of another district and year: other brackets, no standalone title, signature issuer', () => {
  const meta = parsePlanMeta([
    '张政办发[2023] 7 号', '', '各镇人民政府：', '现将《2023年张店区政务公开工作要点》印发给你们。', '',
    '张店区人民政府办公室', '二〇二三年五月八日',
  ]);
  assert.deepEqual(meta, {
    docNumber: '张政办发〔2023〕7号', title: null, noticeTitle: null,
    issuer: '张店区人民政府办公室', issuedOn: '2023-05-08', year: 2023,
  });
});

test('the title falls back to the one named in the notice title', () => {
  const meta = parsePlanMeta(['## 某区人民政府办公室关于印发《2024年某区政务公开工作方案》的通知']);
  assert.equal(meta.title, '2024年某区政务公开工作方案');
  assert.equal(meta.issuer, '某区人民政府办公室');
  assert.equal(meta.year, 2024);
});
