import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { checkOfficeFile, OfficeFileLimitError } from './office-file-limits.js';
import { bigDocx, bigSheetXlsx, buildZip } from '../test-support/zip-build.js';

const refusedWith = (code: string) => (e: unknown) => e instanceof OfficeFileLimitError && e.code === code && e.status === 400 && /[\u4e00-\u9fff]/.test(e.message);

describe('office file limits', () => {
  test('real workbooks and documents pass and are counted', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    for (let i = 0; i < 30; i++) ws.addRow([`张${i}`, i, '备注']);
    const facts = await checkOfficeFile(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
    assert.equal(facts.rows, 30);
    assert.equal(facts.cells, 90);
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: ['一', '二', '三'].map((t) => new Paragraph(t)) }] }));
    const d = await checkOfficeFile(docx, 'docx');
    assert.ok(d.rows >= 3 && d.rows < 20, String(d.rows)); // the docx package adds separator paragraphs in footnotes.xml
  });

  test('600k rows in a small file are refused by the row count, before any parser runs', async () => {
    const buf = bigSheetXlsx(600_000);
    assert.ok(buf.length < 2 * 1024 * 1024, `the attack file is small (${buf.length} bytes)`);
    await assert.rejects(checkOfficeFile(buf, 'xlsx', { maxUncompressedBytes: 1024 * 1024 * 1024, maxDeclaredBytes: 1024 * 1024 * 1024 }), refusedWith('office_too_many_rows'));
  });

  test('too many cells in few rows are refused', async () => {
    await assert.rejects(checkOfficeFile(bigSheetXlsx(1000, 26), 'xlsx', { maxCells: 10_000 }), refusedWith('office_too_many_cells'));
  });

  test('a declared uncompressed size over the limit is a ZIP bomb', async () => {
    await assert.rejects(checkOfficeFile(bigSheetXlsx(10, 1, { declaredSize: 2 ** 31 }), 'xlsx'), refusedWith('office_zip_bomb'));
  });

  test('a directory that under-declares the size is caught while inflating (actual size)', async () => {
    await assert.rejects(checkOfficeFile(bigDocx(100_000, { declaredSize: 1000 }), 'docx', { maxRows: 10_000_000 }), refusedWith('office_zip_bomb'));
    // ... and a truthful but huge one by the actual-size limit.
    await assert.rejects(checkOfficeFile(bigDocx(200_000), 'docx', { maxRows: 10_000_000, maxDeclaredBytes: 2 ** 31, maxUncompressedBytes: 4 * 1024 * 1024 }), refusedWith('office_zip_bomb'));
  });

  test('the time budget stops a long check', async () => {
    await assert.rejects(checkOfficeFile(bigDocx(300_000), 'docx', { maxRows: 10_000_000, timeBudgetMs: 0 }), refusedWith('office_time_budget'));
  });

  test('too many parts, not a zip, damaged data', async () => {
    const many = buildZip(Array.from({ length: 50 }, (_, i) => ({ name: `p${i}.xml`, data: 'x' })));
    await assert.rejects(checkOfficeFile(many, 'xlsx', { maxEntries: 20 }), refusedWith('office_too_many_entries'));
    await assert.rejects(checkOfficeFile(Buffer.from('hello world, not a zip at all'), 'xlsx'), refusedWith('office_not_zip'));
    const broken = bigDocx(10);
    broken.fill(0xff, 120, 160);
    await assert.rejects(checkOfficeFile(broken, 'docx'), (e: unknown) => e instanceof OfficeFileLimitError);
  });
});
