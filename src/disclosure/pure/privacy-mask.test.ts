import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextOf, maskAll, maskHit, maskValue } from './privacy-mask.js';
import { scanPersonalData } from './privacy-scan.js';
import type { PrivacyHit } from './privacy-types.js';

test('maskValue follows common government practice per kind', () => {
  assert.equal(maskValue('id_card', '370305199001011234'), '370305********1234');
  assert.equal(maskValue('id_card', '11010519491231002X'), '110105********002X');
  assert.equal(maskValue('id_card', '370305 19900101 1234'), '370305 ******** 1234');
  assert.equal(maskValue('id_card', '370305620814123'), '370305*****4123');
  assert.equal(maskValue('mobile', '13853312345'), '138****2345');
  assert.equal(maskValue('mobile', '138-5331-2345'), '138-****-2345');
  assert.equal(maskValue('mobile', '+86 138 5331 2345'), '+86 138 **** 2345');
  assert.equal(maskValue('mobile', '１３８５３３１２３４５'), '１３８****２３４５');
  assert.equal(maskValue('bank_card', '6228480012345671'), '************5671');
  assert.equal(maskValue('bank_card', '6217 0022 3000 1234 561'), '**** **** **** ***4 561');
  assert.equal(maskValue('email', 'zhang.san@163.com'), 'z***@163.com');
  assert.equal(maskValue('landline', '0533-7181234'), '0533-718****');
  assert.equal(maskValue('landline', '（010）65123456'), '（010）6512****');
  assert.equal(maskValue('landline', '0533-7181234-8001'), '0533-718****-8001');
  assert.equal(maskValue('landline', '（0533）7181234转8001'), '（0533）718****转8001');
  assert.equal(maskValue('passport', 'E12345678'), 'E*****678');
});

test('maskAll masks every hit and keeps the rest byte for byte', () => {
  const text = '张三，身份证号370305199001011231，电话138-1234-5678，邮箱zhangsan@163.com。';
  const hits = scanPersonalData(text, { currentYear: 2026 });
  assert.equal(hits.length, 3);
  assert.equal(maskAll(text, hits), '张三，身份证号370305********1231，电话138-****-5678，邮箱z***@163.com。');
  assert.equal(maskAll(text, []), text);
});

test('maskHit masks one hit and rejects stale offsets', () => {
  const text = '电话13853312345和13912345678';
  const [first, second] = scanPersonalData(text);
  assert.equal(maskHit(text, second), '电话13853312345和139****5678');
  const stale: PrivacyHit = { ...first, start: first.start + 1, end: first.end + 1 };
  assert.throws(() => maskHit(text, stale), /rescan/);
  assert.throws(() => maskAll(text, [first, { ...first }]), /overlap/);
});

test('contextOf shows the surroundings with clip flags', () => {
  const text = '第一段。\n\n联系人：王某，电话13853312345，工作日办理。';
  const [hit] = scanPersonalData(text);
  const ctx = contextOf(text, hit, 6);
  assert.deepEqual(ctx, {
    before: '：王某，电话',
    match: '13853312345',
    after: '，工作日办理',
    clippedBefore: true,
    clippedAfter: true,
  });
  const whole = contextOf(text, hit, 100);
  assert.equal(whole.before, '第一段。 联系人：王某，电话');
  assert.equal(whole.clippedBefore || whole.clippedAfter, false);
});

test('contextOf never splits a surrogate pair', () => {
  const text = '𠀀'.repeat(5) + '13853312345' + '𠀁'.repeat(5);
  const [hit] = scanPersonalData(text);
  for (const radius of [1, 2, 3, 4]) {
    const ctx = contextOf(text, hit, radius);
    assert.ok(!/[\uD800-\uDBFF]$|^[\uDC00-\uDFFF]/.test(ctx.before), ctx.before);
    assert.ok(!/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(ctx.after), ctx.after);
  }
});
