import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../lib/errors.js';
import { MAX_ATTACHMENT_BYTES, cleanFileName, inspectAttachment, sniffKind } from './attachment-file.js';
import { docxBuffer, xlsxBuffer } from './items.fixtures.js';

const rejects = (p: Promise<unknown>, kind: string, message?: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof AppError && e.kind === kind && (!message || message.test(e.message)));

test('docx and xlsx text is extracted (xlsx rows tab-separated for column headers); txt in UTF-8 or GB18030', async () => {
  const docx = await inspectAttachment('通知.docx', await docxBuffer(['关于开展检查的通知', '联系人：张三 13853312345']));
  assert.equal(docx.kind, 'docx');
  assert.match(docx.text, /关于开展检查的通知[\s\S]*13853312345/);
  const xlsx = await inspectAttachment('名单.xlsx', await xlsxBuffer([['姓名', '联系电话'], ['王某', '13953398765']]));
  assert.equal(xlsx.text, '姓名\t联系电话\n王某\t13953398765');
  assert.equal((await inspectAttachment('a.txt', Buffer.from('\ufeff公告正文', 'utf8'))).text, '公告正文');
  const gbk = Buffer.from([0xb9, 0xab, 0xb8, 0xe6]); // 公告 in GB18030
  assert.equal((await inspectAttachment('b.TXT', gbk)).text, '公告');
  const pdf = await inspectAttachment('c.pdf', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'));
  assert.deepEqual([pdf.kind, pdf.mime, pdf.text], ['pdf', 'application/pdf', '']);
  assert.equal((await inspectAttachment('d.jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).kind, 'jpg');
});

test('content must match the extension: an .exe renamed .pdf, a text file named .docx, and unknown types are refused', async () => {
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(100), Buffer.from('%PDF-1.4')]);
  assert.equal(sniffKind(exe), null);
  await rejects(inspectAttachment('报告.pdf', exe), 'unsupported_media', /内容与扩展名不符/);
  await rejects(inspectAttachment('报告.docx', Buffer.from('not a zip')), 'unsupported_media');
  await rejects(inspectAttachment('工具.exe', Buffer.from('MZ')), 'unsupported_media', /只能上传/);
  await rejects(inspectAttachment('图.png', Buffer.from('%PDF-1.4')), 'unsupported_media');
  await rejects(inspectAttachment('a.xlsx', await docxBuffer(['x'])), 'unsupported_media');
  await rejects(inspectAttachment('a.txt', Buffer.from([0x41, 0x00, 0x42])), 'unsupported_media');
  await rejects(inspectAttachment('空.txt', Buffer.alloc(0)), 'invalid');
  await rejects(inspectAttachment('大.pdf', Buffer.alloc(MAX_ATTACHMENT_BYTES + 1)), 'payload_too_large');
});

test('file names lose paths and control characters and stay short', () => {
  assert.equal(cleanFileName('C:\\Users\\x\\通知.pdf'), '通知.pdf');
  assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
  assert.equal(cleanFileName('a\u0000b"<c>.txt'), 'abc.txt');
  const long = cleanFileName(`${'长'.repeat(200)}.docx`);
  assert.equal(long.length, 120);
  assert.ok(long.endsWith('.docx'));
});
