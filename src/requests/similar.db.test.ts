// Repeats and duplicates: jieba terms + Jaccard, same applicant flagged, N different applicants → proactive hint.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { addEvent, createRequest } from './requests.service.js';
import { jaccard, similarRequests, termSet } from './similar.js';

describe('similar requests', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { await h.close(); });

  test('terms ignore the words every request has; Jaccard of identical wording is 1, of unrelated wording 0', () => {
    const a = termSet('申请公开临淄区2022年城市道路改造工程招标文件');
    assert.ok(a.has('招标') || a.has('招标文件'), [...a].join(' '));
    assert.ok(!a.has('申请') && !a.has('公开'));
    assert.equal(jaccard(a, termSet('申请公开临淄区2022年城市道路改造工程招标文件')), 1);
    assert.equal(jaccard(a, termSet('养老保险缴费基数')), 0);
    assert.ok(jaccard(a, termSet('请提供临淄区2022年城市道路改造工程的招标文件')) >= 0.5);
  });

  test('the same applicant\'s similar request is a repeat candidate; three applicants asking for released information → proactive hint', async () => {
    const mk = async (name: string, idNumber: string | undefined, description: string, outcome?: string) => {
      const r = await createRequest(h.ctx, { unit: '区住建局', channel: 'in_person', receivedOn: '2022-03-01', applicant: { type: 'natural', name, ...(idNumber ? { idType: '居民身份证', idNumber } : {}) }, description });
      if (outcome) await addEvent(h.ctx, r.id, { type: 'replied', on: '2022-03-10', outcome });
      return r.id;
    };
    const text = '临淄区2022年老旧小区改造项目清单及资金安排';
    const first = await mk('甲', '11010519491231002X', text, 'disclosed');
    await mk('乙', undefined, `请公开${text}`, 'partial');
    await mk('丙', undefined, '养老保险缴费基数标准', 'disclosed');
    const again = await mk('甲', '11010519491231002X', `申请获取${text}`);
    const r = await similarRequests(h.tdb.db, again);
    assert.deepEqual(r.similar.map((s) => [s.id === first, s.sameApplicant]).sort(), [[false, false], [true, true]]);
    assert.equal(r.otherApplicants, 1);
    const third = await mk('丁', undefined, text);
    const r3 = await similarRequests(h.tdb.db, third);
    assert.equal(r3.otherApplicants, 2, '甲 and 乙 got it released');
    const office = await h.login(USERS.admin.username);
    const page = await office.get(`/console/requests/${third}`);
    assert.match(page.body, /已有 3 位申请人申请相同或相似的可以公开的信息/);
    const repeat = await office.get(`/console/requests/${again}`);
    assert.match(repeat.body, /同一申请人，可能属于重复申请/);
    assert.match(repeat.body, /已答复：予以公开（2022-03-10）/);
  });
});
