// Shared set-up for the ledger module's database tests: the small fixture plan, lead-department
// users, and helpers to fill a ledger through the services.
import { TEST_PASSWORD, createHarness, type Harness } from '../test-support/harness.js';
import { systemActor, type Ctx } from '../lib/context.js';
import { createUser } from '../org/public.js';
import { SMALL_PLAN, seedPlan, type FixturePlan } from './ledger-fixtures.js';
import * as svc from './ledger.service.js';

export const LEAD_USERS = {
  justice: { username: 't_sf_op', unit: '区司法局' },
  market: { username: 't_sj_op', unit: '区市场监管局' },
} as const;

export type LedgerHarness = Harness & { planId: number; taskIds: Map<number, number>; sys: Ctx };

export async function createLedgerHarness(plan: FixturePlan = SMALL_PLAN, opts: Parameters<typeof createHarness>[0] = {}): Promise<LedgerHarness> {
  let planId = 0;
  let taskIds = new Map<number, number>();
  const h = await createHarness({
    ...opts,
    extraSetup: async (ctx, areaId) => {
      ({ planId, taskIds } = await seedPlan(ctx.db, areaId, plan));
      for (const u of Object.values(LEAD_USERS)) {
        const unit = await ctx.db.selectFrom('units').select('id').where('name', '=', u.unit).executeTakeFirstOrThrow();
        await createUser(ctx, { username: u.username, displayName: u.username, role: 'unit_operator', unitId: unit.id, password: TEST_PASSWORD, mustChangePassword: false });
      }
      await opts.extraSetup?.(ctx, areaId);
    },
  });
  return { ...h, planId, taskIds, sys: { db: h.tdb.db, dialect: h.tdb.dialect, actor: systemActor('测试') } };
}

/** Creates a unit's ledger and gives every row one measure (system actor). */
export async function fillLedger(h: LedgerHarness, unitName: string, measure = (seq: number) => ({ content: `落实序号${seq}的举措`, leader: '王副局长', section: '办公室' })): Promise<number> {
  const unitId = await h.unitId(unitName);
  const id = await svc.createLedger(h.sys, { planId: h.planId, unitId });
  const rows = await h.tdb.db.selectFrom('ledger_rows').selectAll().where('ledger_id', '=', id).orderBy('seq').execute();
  for (const r of rows) {
    const has = await h.tdb.db.selectFrom('ledger_measures').select('id').where('row_id', '=', r.id).executeTakeFirst();
    if (!has) await svc.addMeasure(h.sys, id, r.id, measure(r.seq));
  }
  return id;
}

export const rowsOf = (h: LedgerHarness, ledgerId: number) =>
  h.tdb.db.selectFrom('ledger_rows').selectAll().where('ledger_id', '=', ledgerId).orderBy('seq').execute();

/** A multipart/form-data body as a browser sends it (UTF-8 file name, one file part). */
export function multipart(fileName: string, data: Buffer, fields: Record<string, string> = {}, field = 'file') {
  const boundary = `----gk${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`), data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A successful console form POST answers 303 (Post/Redirect/Get): follow it like a browser and return the GET page. */
export async function followRedirect(agent: { get: (url: string) => Promise<{ statusCode: number; body: string }> }, res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  if (res.statusCode !== 303) throw new Error(`expected 303 after a successful POST, got ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return agent.get(String(res.headers.location));
}
