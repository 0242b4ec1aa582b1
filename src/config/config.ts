// Configuration from environment variables, validated once at start-up.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { strictNumberInput } from '../lib/validate.js';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  sessionSecret: string;
  smtp: { host: string; port: number; user?: string; pass?: string; from: string } | null;
  trustProxy: boolean;
  searchRateLimit: number;
  loginRateLimit: number;
  /** Origin for every absolute link (feeds, sitemap, robots.txt); never taken from the Host header. */
  publicBaseUrl: string;
  /** PUBLIC_BASE_URL is https: session cookies get Secure and responses HSTS. */
  secure: boolean;
  /** Online information requests (/requests/new) per IP per hour. */
  requestSubmitRateLimit: number;
  /** Public comments (征求意见) per IP per minute. */
  commentRateLimit: number;
  security: SecurityConfig;
};

/** Account, session and audit settings (issue 17, 等保2.0 三级); documented in docs/SECURITY.md. */
export type SecurityConfig = {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  maxSessionsPerUser: number;
  passwordMaxAgeDays: number;
  loginIpMaxFailures: number;
  auditRetentionDays: number;
  requireTotp: boolean;
  separationOfDuties: boolean;
};

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`配置错误 / invalid configuration:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}

const intIn = (min: number, max: number) => {
  const msg = `应为 ${min} 到 ${max} 之间的整数`;
  return z.preprocess((v) => strictNumberInput(typeof v === 'string' ? v.trim() : v), z.number({ error: msg }).int(msg).min(min, msg).max(max, msg));
};
const nonEmpty = z.string({ error: '应为文本' }).min(1, '不能为空');

const envSchema = z.object({
  PORT: intIn(0, 65535).default(3000),
  HOST: nonEmpty.default('127.0.0.1'),
  GONGKAI_DATA_DIR: nonEmpty.default('./var'),
  DATABASE_URL: z.string({ error: '应为文本' }).regex(/^(postgres(ql)?:\/\/.+|sqlite:.+)$/, '应以 postgres:// 开头（或 sqlite:<文件>）').optional(),
  SESSION_SECRET: z.string({ error: '应为文本' }).min(32, '至少 32 个字符').optional(),
  SMTP_HOST: nonEmpty.optional(),
  SMTP_PORT: intIn(1, 65535).default(25),
  SMTP_USER: z.string({ error: '应为文本' }).optional(),
  SMTP_PASS: z.string({ error: '应为文本' }).optional(),
  SMTP_FROM: z.string({ error: '应为文本' }).email('应为有效的电子邮件地址').default('gongkai@localhost.localdomain'),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0'], { error: '应为 true、false、1 或 0' }).default('false'),
  GONGKAI_SEARCH_RATE_LIMIT: intIn(1, 10_000_000).default(120),
  GONGKAI_LOGIN_RATE_LIMIT: intIn(1, 10_000_000).default(20),
  PUBLIC_BASE_URL: z.string().optional(),
  GONGKAI_SESSION_IDLE_MINUTES: intIn(1, 24 * 60).default(30),
  GONGKAI_SESSION_MAX_HOURS: intIn(1, 24 * 30).default(12),
  GONGKAI_MAX_SESSIONS: intIn(1, 100).default(3),
  GONGKAI_PASSWORD_MAX_AGE_DAYS: intIn(0, 3650).default(0),
  GONGKAI_LOGIN_IP_MAX_FAILURES: intIn(1, 1_000_000).default(30),
  // 网络安全法 第二十一条: network logs are kept for at least six months.
  GONGKAI_AUDIT_RETENTION_DAYS: intIn(180, 36500).default(365),
  GONGKAI_REQUIRE_TOTP: z.enum(['true', 'false', '1', '0']).default('false'),
  GONGKAI_SEPARATION_OF_DUTIES: z.enum(['true', 'false', '1', '0']).default('true'),
  GONGKAI_REQUEST_RATE_LIMIT: intIn(1, 10_000_000).default(10),
  GONGKAI_COMMENT_RATE_LIMIT: intIn(1, 10_000_000).default(10),
});

/** An http(s) origin without credentials, path, query or fragment; returned without a trailing slash. */
export function parsePublicBaseUrl(raw: string): string | null {
  let u: URL;
  try { u = new URL(raw); } catch { return null; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username || u.password || u.search || u.hash || (u.pathname !== '/' && u.pathname !== '')) return null;
  return u.origin;
}

const LABELS: Record<string, string> = {
  PORT: '端口 PORT',
  HOST: '监听地址 HOST',
  GONGKAI_DATA_DIR: '数据目录 GONGKAI_DATA_DIR',
  DATABASE_URL: '数据库地址 DATABASE_URL',
  SESSION_SECRET: '会话密钥 SESSION_SECRET',
  SMTP_HOST: '邮件服务器 SMTP_HOST',
  SMTP_PORT: '邮件端口 SMTP_PORT',
  SMTP_USER: '邮件用户名 SMTP_USER',
  SMTP_PASS: '邮件密码 SMTP_PASS',
  SMTP_FROM: '发件地址 SMTP_FROM',
  PUBLIC_BASE_URL: '公开访问地址 PUBLIC_BASE_URL',
  GONGKAI_AUDIT_RETENTION_DAYS: '审计日志保存天数 GONGKAI_AUDIT_RETENTION_DAYS',
  TRUST_PROXY: '反向代理 TRUST_PROXY',
  GONGKAI_SEARCH_RATE_LIMIT: '搜索频率限制 GONGKAI_SEARCH_RATE_LIMIT',
  GONGKAI_LOGIN_RATE_LIMIT: '登录频率限制 GONGKAI_LOGIN_RATE_LIMIT',
};

/** The value as given, for the message (secrets are not repeated). */
const shown = (key: string, v: unknown) => (key === 'SESSION_SECRET' || key === 'SMTP_PASS' ? '' : typeof v === 'string' ? `（当前值：“${v.slice(0, 60)}”）` : '');

/** Reads and validates the environment; creates the data dir and the session secret when absent. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0]);
        // The reason is always our own Chinese text, never the validator's English.
        const reason = /[\u4e00-\u9fff]/.test(i.message) ? i.message : '取值格式不正确';
        return `${LABELS[key] ?? key} 取值无效 / invalid value for ${key}：${reason}${shown(key, env[key])}`;
      }),
    );
  }
  const e = parsed.data;
  const publicBaseUrl = e.PUBLIC_BASE_URL === undefined ? `http://127.0.0.1:${e.PORT}` : parsePublicBaseUrl(e.PUBLIC_BASE_URL);
  if (publicBaseUrl === null) {
    throw new ConfigError([`${LABELS.PUBLIC_BASE_URL} 取值无效 / invalid value for PUBLIC_BASE_URL: must be an http:// or https:// origin such as https://gk.linzi.gov.cn (no path, query or credentials)`]);
  }
  const flag = (v: string) => v === 'true' || v === '1';
  const dataDir = resolve(e.GONGKAI_DATA_DIR);
  let sessionSecret = e.SESSION_SECRET;
  try {
    // Everything the platform writes (database files, uploads, backups, the session secret) is for its
    // own user only: files 0600, folders 0700, whoever creates them later in this process.
    process.umask(0o077);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try { chmodSync(dataDir, 0o700); } catch { /* not our folder (e.g. a mounted volume): leave its mode */ }
    if (!sessionSecret) {
      const file = join(dataDir, 'session-secret');
      if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
      try { chmodSync(file, 0o600); } catch { /* read-only volume: leave it */ }
      sessionSecret = readFileSync(file, 'utf8').trim();
    }
  } catch (err) {
    throw dataDirError(dataDir, err);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    sessionSecret,
    smtp: e.SMTP_HOST ? { host: e.SMTP_HOST, port: e.SMTP_PORT, user: e.SMTP_USER, pass: e.SMTP_PASS, from: e.SMTP_FROM } : null,
    trustProxy: flag(e.TRUST_PROXY),
    searchRateLimit: e.GONGKAI_SEARCH_RATE_LIMIT,
    loginRateLimit: e.GONGKAI_LOGIN_RATE_LIMIT,
    publicBaseUrl,
    secure: publicBaseUrl.startsWith('https:'),
    security: {
      sessionIdleMinutes: e.GONGKAI_SESSION_IDLE_MINUTES,
      sessionMaxHours: e.GONGKAI_SESSION_MAX_HOURS,
      maxSessionsPerUser: e.GONGKAI_MAX_SESSIONS,
      passwordMaxAgeDays: e.GONGKAI_PASSWORD_MAX_AGE_DAYS,
      loginIpMaxFailures: e.GONGKAI_LOGIN_IP_MAX_FAILURES,
      auditRetentionDays: e.GONGKAI_AUDIT_RETENTION_DAYS,
      requireTotp: flag(e.GONGKAI_REQUIRE_TOTP),
      separationOfDuties: flag(e.GONGKAI_SEPARATION_OF_DUTIES),
    },
    requestSubmitRateLimit: e.GONGKAI_REQUEST_RATE_LIMIT,
    commentRateLimit: e.GONGKAI_COMMENT_RATE_LIMIT,
  };
}

/** A data dir the process cannot use (read-only, wrong owner, read-only file system): what is wrong and where, in both languages. */
export function dataDirError(dataDir: string, err: unknown): ConfigError {
  const code = (err as { code?: string } | null)?.code ?? 'error';
  return new ConfigError([
    `数据目录不可写：${dataDir}（${code}）。请检查该目录及其中文件的权限和所有者（运行服务的用户需要读写权限），或用 GONGKAI_DATA_DIR 指定其他目录。`,
    `The data directory is not writable: ${dataDir} (${code}). Check the permissions and owner of the directory and its files (the service user needs read and write access), or set GONGKAI_DATA_DIR to another directory.`,
  ]);
}
