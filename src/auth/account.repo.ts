// SQL for 我的账号: the own user row's password date and second factor (TOTP) state.
import type { Db } from '../db/schema.js';

export const accountSummary = (db: Db, userId: number) =>
  db.selectFrom('users').select(['totp_enabled', 'password_changed_at']).where('id', '=', userId).executeTakeFirstOrThrow();
export const totpState = (db: Db, userId: number) =>
  db.selectFrom('users').select(['totp_secret', 'totp_enabled', 'recovery_codes_json']).where('id', '=', userId).executeTakeFirstOrThrow();
/** Stores an enrolment secret, only while the second factor is not on. */
export const setPendingTotpSecret = (db: Db, userId: number, secret: string) =>
  db.updateTable('users').set({ totp_secret: secret }).where('id', '=', userId).where('totp_enabled', '=', 0).execute();
export const passwordHash = async (db: Db, userId: number) =>
  (await db.selectFrom('users').select(['password_hash']).where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;
export const turnTotpOn = (tx: Db, userId: number, step: number, recoveryCodeHashes: string[]) =>
  tx.updateTable('users').set({ totp_enabled: 1, totp_last_step: step, recovery_codes_json: JSON.stringify(recoveryCodeHashes) }).where('id', '=', userId).execute();
export const turnTotpOff = (tx: Db, userId: number) =>
  tx.updateTable('users').set({ totp_enabled: 0, totp_secret: null, totp_last_step: null, recovery_codes_json: null }).where('id', '=', userId).execute();
