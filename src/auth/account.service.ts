// 我的账号: the own account's overview and second factor (TOTP) — enrolment, confirmation with
// recovery codes, turning it off (refused for roles that must keep it on: token-policy.ts).
import { createHash } from 'node:crypto';
import { writeAudit } from '../audit/public.js';
import type { Ctx } from '../lib/context.js';
import { invalid } from '../lib/errors.js';
import { now } from '../lib/time.js';
import * as repo from './account.repo.js';
import { verifyPassword } from './passwords.js';
import { requireUser } from './policy.js';
import { canTurnOffTotp, requireTotpOptional } from './token-policy.js';
import { matchTotp, newRecoveryCodes, newTotpSecret } from './totp.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** What the account page shows about the own user row. */
export async function accountOverview(ctx: Ctx): Promise<{ totpEnabled: boolean; passwordChangedAt: string | null }> {
  const u = requireUser(ctx.actor);
  const row = await repo.accountSummary(ctx.db, u.userId);
  return { totpEnabled: !!row.totp_enabled, passwordChangedAt: row.password_changed_at };
}

/** The second-factor state; while it is off, an enrolment secret is created (it counts once a code from it is confirmed). */
export async function totpEnrolment(ctx: Ctx): Promise<{ enabled: boolean; secret: string | null; recoveryCodesLeft: number; mayTurnOff: boolean }> {
  const u = requireUser(ctx.actor);
  const row = await repo.totpState(ctx.db, u.userId);
  let secret = row.totp_secret;
  if (!row.totp_enabled && !secret) {
    secret = newTotpSecret();
    await repo.setPendingTotpSecret(ctx.db, u.userId, secret);
  }
  const left = row.recovery_codes_json ? (JSON.parse(row.recovery_codes_json) as string[]).length : 0;
  return { enabled: !!row.totp_enabled, secret, recoveryCodesLeft: left, mayTurnOff: canTurnOffTotp(u) };
}

/**
 * Confirms the enrolment with a code from the authenticator app and returns the one-time recovery codes;
 * null when the second factor is already on. A wrong code is `invalid` on the field `code`.
 */
export async function enableTotp(ctx: Ctx, code: string): Promise<string[] | null> {
  const u = requireUser(ctx.actor);
  const row = await repo.totpState(ctx.db, u.userId);
  if (row.totp_enabled) return null;
  const step = row.totp_secret ? matchTotp(row.totp_secret, code, Math.floor(now().getTime() / 1000)) : null;
  if (step === null) throw invalid({ code: '动态验证码不正确，请核对手机时间后重试' });
  const codes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.turnTotpOn(tx, u.userId, step, codes.map((c) => sha256(c)));
    await writeAudit(tx, ctx, { action: 'auth.totp_enable', entity: 'user', entityId: u.userId });
  });
  return codes;
}

/** Turns the second factor off after the current password: 403 `totp_required` for roles that must keep it. */
export async function disableTotp(ctx: Ctx, current: string): Promise<void> {
  const u = requireUser(ctx.actor);
  requireTotpOptional(u);
  if (!current || !(await verifyPassword(await repo.passwordHash(ctx.db, u.userId), current))) throw invalid({ current: '当前密码不正确' });
  await ctx.db.transaction().execute(async (tx) => {
    await repo.turnTotpOff(tx, u.userId);
    await writeAudit(tx, ctx, { action: 'auth.totp_disable', entity: 'user', entityId: u.userId });
  });
}
