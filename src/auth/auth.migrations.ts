// Issue 17 account/session basics: forced password change, password age, TOTP with recovery codes,
// session source and second-factor state, API token scope/expiry, and the login throttle
// (per username, known or not, and per source IP) updated by single atomic statements.
import type { MigrationDef } from '../db/migrations/helpers.js';

export const authSecurity: MigrationDef = {
  name: '20261201_1656_auth_security',
  reason: 'password change/age, TOTP, session ip/user agent/second factor, token scope and expiry, login throttle',
  async up(db) {
    await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
    await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
    await db.schema.alterTable('users').addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
    await db.schema.alterTable('users').addColumn('recovery_codes_json', 'text').execute();

    await db.schema.alterTable('sessions').addColumn('ip', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
    // 1 while the password was right but the second factor is still due: not a login yet.
    await db.schema.alterTable('sessions').addColumn('mfa_pending', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema.alterTable('api_tokens').addColumn('scope', 'text', (c) => c.notNull().defaultTo('read_write')).execute();
    await db.schema.alterTable('api_tokens').addColumn('module', 'text').execute();
    await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();

    await db.schema.createTable('login_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .execute();
  },
};
