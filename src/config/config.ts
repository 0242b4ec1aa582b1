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
  /** Public comments (征求意见) per IP per minute. */
  commentRateLimit: number;
};

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`配置错误 / invalid configuration:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}

const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  PORT: intIn(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  GONGKAI_DATA_DIR: z.string().min(1).default('./var'),
  DATABASE_URL: z.string().regex(/^(postgres(ql)?:\/\/.+|sqlite:.+)$/, 'must start with postgres:// (or sqlite:<file>)').optional(),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: intIn(1, 65535).default(25),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_FROM: z.string().email().default('gongkai@localhost.localdomain'),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false'),
  GONGKAI_SEARCH_RATE_LIMIT: intIn(1, 10_000_000).default(120),
  GONGKAI_LOGIN_RATE_LIMIT: intIn(1, 10_000_000).default(20),
  GONGKAI_COMMENT_RATE_LIMIT: intIn(1, 10_000_000).default(10),
});

const LABELS: Record<string, string> = {
  PORT: '端口 PORT',
  HOST: '监听地址 HOST',
  GONGKAI_DATA_DIR: '数据目录 GONGKAI_DATA_DIR',
  DATABASE_URL: '数据库地址 DATABASE_URL',
  SESSION_SECRET: '会话密钥 SESSION_SECRET',
  SMTP_PORT: '邮件端口 SMTP_PORT',
  SMTP_FROM: '发件地址 SMTP_FROM',
};

/** Reads and validates the environment; creates the data dir and the session secret when absent. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0]);
        return `${LABELS[key] ?? key} 取值无效 / invalid value for ${key}: ${i.message}`;
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
    commentRateLimit: e.GONGKAI_COMMENT_RATE_LIMIT,
  };
}
