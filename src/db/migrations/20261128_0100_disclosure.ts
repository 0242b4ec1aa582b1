import { withId, type MigrationDef } from './helpers.js';

export const disclosure: MigrationDef = {
  name: '20261128_0100_disclosure',
  reason: 'government information items with disclosure attributes, attachments, history, catalogs, gazette, themed collections',
  async up(db, dialect) {
    await withId(db.schema.createTable('info_items'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('index_no', 'text', (c) => c.notNull().unique())
      .addColumn('doc_number', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('item_type', 'text', (c) => c.notNull())
      .addColumn('category_code', 'text', (c) => c.notNull())
      .addColumn('topic_code', 'text')
      .addColumn('body_html', 'text', (c) => c.notNull())
      .addColumn('body_text', 'text', (c) => c.notNull())
      .addColumn('written_on', 'text')
      .addColumn('formed_on', 'text', (c) => c.notNull())
      .addColumn('published_on', 'text')
      .addColumn('published_at', 'text')
      .addColumn('attribute', 'text', (c) => c.notNull())
      .addColumn('withheld_basis', 'text')
      .addColumn('attribute_reason', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('disclosure_days', 'integer', (c) => c.notNull())
      .addColumn('due_date', 'text')
      .addColumn('validity', 'text')
      .addColumn('valid_until', 'text')
      .addColumn('replaced_by_id', 'integer')
      .addColumn('policy_item_id', 'integer')
      .addColumn('interp_form', 'text')
      .addColumn('needs_interpretation', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('interp_exempt_reason', 'text')
      .addColumn('next_review_on', 'text')
      .addColumn('privacy_json', 'text')
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('info_items_public').on('info_items').columns(['area_id', 'status', 'attribute', 'published_on']).execute();
    await db.schema.createIndex('info_items_unit').on('info_items').columns(['unit_id', 'status']).execute();
    await db.schema.createIndex('info_items_doc_number').on('info_items').column('doc_number').execute();
    await db.schema.createIndex('info_items_policy').on('info_items').column('policy_item_id').execute();

    await db.schema.createTable('index_serials')
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('index_serials_pk', ['unit_id', 'year'])
      .execute();

    await withId(db.schema.createTable('item_attachments'), dialect)
      .addColumn('item_id', 'integer', (c) => c.notNull().references('info_items.id'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('item_attachments_item').on('item_attachments').column('item_id').execute();

    await withId(db.schema.createTable('item_history'), dialect)
      .addColumn('item_id', 'integer', (c) => c.notNull().references('info_items.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('snapshot_json', 'text')
      .execute();
    await db.schema.createIndex('item_history_item').on('item_history').column('item_id').execute();

    await withId(db.schema.createTable('categories'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('tree', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_code', 'text')
      .addColumn('sort', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('categories_code').on('categories').columns(['area_id', 'tree', 'code']).unique().execute();

    await withId(db.schema.createTable('gazette_issues'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('published_on', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('gazette_issues_no').on('gazette_issues').columns(['area_id', 'year', 'number']).unique().execute();
    await db.schema.createTable('gazette_entries')
      .addColumn('issue_id', 'integer', (c) => c.notNull().references('gazette_issues.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('info_items.id'))
      .addColumn('sort', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('gazette_entries_pk', ['issue_id', 'item_id'])
      .execute();

    await withId(db.schema.createTable('collections'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('collections_slug').on('collections').columns(['area_id', 'slug']).unique().execute();
    await db.schema.createTable('collection_items')
      .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('info_items.id'))
      .addColumn('sort', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('collection_items_pk', ['collection_id', 'item_id'])
      .execute();
  },
};
