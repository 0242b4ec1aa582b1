import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockingHits, maskInHtml, maskInText, scanItem } from './privacy-check.js';
import { htmlToText, sanitizeBody } from './pure/sanitize.js';

// A real-looking notice: 文号, 索引号, dates, amounts, a statistics table, an office landline and a gov.cn mailbox.
const NOTICE = sanitizeBody(`<p>临淄区人民政府办公室关于印发《临淄区2022年政务公开工作要点》的通知</p>
<p>临政办字〔2022〕16号　索引号：370305001-2022-00016</p>
<p>各镇人民政府、街道办事处，区政府各部门单位：2022年6月23日印发，自2022年7月1日起施行。</p>
<table><tr><th>项目</th><th>预算数（元）</th><th>决算数（元）</th></tr>
<tr><td>一般公共预算支出</td><td>13800000000</td><td>15912345678</td></tr></table>
<p>统一社会信用代码：11370305MB2850123X。联系电话：0533-7181234，邮箱 lzzwgk@zb.gov.cn。</p>`);

test('no false blocks on 文号, 索引号, dates, amounts, credit codes and government contacts', () => {
  const hits = scanItem({ title: '关于印发《临淄区2022年政务公开工作要点》的通知', bodyText: htmlToText(NOTICE), attachments: [] }, { kept: [] });
  assert.deepEqual(blockingHits(hits), []);
  assert.ok(hits.every((h) => h.severity === 'low'), JSON.stringify(hits.map((h) => [h.kind, h.text])));
});

test('true hits in title, body and attachments block until masked or kept; keep decisions match by kind and value', () => {
  const subject = {
    title: '关于张某（身份证号370305199001011231）的处罚决定',
    bodyText: '当事人手机 13853312345，银行卡 6222 0212 3456 7890 128，邮箱 zhangsan@example.com。',
    attachments: [{ id: 7, file_name: '名单.xlsx', text: '姓名\t联系电话\n王某\t13953398765' }],
  };
  const hits = scanItem(subject, { kept: [] }, 2026);
  assert.deepEqual(hits.map((h) => [h.source, h.kind]), [
    ['title', 'id_card'], ['body', 'mobile'], ['body', 'bank_card'], ['body', 'email'], ['attachment:7', 'mobile'],
  ]);
  assert.equal(blockingHits(hits).length, 5);
  assert.equal(hits[0]!.masked, '370305********1231');
  assert.equal(hits[4]!.maskable, false);
  assert.equal(hits[4]!.sourceLabel, '附件「名单.xlsx」');
  const kept = scanItem(subject, { kept: [{ kind: 'mobile', text: '13953398765', reason: '经本人同意公开', by: '审核人', at: '2026-01-01T00:00:00Z' }] }, 2026);
  assert.equal(blockingHits(kept).length, 4);
  assert.equal(kept[4]!.kept?.reason, '经本人同意公开');
});

test('masking in HTML replaces every copy in text, never inside tags; a value split by markup is not found', () => {
  const html = '<p title="13853312345">电话13853312345；再次：<strong>13853312345</strong></p>';
  const r = maskInHtml(html, '13853312345', '138****2345');
  assert.equal(r.count, 2);
  assert.equal(r.html, '<p title="13853312345">电话138****2345；再次：<strong>138****2345</strong></p>');
  assert.equal(maskInHtml('<p>138<b>53312345</b></p>', '13853312345', '138****2345').count, 0);
  assert.equal(maskInHtml('<p>138 5331\n2345</p>', '138 5331 2345', '138 **** 2345').html, '<p>138 **** 2345</p>');
  assert.deepEqual(maskInText('张某13853312345', '13853312345', '138****2345'), { text: '张某138****2345', count: 1 });
});
