// The security settings in force in this process (from the configuration, see src/config/config.ts and
// docs/SECURITY.md). buildApp installs them; services read them here, so they need no config argument.
import type { SecurityConfig } from '../config/config.js';

export const DEFAULT_SECURITY: SecurityConfig = {
  sessionIdleMinutes: 30, sessionMaxHours: 12, maxSessionsPerUser: 3, passwordMaxAgeDays: 0,
  loginIpMaxFailures: 30, auditRetentionDays: 365, requireTotp: false, separationOfDuties: true,
};

let current: SecurityConfig = DEFAULT_SECURITY;

export const securitySettings = (): SecurityConfig => current;

export function setSecuritySettings(s: SecurityConfig): void {
  current = { ...s };
}
