import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { extractOfficeText, OfficeExtractError } from './office-extract.js';
import { OfficeFileLimitError } from './office-file-limits.js';
import { bigSheetXlsx } from '../test-support/zip-build.js';

test('docx and xlsx text comes back from the worker thread', async () => {
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('临淄区政务公开'), new Paragraph('第二段')] }] }));
  assert.match(await extractOfficeText('docx', docx), /临淄区政务公开\s+第二段/);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('名单').addRow(['姓名', '电话']);
  wb.getWorksheet('名单')!.addRow(['张三', '13812345678']);
  assert.equal(await extractOfficeText('xlsx', Buffer.from(await wb.xlsx.writeBuffer())), '姓名\t电话\n张三\t13812345678');
});

test('the worker is stopped at the deadline (time budget), and parser errors come back as OfficeExtractError', async () => {
  await assert.rejects(extractOfficeText('xlsx', bigSheetXlsx(40_000, 5), { timeoutMs: 1 }), (e: unknown) => e instanceof OfficeFileLimitError && e.code === 'office_time_budget');
  await assert.rejects(extractOfficeText('docx', Buffer.from('PK\u0003\u0004 not really a zip')), (e: unknown) => e instanceof OfficeExtractError);
});
