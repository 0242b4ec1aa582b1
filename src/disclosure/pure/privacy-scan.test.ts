import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { idCardCheckDigit, isValidIdCard18, luhnValid } from './pii-checks.js';
import { DOCUMENTS, LOOK_ALIKES, cardNo, grouped, idNo } from './privacy-scan.fixtures.js';
import { foldWidth, maskAll, scanPersonalData } from './privacy-scan.js';
import type { PrivacyHit } from './privacy-scan.js';

const YEAR = { currentYear: 2026 };
const scan = (text: string): PrivacyHit[] => scanPersonalData(text, YEAR);
const brief = (text: string): string[] => scan(text).map((h) => `${h.kind}:${h.text}`);

function assertWellFormed(text: string, hits: readonly PrivacyHit[]): void {
  for (let i = 0; i < hits.length; i++) {
    assert.equal(text.slice(hits[i].start, hits[i].end), hits[i].text);
    if (i > 0) assert.ok(hits[i].start >= hits[i - 1].end, 'sorted and non-overlapping');
  }
}

for (const doc of DOCUMENTS) {
  test(`corpus: ${doc.name} — exactly the planted personal data`, () => {
    const hits = scan(doc.text);
    assertWellFormed(doc.text, hits);
    assert.deepEqual(
      hits.map((h) => ({ kind: h.kind, text: h.text })),
      doc.expected.map((e) => ({ kind: e.kind, text: e.text })),
    );
  });

  test(`corpus: ${doc.name} — masking removes every high-severity hit`, () => {
    const masked = maskAll(doc.text, scan(doc.text));
    assert.deepEqual(scan(masked).filter((h) => h.severity === 'high'), []);
    assert.equal(masked.length <= doc.text.length, true);
  });
}

test('look-alike numbers are not reported', () => {
  for (const text of LOOK_ALIKES) assert.deepEqual(brief(text), [], text);
});

test('id card: 18-digit with X, grouped, and 15-digit', () => {
  const id = idNo('37030519751102003');
  assert.deepEqual(brief(`身份证号：${id}。`), [`id_card:${id}`]);
  const x = '11010519491231002X';
  assert.deepEqual(brief(`证件号码${x}，`), [`id_card:${x}`]);
  assert.deepEqual(brief(`证件号码${x.toLowerCase()}`), [`id_card:${x.toLowerCase()}`]);
  // Wrong check digit for that region: only a low-severity typo hint since issue 17 (not a block).
  assert.deepEqual(brief('370305 19491231 002X'), ['id_card_suspect:370305 19491231 002X']);
  const g = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
  assert.deepEqual(brief(`号码 ${g} 。`), [`id_card:${g}`]);
  assert.deepEqual(brief('老证号370305620814123'), ['id_card:370305620814123']);
});

test('id card: a wrong check digit is only a low hint; impossible date or embedded in a longer run is not reported', () => {
  const first17 = '37030519900101123';
  const right = idCardCheckDigit(first17);
  const wrong = right === '0' ? '1' : '0';
  assert.deepEqual(brief(`身份证号${first17}${wrong}`), [`id_card_suspect:${first17}${wrong}`]);
  assert.deepEqual(scan(`身份证号${first17}${wrong}`).map((h) => h.severity), ['low']);
  assert.deepEqual(brief(`身份证号${first17}${right}`), [`id_card:${first17}${right}`]);
  assert.deepEqual(brief(`1${first17}${right}`), []);
  assert.deepEqual(brief(`${first17}${right}0`), []);
  assert.deepEqual(brief(`A${first17}${right}`), []);
  assert.deepEqual(brief(`${first17}${right}-2023`), []);
});

test('id card: generated ids are found anywhere in Chinese text', () => {
  const text = fc.string({ unit: fc.constantFrom('的', '是', '，', '。', ' ', '公', '示', '\n', '：') , maxLength: 20 });
  fc.assert(
    fc.property(text, text, fc.integer({ min: 1950, max: 2020 }), fc.integer({ min: 0, max: 999 }), (a, b, year, seq) => {
      const id = idNo(`370305${year}0615${String(seq).padStart(3, '0')}`);
      const hits = scan(a + id + b);
      return hits.length === 1 && hits[0].kind === 'id_card' && hits[0].start === a.length && hits[0].text === id;
    }),
    { numRuns: 300 },
  );
});

