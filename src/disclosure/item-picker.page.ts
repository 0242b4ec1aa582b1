// The pickers' page state from a request: the no-JS search (?vq=) and the kept choice of a re-rendered form.
import type { FastifyRequest } from 'fastify';
import { intParam } from '../web/http.js';
import type { ItemDetail } from './item-detail.service.js';
import type { ReplacementPick } from './item-detail.views.js';
import { pickItems, pickedItem } from './item-picker.service.js';

/** The query word of a picker's GET search (trimmed, at most 100 characters). */
export const pickerQuery = (req: FastifyRequest, param: string): string =>
  String((req.query as Record<string, unknown> | undefined)?.[param] ?? '').slice(0, 100).trim();

/** The 修改/废止 picker on a normative document's page (only when the actor may change its validity). */
export async function replacementPick(req: FastifyRequest, d: ItemDetail, s: { form?: { key: string; state: { values: Record<string, unknown> } } }): Promise<ReplacementPick> {
  const q = pickerQuery(req, 'vq');
  if (!d.can.validity) return { q, rows: null, chosen: null };
  const areaId = d.item.area_id;
  const kept = s.form?.key === 'validity' ? intParam(s.form.state.values.vByItemId) : -1;
  const [rows, chosen] = await Promise.all([
    q ? pickItems(req.ctx, { purpose: 'replacement', q, areaId, exceptId: d.item.id }) : Promise.resolve(null),
    kept > 0 && kept !== d.item.id ? pickedItem(req.ctx, 'replacement', areaId, kept) : Promise.resolve(null),
  ]);
  return { q, rows, chosen };
}
