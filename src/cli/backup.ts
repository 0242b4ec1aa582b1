// `gongkai backup` / `gongkai restore`: one archive (tar) holding a consistent snapshot of the SQLite
// database, the uploads/ folder and a manifest with every file's size and SHA-256. On PostgreSQL the
// archive holds the uploads only; the database is backed up with pg_dump (README).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import type { DbHandle } from '../db/connect.js';
import { cliError } from './cli-context.js';

export type ManifestFile = { path: string; size: number; sha256: string };
export type Manifest = { format: 'gongkai-backup'; version: 1; createdAt: string; engine: 'sqlite' | 'postgres'; database: string | null; files: ManifestFile[] };

export const DB_FILE = 'gongkai.sqlite';
export const PID_FILE = 'gongkai.pid';

const sha256 = (file: string) => new Promise<string>((res, rej) => {
  const h = createHash('sha256');
  createReadStream(file).on('data', (d) => h.update(d)).on('error', rej).on('end', () => res(h.digest('hex')));
});

function walk(root: string, dir = root, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(root, p, out);
    else out.push(relative(root, p).split(sep).join('/'));
  }
  return out;
}

const tar = (args: string[]) => {
  const r = spawnSync('tar', args, { encoding: 'utf8' });
  if (r.status !== 0) throw cliError(`tar 失败 / tar failed: ${r.stderr || r.error?.message}`);
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * SQLite snapshot with VACUUM INTO: one read transaction, so the copy is consistent and finishes
 * however fast others write (WAL readers do not block writers, and nothing restarts). Retried a few
 * times, with a pause, only if the file is locked (e.g. a checkpoint in progress).
 */
async function snapshotSqlite(sqlite: Database.Database, target: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      sqlite.prepare('VACUUM INTO ?').run(target);
      return;
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (!/^SQLITE_(BUSY|LOCKED)/.test(code) || attempt >= 5) throw err;
      rmSync(target, { force: true });
      await sleep(500 * attempt);
    }
  }
}

export async function createBackup(handle: DbHandle, dataDir: string, file: string, log: (s: string) => void): Promise<{ manifest: Manifest; target: string }> {
  const target = resolve(file);
  if (existsSync(target)) throw cliError(`目标文件已存在：${target}`);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), '.gongkai-backup-'));
  try {
    let database: string | null = null;
    if (handle.sqlite) {
      log('正在生成数据库快照…');
      await snapshotSqlite(handle.sqlite, join(staging, DB_FILE));
      database = DB_FILE;
    }
    // After the snapshot: every attachment it refers to is already on disk (files are written before their row commits, never changed).
    const uploads = join(dataDir, 'uploads');
    if (existsSync(uploads)) cpSync(uploads, join(staging, 'uploads'), { recursive: true });
    const files: ManifestFile[] = [];
    for (const p of walk(staging)) files.push({ path: p, size: statSync(join(staging, p)).size, sha256: await sha256(join(staging, p)) });
    const manifest: Manifest = { format: 'gongkai-backup', version: 1, createdAt: new Date().toISOString(), engine: handle.dialect, database, files };
    writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const tmp = `${target}.partial`;
    tar(['-cf', tmp, '-C', staging, '.']);
    renameSync(tmp, target);
    return { manifest, target };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The pid in <data dir>/gongkai.pid when that process is alive (a server using this data dir). */
export function runningServer(dataDir: string): number | null {
  const f = join(dataDir, PID_FILE);
  if (!existsSync(f)) return null;
  const pid = Number(readFileSync(f, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as { code?: string }).code !== 'EPERM') return null; // no such process: a stale file (kill -9)
  }
  // A reused pid of some other program is not our server.
  try {
    if (!/node|gongkai/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) return null;
  } catch { /* no /proc: trust the pid */ }
  return pid;
}

/** Checks an archive (manifest, sizes, checksums, SQLite integrity); returns the extracted staging dir and manifest. */
export async function checkArchive(archive: string, stagingParent: string): Promise<{ staging: string; manifest: Manifest }> {
  if (!existsSync(archive)) throw cliError(`备份文件不存在：${archive}`);
  mkdirSync(stagingParent, { recursive: true });
  const staging = mkdtempSync(join(stagingParent, '.gongkai-restore-'));
  try {
    tar(['-xf', archive, '-C', staging]);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(join(staging, 'manifest.json'), 'utf8')) as Manifest;
    } catch {
      throw cliError('不是 Gongkai 备份（缺少 manifest.json） / not a Gongkai backup archive');
    }
    if (manifest.format !== 'gongkai-backup' || manifest.version !== 1 || !Array.isArray(manifest.files)) throw cliError('不是 Gongkai 备份或版本不受支持 / unsupported archive');
    const listed = new Set(manifest.files.map((f) => f.path));
    for (const f of manifest.files) {
      const p = join(staging, f.path);
      if (!existsSync(p)) throw cliError(`备份不完整：缺少 ${f.path}`);
      if (statSync(p).size !== f.size || (await sha256(p)) !== f.sha256) throw cliError(`备份已损坏：${f.path} 的校验和不符`);
    }
    const extra = walk(staging).filter((p) => p !== 'manifest.json' && !listed.has(p));
    if (extra.length) throw cliError(`备份中有清单以外的文件：${extra.slice(0, 3).join('、')}`);
    if (manifest.database) {
      const db = new Database(join(staging, manifest.database), { readonly: true });
      try {
        const r = db.pragma('integrity_check', { simple: true });
        if (r !== 'ok') throw cliError(`备份中的数据库未通过完整性检查：${String(r)}`);
        if (!db.prepare("SELECT name FROM sqlite_master WHERE name = 'kysely_migration'").get()) throw cliError('备份中的数据库不是 Gongkai 数据库');
      } finally {
        db.close();
      }
    }
    return { staging, manifest };
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Restores an archive into a data dir that no server is using. What is there already (database,
 * uploads) is moved aside into before-restore-<time>/ (with --force only), never deleted.
 */
export async function restoreBackup(archive: string, dataDir: string, opts: { force: boolean; engine: 'sqlite' | 'postgres' }): Promise<{ manifest: Manifest; asideDir: string | null }> {
  const pid = runningServer(dataDir);
  if (pid) throw cliError(`数据目录 ${dataDir} 正由运行中的服务使用（进程 ${pid}）：请先停止服务再恢复 / a running server uses this data dir; stop it first`);
  const { staging, manifest } = await checkArchive(resolve(archive), dirname(resolve(dataDir)));
  try {
    if (manifest.engine !== opts.engine) throw cliError(`备份来自 ${manifest.engine} 数据库，当前配置为 ${opts.engine}`);
    mkdirSync(dataDir, { recursive: true });
    const present = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, 'uploads'].filter((n) => existsSync(join(dataDir, n)));
    const replaced = manifest.database ? present : present.filter((n) => n === 'uploads');
    let asideDir: string | null = null;
    if (replaced.length) {
      if (!opts.force) throw cliError(`数据目录 ${dataDir} 中已有数据（${replaced.join('、')}）：确认覆盖请加 --force（原有文件会移到 before-restore-时间/ 目录，不会删除）`);
      asideDir = join(dataDir, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      mkdirSync(asideDir);
      for (const n of replaced) renameSync(join(dataDir, n), join(asideDir, n));
    }
    if (manifest.database) renameSync(join(staging, manifest.database), join(dataDir, DB_FILE));
    if (existsSync(join(staging, 'uploads'))) renameSync(join(staging, 'uploads'), join(dataDir, 'uploads'));
    return { manifest, asideDir };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
