// Figures per ledger (measures, done, overdue, rows, rows without measures, and the same by task),
// kept per process and recomputed only for ledgers whose revision changed (or when the day changes).
// Every change to a ledger's rows or measures goes through touchLedger, which bumps its revision in
// the same transaction, so a node never serves figures older than the ledger row it has just read.
import type { Db } from '../db/schema.js';
import * as stats from './ledger-stats.repo.js';

export type Counts = { total: number; done: number; overdue: number };
export type LedgerFigures = Counts & { rows: number; emptyRows: number; byTask: Map<number, Counts> };

const cache = new WeakMap<object, Map<number, { key: string; figures: LedgerFigures }>>();
const CHUNK = 400;

export async function ledgerFigures(db: Db, ledgers: readonly { id: number; revision: number }[], today: string): Promise<Map<number, LedgerFigures>> {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, perDb = new Map());
  const keyOf = (l: { id: number; revision: number }) => `${l.revision}:${today}`;
  const stale = ledgers.filter((l) => perDb!.get(l.id)?.key !== keyOf(l));
  for (let i = 0; i < stale.length; i += CHUNK) {
    const part = stale.slice(i, i + CHUNK);
    const ids = part.map((l) => l.id);
    const fresh = new Map<number, LedgerFigures>(ids.map((id) => [id, { total: 0, done: 0, overdue: 0, rows: 0, emptyRows: 0, byTask: new Map() }]));
    const byTask = await stats.measureCountsByTask(db, ids, today);
    for (const r of byTask) {
      const f = fresh.get(r.ledger_id)!;
      const c = { total: Number(r.total), done: Number(r.done ?? 0), overdue: Number(r.overdue ?? 0) };
      f.byTask.set(r.task_id, c);
      f.total += c.total;
      f.done += c.done;
      f.overdue += c.overdue;
    }
    const rows = await stats.rowCounts(db, ids);
    for (const r of rows) {
      const f = fresh.get(r.ledger_id)!;
      f.rows = Number(r.rows);
      // Rows with measures are exactly the tasks seen above (a row per task in a ledger).
      f.emptyRows = f.rows - f.byTask.size;
    }
    for (const l of part) perDb.set(l.id, { key: keyOf(l), figures: fresh.get(l.id)! });
  }
  return new Map(ledgers.map((l) => [l.id, perDb!.get(l.id)!.figures]));
}
