// The platform's own indicators of the self-inspection (网站自查), laid out like the national sheet
// (《政府网站与政务新媒体检查指标》国办秘函〔2019〕19号): 单项否决 items with their thresholds, and
// deduction items. Other modules add theirs through `siteChecks` in their module.ts.
import type { SiteCheck, SiteCheckResult } from '../app/module.js';
import type { Ctx } from '../lib/context.js';
import { todayCst } from '../lib/time.js';
import { normativeWithoutValidity, publicItemTexts, undatedPublishedItems } from '../disclosure/public.js';
import { categoryStats, refData, withDescendants } from '../portal/public.js';
import { crawlSite, crawlTarget, type CrawlResult } from './crawl.js';
import { loadDictionary, unconfirmedHits } from './dictionary.js';
import { bodiesOf, currentGuide, loadOffice, OFFICE_LABELS, REQUIRED_OFFICE } from './subcolumns.service.js';
import { columnSettings, checkSettings, COLUMN_TYPE_DAYS, COLUMN_TYPE_LABELS } from './columns.js';

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const consoleItem = (path: string) => {
  const m = /^\/items\/(\d+)/.exec(path);
  return m ? `/console/items/${m[1]}` : path;
};

// One crawl per self-inspection run, shared by the two link indicators.
const crawls = new WeakMap<Ctx, Promise<CrawlResult | null>>();
function crawlOnce(ctx: Ctx): Promise<CrawlResult | null> {
  let p = crawls.get(ctx);
  if (!p) {
    p = (async () => {
      const app = crawlTarget(ctx.db);
      if (!app) return null;
      const s = await checkSettings(ctx.db);
      // Every public page the sitemap lists (items beyond the first list pages included) is a start point too.
      const map = await app.inject({ method: 'GET', url: '/sitemap.xml' });
      const seeds = map.statusCode === 200 ? [...map.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => { try { const u = new URL(m[1]!.replace(/&amp;/g, '&')); return u.pathname + u.search; } catch { return ''; } }).filter(Boolean) : [];
      return crawlSite(app, { seeds, external: { enabled: s.externalLinks, timeoutMs: s.timeoutMs, concurrency: s.concurrency }, maxRequests: s.maxRequests });
    })();
    crawls.set(ctx, p);
  }
  return p;
}

async function columnFacts(ctx: Ctx, areaId: number) {
  const ref = await refData(ctx);
  const [stats, settings] = await Promise.all([categoryStats(ctx.db, areaId), columnSettings(ctx.db, areaId)]);
  return ref.catalog.map((c) => {
    const codes = withDescendants(ref.catalog, c.code);
    const n = codes.reduce((s, code) => s + (stats.get(code)?.n ?? 0), 0);
    const latest = codes.map((code) => stats.get(code)?.latest ?? null).filter((x): x is string => !!x).sort().pop() ?? null;
    const conf = settings.get(c.code);
    return { code: c.code, name: c.name, n, latest, type: conf.column_type, frequency: conf.frequency_days, owner: conf.owner_name };
  });
}

const result = (status: SiteCheckResult['status'], figure: string, findings: SiteCheckResult['findings'] = []): SiteCheckResult => ({ status, figure, findings });

