// Test support: information items written straight into the tables (the disclosure services are
// another module), then synced to the index the way the publishing transaction does it.
import type { Insertable } from 'kysely';
import type { InfoItemsTable } from '../db/disclosure.tables.js';
import type { Db, Dialect } from '../db/schema.js';
import { escapeHtml } from '#jsx/jsx-runtime';
import { syncItemIndex } from './search.sync.js';

let serial = 0;

export type ItemSpec = Partial<Insertable<InfoItemsTable>> & { area_id: number; unit_id: number; title: string };

/** Inserts an item (published, proactive, general by default) and syncs the index in the same transaction. */
export async function insertItem(db: Db, dialect: Dialect, spec: ItemSpec, opts: { sync?: boolean } = {}): Promise<number> {
  const body = spec.body_text ?? `${spec.title}的正文。`;
  const published = (spec.status ?? 'published') === 'published';
  const publishedOn = spec.published_on !== undefined ? spec.published_on : published ? '2023-05-10' : null;
  const at = '2023-05-10T08:00:00.000Z';
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('info_items').values({
      index_no: `TESTUNIT-${(publishedOn ?? '2023').slice(0, 4)}-${String(++serial).padStart(6, '0')}-${process.pid}${Math.floor(Math.random() * 1e6)}`,
      doc_number: '', item_type: 'general', category_code: 'gk.general', topic_code: null,
      body_html: body.split('\n').map((p) => `<p>${escapeHtml(p)}</p>`).join(''),
      written_on: publishedOn, formed_on: publishedOn ?? '2023-05-01', published_at: publishedOn ? `${publishedOn}T08:00:00.000Z` : null,
      attribute: 'proactive', withheld_basis: null, attribute_reason: null, status: 'published', disclosure_days: 20, due_date: null,
      validity: null, valid_until: null, replaced_by_id: null, policy_item_id: null, interp_form: null, needs_interpretation: 0,
      interp_exempt_reason: null, next_review_on: null, privacy_json: null, created_by: null, created_at: at, updated_at: at,
      ...spec, body_text: body, published_on: publishedOn,
    }).returning('id').executeTakeFirstOrThrow();
    if (opts.sync !== false) await syncItemIndex(tx, dialect, row.id);
    return row.id;
  });
}

export async function insertAttachment(db: Db, dialect: Dialect, itemId: number, fileName: string, text: string): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('item_attachments').values({
      item_id: itemId, file_name: fileName, mime: 'text/plain', size: Buffer.byteLength(text), storage_key: `test/${itemId}/${fileName}`,
      sha256: '0'.repeat(64), text, created_at: '2023-05-10T08:00:00.000Z',
    }).returning('id').executeTakeFirstOrThrow();
    await syncItemIndex(tx, dialect, itemId);
    return row.id;
  });
}

/** Changes an item and re-syncs it in the same transaction, as the disclosure services do. */
export async function updateItem(db: Db, dialect: Dialect, itemId: number, set: Partial<Insertable<InfoItemsTable>>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('info_items').set(set).where('id', '=', itemId).execute();
    await syncItemIndex(tx, dialect, itemId);
  });
}
