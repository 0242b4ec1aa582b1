import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { PlanParseError } from './plan-errors.js';
import { decodeText, parsePlanFile, sniffPlanFile } from './plan-file.js';
import { parsePlanText } from './plan-text-parser.js';
import { zipEntryNames } from './zip-entries.js';

const cell = (text: string, opts: { rowSpan?: number; columnSpan?: number } = {}) =>
  new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)), ...opts });

// A plan as a Word document: notice, title, and a task table whose domain, area, units and
// time-limit cells are merged down several rows, with a multi-paragraph time-limit cell.
const buildDocx = async (): Promise<Buffer> => {
  const header = new TableRow({
    children: [cell('序号'), cell('工作任务', { columnSpan: 2 }), cell('工作要求'), cell('责任单位'), cell('时限要求')],
  });
  const rows = [
    new TableRow({ children: [cell('1'), cell('紧扣提高实效深化公开', { rowSpan: 3 }), cell('推进政策精细化解读', { rowSpan: 2 }),
      cell('严格落实政策解读制度，同步组织、同步审签'), cell('各镇、街道，区政府各部门单位', { rowSpan: 3 }), cell('长期坚持', { rowSpan: 2 })] }),
    new TableRow({ children: [cell('2'), cell('创新解读方式，实施问答式解读')] }),
    new TableRow({ children: [cell('3'), cell('加强公开平台建设'), cell('积极推动政府网站适老化改造，方便群众'),
      cell('2022年年底前\n基本完成改造')] }),
    new TableRow({ children: [cell('4'), cell('紧扣任务落实强化保障措施'), cell(''), cell('各级各部门单位年内组织政务公开培训不少于1次'),
      cell('区司法局牵头，各镇、街道落实'), cell('年底前')] }),
  ];
  const doc = new Document({
    sections: [{
      children: [
        new Paragraph('临政办字〔2023〕 8 号'),
        new Paragraph({ text: '临淄区人民政府办公室关于印发2023年临淄区政务公开工作方案的通知', heading: HeadingLevel.HEADING_2 }),
        new Paragraph('临淄区人民政府办公室'),
        new Paragraph('2023年5月10日'),
        new Paragraph({ text: '2023年临淄区政务公开工作方案', heading: HeadingLevel.HEADING_1 }),
        new Paragraph('附件1'),
        new Table({ rows: [header, ...rows] }),
        new Paragraph('附件2'),
        new Table({ rows: [
          new TableRow({ children: [cell('部门'), cell('牵头公开内容'), cell('要求')] }),
          new TableRow({ children: [cell('区财政局', { rowSpan: 2 }), cell('财政预决算信息'), cell('指导各部门公开预决算')] }),
          new TableRow({ children: [cell('政府采购信息'), cell('监督政府采购信息公开')] }),
        ] }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
};

test('.docx: merged cells, paragraphs in cells and the notice are read like the text export', async () => {
  const buf = await buildDocx();
  assert.equal(sniffPlanFile(buf), 'docx');
  const plan = await parsePlanFile(buf, '方案.docx');
  assert.deepEqual(plan.plan, {
    docNumber: '临政办字〔2023〕8号', title: '2023年临淄区政务公开工作方案',
    noticeTitle: '临淄区人民政府办公室关于印发2023年临淄区政务公开工作方案的通知',
    issuer: '临淄区人民政府办公室', issuedOn: '2023-05-10', year: 2023,
  });
  assert.deepEqual(plan.tasks.map((t) => [t.seq, t.domain, t.area, t.unitsText, t.timeLimit]), [
    [1, '紧扣提高实效深化公开', '推进政策精细化解读', '各镇、街道，区政府各部门单位', '长期坚持'],
    [2, '紧扣提高实效深化公开', '推进政策精细化解读', '各镇、街道，区政府各部门单位', '长期坚持'],
    [3, '紧扣提高实效深化公开', '加强公开平台建设', '各镇、街道，区政府各部门单位', '2022年年底前基本完成改造'],
    [4, '紧扣任务落实强化保障措施', '', '区司法局牵头，各镇、街道落实', '年底前'],
  ]);
  assert.deepEqual(plan.tasks[3].units.map((u) => [u.name, u.role, u.group]),
    [['区司法局', 'lead', false], ['各镇、街道', 'implementing', true]]);
  assert.deepEqual(plan.leadDuties.map((d) => d.unit), ['区财政局', '区财政局']);
  assert.deepEqual(plan.warnings, []);
});

const buildXlsx = async (): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本工作簿由政务公开办整理']);
  const ws = wb.addWorksheet('任务分解');
  ws.addRow(['2024年全区政务公开重点工作任务分解表']);
  ws.addRow(['序号', '工作任务', '', '工作要求', '责任单位', '时限要求']);
  ws.addRow([1, '紧扣经济发展大局深化公开', '加强优化营商环境信息公开', '集中公开一批政策包，方便企业查询', '区发改局牵头，有关职能部门落实', '长期坚持']);
  ws.addRow([2, '', '', '加强政策宣传和解读，\n及时回应关切', '', '']);
  ws.addRow([3, '', '', '动态调整收费目录清单，做到定期更新', '区财政局、区发改局', '年底前']);
  ws.addRow(['', '', '', '（本行为备注，没有序号）', '', '']);
  ws.addRow([4, '紧扣夯实基础深化公开', '规范开展政府信息公开', '加强个人信息保护，选择恰当公开方式', '各镇、街道', '']);
  ws.mergeCells('A1:F1');
  ws.mergeCells('B2:C2');
  ws.mergeCells('B3:B5');
  ws.mergeCells('C3:C5');
  ws.mergeCells('F3:F4');
  return Buffer.from(await wb.xlsx.writeBuffer());
};

test('.xlsx: a task table alone, merged cells and empty cells continue the value above', async () => {
  const buf = await buildXlsx();
  assert.equal(sniffPlanFile(buf), 'xlsx');
  const plan = await parsePlanFile(buf, 'tasks.xlsx');
  assert.deepEqual(plan.tasks.map((t) => [t.seq, t.domain, t.area, t.requirement, t.unitsText, t.timeLimit]), [
    [1, '紧扣经济发展大局深化公开', '加强优化营商环境信息公开', '集中公开一批政策包，方便企业查询', '区发改局牵头，有关职能部门落实', '长期坚持'],
    [2, '紧扣经济发展大局深化公开', '加强优化营商环境信息公开', '加强政策宣传和解读，及时回应关切', '区发改局牵头，有关职能部门落实', '长期坚持'],
    [3, '紧扣经济发展大局深化公开', '加强优化营商环境信息公开', '动态调整收费目录清单，做到定期更新', '区财政局、区发改局', '年底前'],
    [4, '紧扣夯实基础深化公开', '规范开展政府信息公开', '加强个人信息保护，选择恰当公开方式', '各镇、街道', ''],
  ]);
  assert.equal(plan.plan.year, 2024);
  assert.deepEqual(plan.warnings.map((w) => [w.row, w.message]), [
    [3, '工作表「任务分解」第6行没有序号，已忽略'],
    [4, '未给出时限要求，请补充'],
  ]);
});

test('.xlsx without a task table is rejected with what was expected', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('a').addRow(['姓名', '电话']);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  await assert.rejects(parsePlanFile(buf, 'x.xlsx'), (e: unknown) =>
    e instanceof PlanParseError && e.code === 'plan_no_task_table' && /序号、工作任务、工作要求、责任单位、时限要求/.test(e.message));
});

test('text files: UTF-8 (with BOM), UTF-16 and GB18030 give the same plan', async () => {
  const text = readFileSync(new URL('./fixtures/linzi-2022.txt', import.meta.url), 'utf8');
  const expected = parsePlanText(text);
  const gb = readFileSync(new URL('./fixtures/linzi-2022.gb18030.txt', import.meta.url));
  assert.equal(sniffPlanFile(gb), 'text');
  assert.deepEqual(await parsePlanFile(gb, 'plan-gbk.txt'), expected);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  assert.deepEqual(await parsePlanFile(utf16, 'plan.txt'), expected);
  assert.deepEqual(await parsePlanFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'plan.md'), expected);
  // "序号" etc. in GB18030: the bytes are not valid UTF-8.
  const gbBytes = Buffer.from([0xd0, 0xf2, 0xba, 0xc5]);
  assert.equal(decodeText(gbBytes), '序号');
});

const rejectsFile = async (buf: Buffer, name: string, message: RegExp) =>
  assert.rejects(parsePlanFile(buf, name), (e: unknown) => {
    assert.ok(e instanceof PlanParseError);
    assert.equal(e.code, 'plan_unsupported_file');
    assert.equal(e.kind, 'unsupported_media');
    assert.match(e.message, message);
    return true;
  });

test('images and other binary files are not plans', async () => {
  const expected = /^文件不是工作方案：应为 \.txt\/\.md 文本、\.docx 或 \.xlsx/;
  await rejectsFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'scan.png', expected);
  await rejectsFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), 'photo.jpg', expected);
  await rejectsFile(Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'plan.pdf', /PDF/);
  await rejectsFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'plan.doc', /另存为 \.docx/);
  await rejectsFile(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), 'data.bin', expected);
});

// A one-entry zip (stored, no compression): local header, data, central directory, end record.
const storedZip = (name: string, content: string): Buffer => {
  const n = Buffer.from(name);
  const data = Buffer.from(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const centralAt = local.length + n.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, n, data, central, n, end]);
};

test('a zip that is neither .docx nor .xlsx, and a corrupt one', async () => {
  const docx = await buildDocx();
  assert.ok(zipEntryNames(docx)?.includes('word/document.xml'));
  const corrupt = docx.subarray(0, 200);
  assert.equal(zipEntryNames(corrupt), null);
  await assert.rejects(parsePlanFile(corrupt, 'broken.docx'), (e: unknown) =>
    e instanceof PlanParseError && e.code === 'plan_corrupt_file' && /broken\.docx.*已损坏/.test(e.message));
  const other = storedZip('mimetype', 'application/vnd.oasis.opendocument.text');
  assert.deepEqual(zipEntryNames(other), ['mimetype']);
  await rejectsFile(other, 'plan.odt', /文件不是工作方案/);
});