test('mobile: formats and prefixes', () => {
  const cases: Array<[string, string]> = [
    ['电话13853312345', '13853312345'],
    ['电话：138-5331-2345。', '138-5331-2345'],
    ['电话 138 5331 2345，', '138 5331 2345'],
    ['+8613853312345', '+8613853312345'],
    ['+86 138 5331 2345', '+86 138 5331 2345'],
    ['+86-13853312345', '+86-13853312345'],
    ['0086 13853312345', '0086 13853312345'],
    ['86-13853312345', '86-13853312345'],
    ['(+86)13853312345', '(+86)13853312345'],
    ['手机：１３８５３３１２３４５', '１３８５３３１２３４５'],
    ['19912345678（张老师）', '19912345678'],
    ['万先生13912345678', '13912345678'],
    ['13912345678 张老师', '13912345678'],
  ];
  for (const [text, want] of cases) assert.deepEqual(brief(text), [`mobile:${want}`], text);
});

test('mobile: not an amount, not a longer run, not mixed separators, not 12x', () => {
  for (const text of [
    '13800000000元', '13800000000万元', '13800000000.50', '138000000001', '913800000000',
    '138-5331 2345', '12812345678', '10012345678', '共计13812345678人次', '￥13812345678',
    '订单号13812345678', '13812345678%', '2022/13812345678',
  ]) {
    assert.deepEqual(brief(text), [], text);
  }
});

test('bank card: contiguous and grouped, Luhn and IIN checked', () => {
  const c16 = cardNo('622848001234567');
  const c19 = cardNo('621700223000123456');
  const visa = cardNo('411111111111111');
  assert.deepEqual(brief(`卡号${c16}`), [`bank_card:${c16}`]);
  assert.deepEqual(brief(`卡号：${grouped(c19)}。`), [`bank_card:${grouped(c19)}`]);
  assert.deepEqual(brief(`卡号 ${visa.replace(/(\d{4})(?=\d)/g, '$1-')}`), [`bank_card:${visa.replace(/(\d{4})(?=\d)/g, '$1-')}`]);
  const broken = c16.slice(0, -1) + String((Number(c16.at(-1)) + 1) % 10);
  assert.deepEqual(brief(`卡号${broken}`), []);
  assert.deepEqual(brief(cardNo('123456789012345')), []); // no plausible IIN
  assert.deepEqual(brief(cardNo('99999999999999999')), []);
});

test('bank card: an 18-digit valid id is reported as id even when Luhn also passes', () => {
  const both = '620102199001011057'; // 甘肃兰州 region, IIN 62, valid for GB 11643 and Luhn
  assert.equal(isValidIdCard18(both, 2026) && luhnValid(both), true);
  assert.deepEqual(brief(`号码${both}`), [`id_card:${both}`]);
  const card18 = cardNo('62170022300012345');
  assert.equal(isValidIdCard18(card18, 2026), false);
  assert.deepEqual(brief(`号码${card18}`), [`bank_card:${card18}`]);
});

test('email: institutional gov.cn is low severity', () => {
  const hits = scan('邮箱：zhang.san+gk@163.com；单位邮箱 LZGK@Linzi.Gov.CN.');
  assert.deepEqual(
    hits.map((h) => [h.kind, h.severity, h.text]),
    [
      ['email', 'high', 'zhang.san+gk@163.com'],
      ['email', 'low', 'LZGK@Linzi.Gov.CN'],
    ],
  );
  assert.deepEqual(brief('user@localhost 或 a@b.c 或 @163.com 或 x@-bad.com'), []);
  assert.deepEqual(brief('13812345678@qq.com'), ['email:13812345678@qq.com']);
});

test('landline: needs a separator, low severity, 3-digit codes need 8 digits', () => {
  const hits = scan('电话：0533-7181234，（010）65123456，021 12345678，0533-7181234-8001，010-1234567');
  assert.deepEqual(
    hits.map((h) => [h.kind, h.severity, h.text]),
    [
      ['landline', 'low', '0533-7181234'],
      ['landline', 'low', '（010）65123456'],
      ['landline', 'low', '0533-7181234-8001'],
    ],
  );
  assert.deepEqual(brief('05337181234 2022-0533-7181234 0533-0181234'), []);
});

test('passport: only with a label', () => {
  assert.deepEqual(brief('护照号码：E12345678'), ['passport:E12345678']);
  assert.deepEqual(brief('护照号 EA1234567；'), ['passport:EA1234567']);
  assert.deepEqual(brief('往来港澳通行证C12345678'), ['passport:C12345678']);
  assert.deepEqual(brief('设备型号E12345678'), []);
  assert.deepEqual(brief('护照号码：EI1234567'), []); // I and O are not used
});

test('table columns decide between an amount and a phone', () => {
  const table = ['序号\t项目\t预算数\t联系电话', '1\t道路维修\t13912345678\t13853312345', '2\t绿化\t13712345678\t（无）'].join('\n');
  assert.deepEqual(brief(table), ['mobile:13853312345']);
  const codes = ['| 单位 | 统一社会信用代码 |', '| 某厂 | 123703050041589617 |'].join('\n');
  assert.deepEqual(brief(codes), []);
});

