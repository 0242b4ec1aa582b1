// Worker thread for office text extraction (src/lib/office-extract.ts): mammoth / exceljs run here, off the
// request thread, with a heap limit and a deadline set by the parent, so one upload cannot stall the server.
// Plain JavaScript so it starts the same way under `node --import tsx` and under bin/gongkai.js.
import { parentPort, workerData } from 'node:worker_threads';

const { kind, buffer } = workerData;
const buf = Buffer.from(buffer);
try {
  let text = '';
  if (kind === 'docx') {
    const mammoth = (await import('mammoth')).default;
    text = (await mammoth.extractRawText({ buffer: buf })).value;
  } else if (kind === 'xlsx') {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf);
    const lines = [];
    // Rows as tab-separated lines, so the privacy scanner can read column headers.
    wb.eachSheet((ws) => ws.eachRow((row) => {
      const cells = [];
      row.eachCell({ includeEmpty: true }, (c) => cells.push(String(c.text ?? '').replace(/[\t\n]/g, ' ')));
      lines.push(cells.join('\t'));
    }));
    text = lines.join('\n');
  }
  parentPort.postMessage({ ok: true, text });
} catch (err) {
  parentPort.postMessage({ ok: false, message: String(err && err.message ? err.message : err).slice(0, 300) });
}
