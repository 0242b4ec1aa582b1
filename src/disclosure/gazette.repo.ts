// SQL for 政府公报 issues and their tables of contents.
import type { Db } from '../db/schema.js';

export const listIssues = (db: Db, areaId: number) =>
  db.selectFrom('gazette_issues').selectAll()
    .select((eb) => eb.selectFrom('gazette_entries').select(eb.fn.countAll<number>().as('n')).whereRef('gazette_entries.issue_id', '=', 'gazette_issues.id').as('entries'))
    .where('area_id', '=', areaId).orderBy('year', 'desc').orderBy('number', 'desc').execute();

export const findIssue = (db: Db, id: number) => db.selectFrom('gazette_issues').selectAll().where('id', '=', id).executeTakeFirst();

export const findIssueByNumber = (db: Db, areaId: number, year: number, number: number) =>
  db.selectFrom('gazette_issues').selectAll().where('area_id', '=', areaId).where('year', '=', year).where('number', '=', number).executeTakeFirst();

/** The table of contents: entries in order with the item's metadata. */
export const listEntries = (db: Db, issueId: number) =>
  db.selectFrom('gazette_entries').innerJoin('info_items', 'info_items.id', 'gazette_entries.item_id').innerJoin('units', 'units.id', 'info_items.unit_id')
    .select(['gazette_entries.item_id', 'gazette_entries.sort', 'info_items.title', 'info_items.doc_number', 'info_items.index_no',
      'info_items.published_on', 'info_items.status', 'info_items.attribute', 'info_items.item_type', 'info_items.validity', 'info_items.valid_until', 'units.name as unit_name'])
    .where('gazette_entries.issue_id', '=', issueId).orderBy('gazette_entries.sort').orderBy('gazette_entries.item_id').execute();
