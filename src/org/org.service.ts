// Units and users: rules and authorisation. Every change is audited in its transaction.
import type { Db, Role } from '../db/schema.js';
import { writeAudit } from '../audit/public.js';
import { generatePassword, hashPassword, revokeUserTokens } from '../auth/public.js';
import { canReadUnit, requireAdmin, requireAreaReader, requireUser } from '../auth/policy.js';
import { isSelfLockout, roleUnitProblem, visibleUnits } from './org-policy.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import { CITY, DISTRICT, LINZI_UNITS } from './linzi-units.js';
import * as repo from './org.repo.js';
import { unitInput, userInput, userUpdateInput } from './org.schema.js';
import { bumpGeneration } from '../search/public.js';

/** The area the actor works in; the system actor works in the first (default) area. */
export async function actorArea(ctx: Ctx): Promise<number> {
  if (ctx.actor.kind === 'user') return ctx.actor.areaId;
  const areas = await repo.listAreas(ctx.db);
  const district = areas.find((a) => a.kind === '区') ?? areas[0];
  if (!district) throw notFound('行政区划');
  return district.id;
}

/** Seeds 淄博市 → 临淄区 → its departments, towns and streets. Idempotent. */
export async function ensureDefaultOrg(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('units').select('id').where('code', '=', DISTRICT.code).executeTakeFirst();
    if (existing) return existing.id;
    const at = nowIso();
    const cityId = await repo.insertUnit(tx, { ...CITY, parent_id: null, area_id: null, sort: 0, created_at: at });
    await tx.updateTable('units').set({ area_id: cityId }).where('id', '=', cityId).execute();
    const districtId = await repo.insertUnit(tx, { ...DISTRICT, parent_id: cityId, area_id: null, sort: 0, created_at: at });
    await tx.updateTable('units').set({ area_id: districtId }).where('id', '=', districtId).execute();
    let sort = 1;
    for (const u of LINZI_UNITS) await repo.insertUnit(tx, { ...u, parent_id: districtId, area_id: districtId, sort: sort++, created_at: at });
    return districtId;
  });
}

export async function listUnits(ctx: Ctx) {
  const areaId = await actorArea(ctx);
  return visibleUnits(ctx.actor, await repo.listUnitsInArea(ctx.db, areaId));
}

export async function getUnit(ctx: Ctx, id: number) {
  const unit = await repo.findUnit(ctx.db, id);
  if (!unit || !canReadUnit(ctx.actor, unit)) throw notFound('单位');
  return unit;
}

export async function createUnit(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx.actor);
  const input = parseInput(unitInput, raw);
  const areaId = await actorArea(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    if (await repo.findUnitByName(tx, areaId, input.name)) throw invalid({ name: '已有同名单位' });
    if (await tx.selectFrom('units').select('id').where('code', '=', input.code).executeTakeFirst()) throw invalid({ code: '单位代码已被使用' });
    const id = await repo.insertUnit(tx, { ...input, parent_id: areaId, area_id: areaId, sort: 999, created_at: nowIso() });
    await writeAudit(tx, ctx, { action: 'unit.create', entity: 'unit', entityId: id, after: input, areaId });
    await bumpGeneration(tx); // the portal names units: its caches (on every node) key on this
    return id;
  });
}

export async function updateUnit(ctx: Ctx, id: number, raw: unknown) {
  requireAdmin(ctx.actor);
  const input = parseInput(unitInput, raw);
  const before = await getUnit(ctx, id);
  if (before.kind === '区' || before.kind === '市') throw conflict('area_unit', '行政区划本身不能在此修改');
  return ctx.db.transaction().execute(async (tx) => {
    const same = await repo.findUnitByName(tx, before.area_id!, input.name);
    if (same && same.id !== id) throw invalid({ name: '已有同名单位' });
    const codeOwner = await tx.selectFrom('units').select('id').where('code', '=', input.code).executeTakeFirst();
    if (codeOwner && codeOwner.id !== id) throw invalid({ code: '单位代码已被使用' });
    await tx.updateTable('units').set(input).where('id', '=', id).execute();
    await writeAudit(tx, ctx, { action: 'unit.update', entity: 'unit', entityId: id, before: { name: before.name, code: before.code, kind: before.kind }, after: input, areaId: before.area_id });
    await bumpGeneration(tx); // a renamed unit shows on the portal at once, on every node
  });
}