/** The run of each platform indicator by id (metadata in check-meta.ts). */
export const PLATFORM_CHECKS: Pick<SiteCheck, 'id' | 'run'>[] = [
  {
    id: 'home-updated',
    run: async (ctx, areaId) => {
      const latest = (await columnFacts(ctx, areaId)).map((c) => c.latest).filter((x): x is string => !!x).sort().pop();
      if (!latest) return result('FAIL', '首页没有任何已发布信息', [{ message: '首页没有已发布的信息，请发布信息', href: '/console/items/new' }]);
      const d = daysBetween(latest, todayCst());
      return d <= 14 ? result('PASS', `最近更新 ${latest}（${d}天前）`)
        : result('FAIL', `最近更新 ${latest}（${d}天前）`, [{ message: `首页已${d}天没有新信息（要求2周内更新）`, href: '/console/items/new' }]);
    },
  },
  {
    id: 'undated-items',
    run: async (ctx, areaId) => {
      const rows = await undatedPublishedItems(ctx.db, areaId);
      return result(rows.length ? 'FAIL' : 'PASS', `${rows.length}条`, rows.map((r) => ({ message: `已发布但没有发布日期：${r.title}`, href: `/console/items/${r.id}` })));
    },
  },
  {
    id: 'stale-columns',
    run: async (ctx, areaId) => {
      const today = todayCst();
      const stale = (await columnFacts(ctx, areaId)).filter((c) => COLUMN_TYPE_DAYS[c.type] !== undefined && c.n > 0 && daysBetween(c.latest!, today) > COLUMN_TYPE_DAYS[c.type]!);
      return result(stale.length >= 5 ? 'FAIL' : 'PASS', `${stale.length}个`, stale.map((c) => ({
        message: `${c.name}（${COLUMN_TYPE_LABELS[c.type]}）最近更新 ${c.latest}，已${daysBetween(c.latest!, today)}天${c.owner ? `；责任单位：${c.owner}` : ''}`, href: `/catalog?category=${encodeURIComponent(c.code)}`,
      })));
    },
  },
  {
    id: 'overdue-columns',
    run: async (ctx, areaId) => {
      const today = todayCst();
      const late = (await columnFacts(ctx, areaId)).filter((c) => c.frequency && c.n > 0 && daysBetween(c.latest!, today) > c.frequency);
      return result(late.length >= 10 ? 'FAIL' : 'PASS', `${late.length}个`, late.map((c) => ({
        message: `${c.name}应每${c.frequency}天更新，最近更新 ${c.latest}${c.owner ? `；责任单位：${c.owner}` : ''}`, href: '/console/site/columns',
      })));
    },
  },
  {
    id: 'blank-columns',
    run: async (ctx, areaId) => {
      const blank = (await columnFacts(ctx, areaId)).filter((c) => c.n === 0);
      return result(blank.length >= 5 ? 'FAIL' : 'PASS', `${blank.length}个`, blank.map((c) => ({
        message: `${c.name}栏目没有信息${c.owner ? `；责任单位：${c.owner}` : ''}`, href: `/console/items/new?categoryCode=${encodeURIComponent(c.code)}`,
      })));
    },
  },
  {
    id: 'broken-links',
    run: async (ctx) => {
      const c = await crawlOnce(ctx);
      if (!c) return result('UNCERTAIN', '未检查（本进程没有网站服务）');
      const findings = c.broken.map((b) => ({ message: `${b.foundOn} 中的 ${b.url} 不可用（${b.status}）`, href: consoleItem(b.foundOn) }));
      if (c.truncated) findings.push({ message: `页面过多，只检查了前${c.checked}个地址`, href: '/console/site-check' });
      return result(c.broken.length ? 'FAIL' : c.truncated ? 'UNCERTAIN' : 'PASS', `检查${c.checked}个地址，不可用${c.broken.length}个`, findings);
    },
  },
  {
    id: 'external-links',
    run: async (ctx) => {
      const c = await crawlOnce(ctx);
      if (!c) return result('UNCERTAIN', '未检查（本进程没有网站服务）');
      const e = c.external;
      if (e.unchecked) return result('UNCERTAIN', `外部链接${e.total}个，未检查（外部链接检查已关闭）`, [{ message: '在网站自查设置中开启外部链接检查', href: '/console/site-check#settings' }]);
      return result(e.broken.length ? 'FAIL' : 'PASS', `外部链接${e.total}个，不可用${e.broken.length}个`, e.broken.map((b) => ({ message: `${b.foundOn} 中的 ${b.url} 不可用（${b.status}）`, href: consoleItem(b.foundOn) })));
    },
  },
  {
    id: 'wording',
    run: async (ctx, areaId) => {
      const dict = await loadDictionary(ctx.db);
      const findings: SiteCheckResult['findings'] = [];
      let after = 0;
      for (;;) {
        const rows = await publicItemTexts(ctx.db, areaId, after, 500);
        if (!rows.length) break;
        for (const r of rows) for (const h of await unconfirmedHits(ctx.db, dict, r)) findings.push({ message: `《${r.title}》：${h.message}`, href: `/console/items/${r.id}` });
        after = rows[rows.length - 1]!.id;
      }
      return result(findings.length ? 'FAIL' : 'PASS', `${findings.length}处`, findings);
    },
  },
  {
    id: 'normative-validity',
    run: async (ctx, areaId) => {
      const rows = await normativeWithoutValidity(ctx.db, areaId);
      return result(rows.length ? 'FAIL' : 'PASS', `${rows.length}件未标注`, rows.map((r) => ({ message: `《${r.title}》没有标注有效性`, href: `/console/items/${r.id}` })));
    },
  },
  {
    id: 'guides',
    run: async (ctx, areaId) => {
      const findings: SiteCheckResult['findings'] = [];
      for (const b of await bodiesOf(ctx.db, areaId)) {
        await currentGuide(ctx, b, areaId); // the daily run regenerates a guide whose facts changed (catalog, identity)
        const o = await loadOffice(ctx.db, b, areaId);
        const missing = REQUIRED_OFFICE.filter((k) => !o[k]).map((k) => OFFICE_LABELS[k]);
        if (missing.length) findings.push({ message: `${b.name}：缺少${missing.join('、')}`, href: `/console/site/offices/${b.id}` });
      }
      return result(findings.length ? 'FAIL' : 'PASS', `${findings.length}个机关不完整`, findings);
    },
  },
];

export async function runPlatformCheck(id: string, ctx: Ctx, areaId: number): Promise<SiteCheckResult> {
  const c = PLATFORM_CHECKS.find((x) => x.id === id);
  if (!c) throw new Error(`unknown check ${id}`);
  return c.run(ctx, areaId);
}
