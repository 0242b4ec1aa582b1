// THE rule for "is this item public": published, proactively disclosed (主动公开), with a publication
// date. The portal, search, attachments and every other module use this one definition.
import { sql, type RawBuilder } from 'kysely';

export type VisibilityFields = { status: string; attribute: string; published_on: string | null };

export const isPublicItem = (i: VisibilityFields): boolean =>
  i.status === 'published' && i.attribute === 'proactive' && !!i.published_on;

/** The same rule as a WHERE condition over `info_items` (optionally aliased: `publicItemWhere('i')`). */
export function publicItemWhere(alias?: string): RawBuilder<boolean> {
  const c = (col: string) => sql.ref(alias ? `${alias}.${col}` : col);
  return sql<boolean>`(${c('status')} = 'published' and ${c('attribute')} = 'proactive' and ${c('published_on')} is not null)`;
}