test('offsets are UTF-16 and survive astral characters and full-width digits', () => {
  const text = '𠀀𠀁姓名：张三 手机１３８５３３１２３４５';
  const [hit] = scan(text);
  assert.equal(hit.start, text.indexOf('１'));
  assert.equal(hit.text, '１３８５３３１２３４５');
  assert.equal(foldWidth('１２Ａ＋－　'), '12A+- ');
});

test('random text never breaks the invariants', () => {
  const unit = fc.constantFrom('1', '3', '8', '6', '0', '5', 'X', '-', ' ', '.', '@', 'a', '元', '号', '\n', '\t', '|', '：', '，');
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 80 }), (text) => {
      const hits = scan(text);
      assertWellFormed(text, hits);
      return true;
    }),
    { numRuns: 1000 },
  );
});

test('long digit and letter runs are scanned quickly enough to not hang', () => {
  const text = '1'.repeat(50_000) + 'a'.repeat(50_000) + '@' + 'b'.repeat(50_000);
  assert.deepEqual(scan(text), []);
});

test('mixed code/ID columns and labels still report ID numbers of natural persons', () => {
  const id = idNo('37030519880808123');
  const table = ['序号\t当事人\t统一社会信用代码（身份证号）', `1\t某某公司\t91370305MA3C5XYZ1K`, `2\t王某\t${id}`].join('\n');
  assert.deepEqual(brief(table), [`id_card:${id}`]);
  assert.deepEqual(brief(`统一社会信用代码/身份证号码：${id}`), [`id_card:${id}`]);
  assert.deepEqual(brief(`统一社会信用代码：${id}`), []);
});

test('a long 公示 list: every row found, header far above', () => {
  const rows = Array.from({ length: 1500 }, (_, i) => `${i + 1}\t某某\t${1380000 + i}${String(1000 + i).slice(-4)}\t${100 + i}.00`);
  const text = ['序号\t姓名\t联系电话\t金额（元）', ...rows].join('\n');
  const hits = scan(text);
  assert.equal(hits.length, 1500);
  assert.ok(hits.every((h) => h.kind === 'mobile'));
});

// Issue 17 finding 4: invisible characters and compatibility digits cannot hide a number.
const ZW = ['\u200b', '\u200c', '\u2060', '\ufeff', '\u00ad'];

test('format characters between the digits do not hide an ID or mobile number; masking works on the original text', () => {
  const id = idNo('37030519751102003');
  for (const z of ZW) {
    const hidden = [...id].join(z);
    const text = `身份证号：${hidden}，联系电话：138${z}1234${z}5678。`;
    const hits = scan(text);
    assertWellFormed(text, hits);
    assert.deepEqual(hits.map((h) => [h.kind, h.severity, h.text]), [['id_card', 'high', hidden], ['mobile', 'high', `138${z}1234${z}5678`]], JSON.stringify(z));
    const masked = maskAll(text, hits);
    assert.equal(masked, `身份证号：${id.slice(0, 6)}********${id.slice(14)}，联系电话：138****5678。`);
    assert.deepEqual(scan(masked).filter((h) => h.severity === 'high'), []);
  }
});

test('full-width and other NFKC digits are found and masked in place', () => {
  const mobile = '１３８１２３４５６７８';
  assert.deepEqual(brief(`手机${mobile}`), [`mobile:${mobile}`]);
  const math = '𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖'; // MATHEMATICAL BOLD DIGITs, two UTF-16 units each
  const text = `手机：${math}。`;
  const hits = scan(text);
  assertWellFormed(text, hits);
  assert.deepEqual(hits.map((h) => h.kind), ['mobile']);
  assert.equal(maskAll(text, hits), '手机：𝟏𝟑𝟖****𝟓𝟔𝟕𝟖。');
});

test('the wrong-check-digit hint stays silent for 文号 / 档案编号 look-alikes and impossible dates', () => {
  const first17 = '37030519900101123';
  const wrong = idCardCheckDigit(first17) === '0' ? '1' : '0';
  for (const label of ['档案编号', '文号', '编号', '统一社会信用代码', '报表编号 ']) assert.deepEqual(brief(`${label}${first17}${wrong}`), [], label);
  assert.deepEqual(brief('身份证号码：370305199013011230'), []); // month 13
  assert.deepEqual(brief('身份证号码：990305199001011230'), []); // province 99
  for (const text of LOOK_ALIKES) assert.deepEqual(brief(text), [], text);
});
