// Who may do what in 政策问答 (the shape of src/disclosure/item-policy.ts). The admin (政务公开办) works on
// every entry and message of the area, unit roles on their own unit's entries and the messages assigned to
// their unit, the auditor only reads, the system actor (CLI, jobs) does everything. What the actor may not
// read does not exist for them (404); what they may read but not change is 403.
import { isAdminUser, requireUser } from '../auth/policy.js';
import type { Actor } from '../lib/context.js';
import { forbidden, notFound } from '../lib/errors.js';

type EntryScope = { area_id: number; owner_unit_id: number | null };
type MessageScope = { area_id: number; assigned_unit_id: number | null };

/** Reads the whole area: the admin, the auditor and the system actor. Unit roles see their unit's share. */
export function readsWholeArea(actor: Actor): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'user' && (actor.role === 'admin' || actor.role === 'auditor');
}

/** The unit whose entries / messages a unit role sees; null when the actor reads the whole area. */
export function ownUnitFilter(actor: Actor): number | null {
  return actor.kind === 'user' && !readsWholeArea(actor) ? actor.unitId : null;
}

/** The to-do list (工作台) of 政策问答 is for the people who act: not for the auditor. */
export const hasQaInbox = (actor: Actor): boolean => actor.kind === 'user' && actor.role !== 'auditor';

// ── entries ──

export function canReadEntry(actor: Actor, e: Pick<EntryScope, 'area_id'>): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'user' && actor.areaId === e.area_id;
}

export function requireReadableEntry<T extends EntryScope>(actor: Actor, e: T | undefined): T {
  if (actor.kind === 'anonymous') requireUser(actor);
  if (!e || !canReadEntry(actor, e)) throw notFound('问答条目');
  return e;
}

/** Why the actor may not write (or publish) an entry owned by ownerUnitId; null when they may. */
function entryWriterDenial(actor: Actor, ownerUnitId: number | null, publish: boolean): string | null {
  if (actor.kind === 'system') return null;
  if (actor.kind !== 'user') return '请先登录';
  if (actor.role === 'auditor') return '审计员只能查看，不能修改';
  if (actor.role === 'admin') return null;
  if (ownerUnitId !== null && ownerUnitId !== actor.unitId) return '只能维护本单位负责的问答';
  if (publish && actor.role !== 'unit_reviewer') return '只有审核人或政务公开办可以发布问答';
  return null;
}

export const canWriteEntry = (actor: Actor, ownerUnitId: number | null, publish = false): boolean => entryWriterDenial(actor, ownerUnitId, publish) === null;

/** Only the 政务公开办 chooses which unit is responsible for an entry; unit roles write for their own unit. */
export const canChooseOwnerUnit = (actor: Actor): boolean => actor.kind === 'system' || isAdminUser(actor);

export function requireEntryWriter(actor: Actor, ownerUnitId: number | null, publish: boolean): void {
  if (actor.kind === 'anonymous') requireUser(actor);
  const d = entryWriterDenial(actor, ownerUnitId, publish);
  if (d) throw forbidden(d);
}

// ── lexicon (the area's own dictionary words and synonyms) ──

export const canEditLexicon = (actor: Actor): boolean => actor.kind === 'system' || isAdminUser(actor);

export function requireLexiconEditor(actor: Actor): void {
  if (actor.kind === 'anonymous') requireUser(actor);
  if (!canEditLexicon(actor)) throw forbidden('只有政务公开办管理员可以修改词典和同义词');
}

// ── 留言咨询 ──

export function canHandleMessage(actor: Actor, m: MessageScope): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user' || actor.areaId !== m.area_id) return false;
  if (readsWholeArea(actor)) return true;
  return m.assigned_unit_id === actor.unitId;
}

export function requireReadableMessage<T extends MessageScope>(actor: Actor, m: T | undefined): T {
  if (actor.kind === 'anonymous') requireUser(actor);
  if (!m || !canHandleMessage(actor, m)) throw notFound('留言');
  return m;
}

/** Assigning messages to units and setting the reply deadline: the 政务公开办 only. */
export const canAssignMessages = (actor: Actor): boolean => isAdminUser(actor);

export function requireMessageAssigner(actor: Actor): void {
  requireUser(actor);
  if (!canAssignMessages(actor)) throw forbidden('只有政务公开办可以分办留言');
}

export function requireReplyDaysSetter(actor: Actor): void {
  requireUser(actor);
  if (!canAssignMessages(actor)) throw forbidden('只有政务公开办可以修改答复期限');
}

/** Replying: the admin, or the unit the message is assigned to (never the auditor). */
function replierDenial(actor: Actor, m: MessageScope): string | null {
  if (actor.kind !== 'user') return '请先登录';
  if (actor.role === 'auditor') return '审计员只能查看，不能修改';
  if (actor.role === 'admin') return null;
  return m.assigned_unit_id === actor.unitId ? null : '只能答复分办给本单位的留言';
}

export const canReplyMessage = (actor: Actor, m: MessageScope): boolean => replierDenial(actor, m) === null;

export function requireMessageReplier(actor: Actor, m: MessageScope): void {
  requireUser(actor);
  const d = replierDenial(actor, m);
  if (d) throw forbidden(d);
}
