// Test fixtures for the disclosure module: actors by username, item inputs, multipart bodies.
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import pg from 'pg';
import type { Ctx } from '../lib/context.js';
import type { TestDb } from '../db/test-db.js';
import type { Harness } from '../test-support/harness.js';
import { createItem } from './items.service.js';
import { publishItem, submitItem } from './workflow.service.js';

/** A service context acting as the named test user (same shape as a logged-in session's actor). */
export async function actorCtx(h: Harness, username: string): Promise<Ctx> {
  const u = await h.tdb.db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.unit_id', 'units.area_id', 'units.kind'])
    .where('users.username', '=', username).executeTakeFirstOrThrow();
  const areaId = u.kind === '区' || u.kind === '市' ? u.unit_id : u.area_id!;
  return { db: h.tdb.db, dialect: h.tdb.dialect, actor: { kind: 'user', userId: u.id, username: u.username, name: u.display_name, role: u.role, unitId: u.unit_id, areaId } };
}

export const itemFields = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  itemType: 'general', title: '关于开展2022年度财政预算公开工作的通知', categoryCode: 'czyjs-ys', formedOn: '2022-06-01',
  attribute: 'proactive', body: '<p>各镇、街道，区政府各部门单位：现将有关事项通知如下。临政办字〔2022〕16号，预算总额 12345678901 元。</p>',
  ...over,
});

export async function draftAs(ctx: Ctx, over: Record<string, unknown> = {}): Promise<number> {
  return createItem(ctx, itemFields(over));
}

/** Operator submits, reviewer signs off (proactive unless the sign-off says otherwise). */
export async function submitAndPublish(op: Ctx, rev: Ctx, id: number, signoff: Record<string, unknown> = {}): Promise<void> {
  await submitItem(op, id);
  await publishItem(rev, id, { confidentialityChecked: true, attribute: 'proactive', ...signoff });
}

/** A multipart/form-data body with one file field. */
export function multipart(fileName: string, data: Buffer, field = 'file'): { payload: Buffer; contentType: string } {
  const boundary = `----gk${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function docxBuffer(lines: string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: lines.map((t) => new Paragraph(t)) }] }));
}

export async function xlsxBuffer(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Closes a harness, first letting PostgreSQL connections finish closing. pg-pool's end() resolves before
 * its sockets are gone, so the DROP DATABASE … WITH FORCE in TestDb.destroy() can kill a closing
 * connection whose error then surfaces as an uncaught exception in an unrelated test (seen in other
 * modules' suites too). Waiting until the server lists no session for the database avoids that race.
 */
export async function closeHarness(h: Harness): Promise<void> {
  await h.app.close();
  await destroyTestDb(h.tdb);
}

export async function destroyTestDb(tdb: TestDb): Promise<void> {
  if (tdb.dialect === 'postgres' && tdb.databaseUrl && process.env.GONGKAI_TEST_PG_URL) {
    await tdb.close();
    const name = new URL(tdb.databaseUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.GONGKAI_TEST_PG_URL });
    await admin.connect();
    try {
      for (let i = 0; i < 100; i++) {
        const r = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (r.rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await admin.end();
    }
  }
  await tdb.destroy();
}
