// Letter templates: one per decision type, each citing its article, with the relief clause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderLetter, type LetterInput } from './letters.js';
import { DECISION_CODES, type DecisionCode } from './table3.js';

const base: LetterInput = {
  docNumber: '临淄依申答〔2022〕1号', issuedOn: '2022-10-20', applicantName: '张三', number: '临淄依申〔2022〕0001号', receivedOn: '2022-09-28',
  description: '2022年预算公开表', unitName: '区财政局', decision: 'disclosed', reviewBody: '临淄区人民政府', reasons: '具体理由',
};

const expect: [DecisionCode, RegExp, '答复书' | '告知书'][] = [
  ['disclosed', /第三十六条第（二）项/, '答复书'],
  ['partial', /第三十七条/, '答复书'],
  ['withheld_art14_state_secret', /属于国家秘密。根据.*第十四条及第三十六条第（三）项.*不予公开。理由如下：具体理由/, '答复书'],
  ['withheld_art15_third_party', /第十五条/, '答复书'],
  ['withheld_art16_process_info', /第十六条第二款/, '答复书'],
  ['unable_not_held', /第三十六条第（四）项/, '答复书'],
  ['unable_needs_creation', /第三十八条/, '答复书'],
  ['unable_unclear', /第三十条/, '答复书'],
  ['not_processed_complaint', /第三十九条第一款/, '告知书'],
  ['not_processed_repeat', /第三十六条第（六）项/, '告知书'],
  ['not_processed_publication', /第三十九条第二款/, '告知书'],
  ['not_processed_excessive', /第三十五条/, '告知书'],
  ['not_processed_confirm', /不予处理/, '告知书'],
  ['other_no_correction', /第三十条/, '告知书'],
  ['other_fee_unpaid', /国办函〔2020〕109号/, '告知书'],
  ['other', /具体理由/, '告知书'],
];

test('every decision code has a template', () => {
  assert.deepEqual(new Set(expect.map(([d]) => d)).size, expect.length);
  for (const d of DECISION_CODES) assert.doesNotThrow(() => renderLetter({ ...base, decision: d as DecisionCode }), d);
});

for (const [decision, article, kind] of expect) {
  test(`${decision}: cites ${article}, is a ${kind}, carries the facts and the relief clause (60 days / 6 months)`, () => {
    const l = renderLetter({ ...base, decision });
    const text = l.paragraphs.join('\n');
    assert.match(l.title, new RegExp(kind));
    assert.match(text, article);
    assert.match(text, /本机关于2022-09-28收到您提出的政府信息公开申请（申请编号：临淄依申〔2022〕0001号），申请获取“2022年预算公开表”/);
    assert.match(text, /六十日内向临淄区人民政府申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼/);
    assert.equal(l.paragraphs[0], '张三：');
    assert.equal(l.version, 1);
  });
}

test('partial disclosure lists each released and withheld part, the latter with its basis', () => {
  const l = renderLetter({ ...base, decision: 'partial', released: ['预算总表', '收支表'], withheld: [{ part: '供应商报价', basis: 'art15_third_party', reason: '涉及商业秘密' }] });
  const t = l.paragraphs.join('\n');
  assert.match(t, /予以公开的部分1：预算总表/);
  assert.match(t, /予以公开的部分2：收支表/);
  assert.match(t, /不予公开的部分1：供应商报价。该部分涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，根据《条例》第十五条的规定不予公开，理由是：涉及商业秘密/);
});

test('not held: referral to the responsible body (art. 36(五)) and the 检索记录 annex; already published: where (art. 36(一))', () => {
  const l = renderLetter({ ...base, decision: 'unable_not_held', referral: '淄博市自然资源和规划局', searchRecord: { systems: '公文系统', keywords: '规划许可', unitsConsulted: '区住建局', searchedOn: '2022-10-10', staff: '李四' } });
  assert.match(l.paragraphs.join(''), /建议您向该机关提出申请/);
  assert.match(l.paragraphs.join(''), /淄博市自然资源和规划局/);
  assert.deepEqual(l.annex?.rows.map((r) => r[0]), ['检索的系统和档案', '检索关键词', '询问的单位', '检索日期', '检索人员']);
  const pub = renderLetter({ ...base, decision: 'disclosed', publishedAt: 'http://www.linzi.gov.cn/items/1' });
  assert.match(pub.paragraphs.join(''), /第三十六条第（一）项.*http:\/\/www\.linzi\.gov\.cn\/items\/1/);
  const ext = renderLetter({ ...base, extension: { days: 15, on: '2022-10-25' } });
  assert.match(ext.paragraphs[1]!, /延长答复期限15个工作日/);
});

test('征求意见函: a third party is consulted under art. 32, an agency under art. 34 (silence = consent); the answer date is stated; the applicant is not named', async () => {
  const { renderConsultation } = await import('./letters.js');
  const common = { docNumber: '临淄依申征〔2022〕1号', number: '临淄依申〔2022〕0001号', receivedOn: '2022-09-28', description: '某公司的环评报告', matter: '报告含有企业的商业秘密', sentOn: '2022-09-30', answerDue: '2022-10-28', unitName: '区住建局' };
  const third = renderConsultation({ ...common, partyKind: 'third_party', partyName: '某环保科技有限公司' });
  const text = third.paragraphs.join('\n');
  assert.equal(third.title, '政府信息公开征求意见函');
  assert.equal(third.template, 'consultation.third_party');
  assert.match(third.paragraphs[0]!, /^某环保科技有限公司：$/);
  assert.match(text, /第三十二条/);
  assert.match(text, /15个工作日内（2022-10-28前）/);
  assert.match(text, /不计算在答复期限内/);
  assert.doesNotMatch(text, /视为同意公开/);
  const agency = renderConsultation({ ...common, partyKind: 'agency', partyName: '区生态环境分局' });
  assert.match(agency.paragraphs.join('\n'), /第三十四条[\s\S]*逾期未提出意见的，视为同意公开/);
  assert.equal(agency.template, 'consultation.agency');
});
