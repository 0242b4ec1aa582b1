// `gongkai requests list|overdue|export`, run as real processes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ensureCalendarSeeded } from '../calendar/public.js';
import { createTestDb, type TestDb } from '../db/test-db.js';
import { systemActor, type Ctx } from '../lib/context.js';
import { runCli } from '../test-support/cli.js';
import { addEvent, createRequest } from './requests.service.js';

describe('requests CLI', () => {
  let tdb: TestDb;
  before(async () => {
    tdb = await createTestDb();
    const first = runCli(tdb, ['requests', 'list']);
    assert.equal(first.code, 0, first.err);
    await ensureCalendarSeeded(tdb.db);
    const ctx: Ctx = { db: tdb.db, dialect: tdb.dialect, actor: systemActor('测试') };
    const fin = (await tdb.db.selectFrom('units').select('id').where('name', '=', '区财政局').executeTakeFirstOrThrow()).id;
    const hc = (await tdb.db.selectFrom('units').select('id').where('name', '=', '区住建局').executeTakeFirstOrThrow()).id;
    const a = await createRequest(ctx, { unit: fin, channel: 'in_person', receivedOn: '2022-03-01', applicant: { type: 'natural', name: '冯十三' }, description: '预算公开' });
    await addEvent(ctx, a.id, { type: 'replied', on: '2022-03-10', outcome: 'disclosed' });
    await createRequest(ctx, { unit: hc, channel: 'post', receivedOn: '2022-05-01', applicant: { type: 'commercial', name: '某建筑公司' }, description: '施工许可' });
    await createRequest(ctx, { unit: fin, channel: 'in_person', receivedOn: '2021-05-01', applicant: { type: 'natural', name: '旧申请' }, description: '旧' });
  });
  after(async () => { await tdb.destroy(); });

  test('list by year and unit, without applicant data; overdue lists the late open one', () => {
    const all = runCli(tdb, ['requests', 'list', '--year', '2022']);
    assert.equal(all.code, 0, all.err);
    assert.equal(all.out.trim().split('\n').length, 2);
    assert.doesNotMatch(all.out, /冯十三|某建筑公司/);
    assert.match(all.out, /临淄依申〔2022〕0001号\t区财政局\t2022-03-01\t已办结\t2022-03-29\t予以公开/);
    const unit = runCli(tdb, ['requests', 'list', '--year', '2022', '--unit', '区住建局']);
    assert.equal(unit.out.trim().split('\n').length, 1);
    const overdue = runCli(tdb, ['requests', 'overdue']);
    assert.equal(overdue.code, 0);
    assert.equal(overdue.out.trim().split('\n').length, 2, overdue.out);
    assert.doesNotMatch(overdue.out, /已办结/);
    const bad = runCli(tdb, ['requests', 'list', '--unit', '区火星局']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /单位不存在/);
    assert.notEqual(runCli(tdb, ['requests', 'list', '--year', '22']).code, 0);
  });

  test('export writes the 申请登记台账 .xlsx for the year', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gk-req-')), '台账.xlsx');
    const r = runCli(tdb, ['requests', 'export', '--year', '2022', '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /已导出 2 件申请/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('申请登记台账')!;
    assert.equal(ws.getCell(1, 1).text, '2022年政府信息公开申请登记台账');
    assert.equal(ws.getCell(2, 2).text, '申请编号');
    assert.equal(ws.getCell(3, 2).text, '临淄依申〔2022〕0001号');
    assert.equal(ws.getCell(3, 7).text, '冯十三');
    assert.equal(ws.getCell(3, 14).text, '予以公开');
    assert.equal(ws.getCell(4, 5).text, '信函');
    assert.equal(ws.rowCount, 4);
    const again = runCli(tdb, ['requests', 'export', '--year', '2022', '--out', out]);
    assert.notEqual(again.code, 0);
    assert.match(again.err, /已存在/);
    assert.ok(existsSync(out));
  });
});