export async function listUsers(ctx: Ctx) {
  requireAreaReader(ctx.actor);
  return repo.listUsersInArea(ctx.db, await actorArea(ctx));
}

async function checkUnitForRole(db: Db, areaId: number, unitId: number, role: Role) {
  const unit = await repo.findUnit(db, unitId);
  if (!unit || (unit.area_id !== areaId && unit.id !== areaId)) throw invalid({ unitId: '所属单位不存在' });
  const problem = roleUnitProblem(role, unit.kind === '区' || unit.kind === '市');
  if (problem) throw invalid({ unitId: problem });
  return unit;
}

/** Creates a user; returns the initial password when one was generated. */
export async function createUser(ctx: Ctx, raw: unknown): Promise<{ id: number; password: string }> {
  requireAdmin(ctx.actor);
  const input = parseInput(userInput, raw);
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const areaId = await actorArea(ctx);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const unit = await checkUnitForRole(tx, areaId, input.unitId, input.role);
    if (await repo.findUserByUsername(tx, input.username)) throw invalid({ username: '用户名已被使用' });
    const row = await tx.insertInto('users').values({
      username: input.username, display_name: input.displayName, role: input.role, unit_id: input.unitId,
      password_hash: passwordHash, failed_logins: 0, locked_until: null, disabled: 0, created_at: nowIso(),
      // The first login must set an own password, unless the system actor set this one up on purpose.
      must_change_password: input.mustChangePassword === false && ctx.actor.kind === 'system' ? 0 : 1, password_changed_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'user.create', entity: 'user', entityId: row.id, after: { username: input.username, displayName: input.displayName, role: input.role, unit: unit.name }, areaId: unit.area_id });
    return row.id;
  });
  return { id, password };
}

export async function updateUser(ctx: Ctx, id: number, raw: unknown) {
  requireAdmin(ctx.actor);
  const input = parseInput(userUpdateInput, raw);
  const before = await repo.findUser(ctx.db, id);
  if (!before) throw notFound('用户');
  const areaId = await actorArea(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const unit = await checkUnitForRole(tx, areaId, input.unitId, input.role);
    if (isSelfLockout(ctx.actor, id, input)) {
      throw invalid({ role: '不能取消自己的管理员权限或停用自己' });
    }
    await tx.updateTable('users').set({ display_name: input.displayName, role: input.role, unit_id: input.unitId, disabled: input.disabled ? 1 : 0, failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
    if (input.disabled) {
      await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await revokeUserTokens(tx, id);
    }
    await writeAudit(tx, ctx, {
      action: 'user.update', entity: 'user', entityId: id,
      before: { displayName: before.display_name, role: before.role, unitId: before.unit_id, disabled: before.disabled === 1 },
      after: { displayName: input.displayName, role: input.role, unitId: input.unitId, disabled: input.disabled }, areaId: unit.area_id,
    });
  });
}

export async function resetPassword(ctx: Ctx, id: number): Promise<string> {
  requireAdmin(ctx.actor);
  const user = await repo.findUser(ctx.db, id);
  if (!user) throw notFound('用户');
  const password = generatePassword();
  const h = await hashPassword(password);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash: h, failed_logins: 0, locked_until: null, must_change_password: 1, password_changed_at: nowIso() }).where('id', '=', id).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    // A reset means the account may be in the wrong hands: its API tokens stop working too.
    const revoked = await revokeUserTokens(tx, id);
    await writeAudit(tx, ctx, { action: 'user.reset_password', entity: 'user', entityId: id, after: { mustChangePassword: true, tokensRevoked: revoked } });
  });
  return password;
}

export async function me(ctx: Ctx) {
  const u = requireUser(ctx.actor);
  return { id: u.userId, username: u.username, name: u.name, role: u.role, unitId: u.unitId, areaId: u.areaId };
}

/** Edit pages are admin-only; check before loading anything. */
export function requireAdminPage(ctx: Ctx): void {
  requireAdmin(ctx.actor);
}
