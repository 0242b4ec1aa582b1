// Full-text search over SQLite FTS5 / PostgreSQL tsvector: index, rebuild/check, reconcile job.
import type { GongkaiModule } from '../app/module.js';
import { registerSearchCommands } from './search.commands.js';
import { SEARCH_MIGRATIONS } from './search.migrations.js';

export const searchModule: GongkaiModule = {
  name: 'search',
  migrations: SEARCH_MIGRATIONS,
  commands: registerSearchCommands,
  // Safety net behind syncItemIndex: hourly, the index is compared with info_items and repaired
  // (stale rows removed, missing public items added). Normally it finds nothing to do.
  jobs: [{
    name: 'search.reconcile',
    label: '全文检索索引核对',
    everyMinutes: 60,
    run: async (ctx) => {
      const r = await (await import('./search.indexer.js')).checkIndex(ctx.db, ctx.dialect);
      if (!r) return '全文检索索引正在重建，本次跳过';
      return r.removed.length || r.added.length
        ? `移除 ${r.removed.length} 条非公开信息（${r.removed.join('、')}），补充 ${r.added.length} 条公开信息`
        : '索引与公开信息一致';
    },
  }],
};
