// Configuration from environment variables, validated once at start-up.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

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
  return z.coerce.number({ error: msg }).int(msg).min(min, msg).max(max, msg);
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
});

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
  const dataDir = resolve(e.GONGKAI_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  let sessionSecret = e.SESSION_SECRET;
  if (!sessionSecret) {
    const file = join(dataDir, 'session-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    sessionSecret = readFileSync(file, 'utf8').trim();
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    sessionSecret,
    smtp: e.SMTP_HOST ? { host: e.SMTP_HOST, port: e.SMTP_PORT, user: e.SMTP_USER, pass: e.SMTP_PASS, from: e.SMTP_FROM } : null,
    trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
    searchRateLimit: e.GONGKAI_SEARCH_RATE_LIMIT,
    loginRateLimit: e.GONGKAI_LOGIN_RATE_LIMIT,
  };
}
