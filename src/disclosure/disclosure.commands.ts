// `gongkai items …` and `gongkai privacy scan`: scripted publishing and the personal-data scanner.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cliError, withDb } from '../cli/cli-context.js';
import { PRIVACY_KIND_LABELS } from './labels.js';
import { contextOf, scanPersonalData } from './pure/privacy-scan.js';
// Services (and mammoth/exceljs behind attachment-file) load when a command runs, so the CLI starts faster.

type AddOptions = {
  unit: string; title: string; body: string; attribute: string; basis?: string; reason?: string; formedOn?: string; type?: string;
  category?: string; topic?: string; docNumber?: string; writtenOn?: string; validUntil?: string; policy?: string; interpForm?: string;
  needsInterpretation?: boolean; publish?: boolean; publishedOn?: string; keepPrivacy?: string; exemptInterpretation?: string; confirmWording?: boolean;
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Text of a file: docx/xlsx are extracted like attachments, anything else is read as UTF-8 text. */
async function fileText(path: string): Promise<string> {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    throw cliError(`无法读取文件：${path}（${(err as NodeJS.ErrnoException).code ?? (err as Error).message}）`);
  }
  const { inspectAttachment, kindFromName } = await import('./attachment-file.js');
  const kind = kindFromName(path);
  if (kind === 'docx' || kind === 'xlsx') return (await inspectAttachment(path, buf)).text;
  return buf.toString('utf8').replace(/^\ufeff/, '');
}

export function registerDisclosureCommands(program: Command): void {
  const items = program.command('items').description('政府信息');
  items.command('add').description('新建政府信息，输出新信息的编号；--publish 以命令行管理员身份完成保密审查签发（记入审计日志）')
    .requiredOption('--unit <name>', '发布机构（单位名称）')
    .requiredOption('--title <title>', '标题')
    .requiredOption('--body <text>', '正文（纯文本或 HTML，保存前清理）')
    .requiredOption('--attribute <attribute>', 'proactive | on_request | withheld')
    .option('--basis <code>', '不予公开依据代码（withheld 必填），如 art16_process_info')
    .option('--reason <text>', '认定理由（withheld 必填）')
    .option('--formed-on <date>', '信息形成（变更）日期，默认今天')
    .option('--type <type>', 'general | normative | policy | interpretation | penalty', 'general')
    .option('--category <code>', '公开目录代码（默认按类型）')
    .option('--topic <code>', '主题分类代码')
    .option('--doc-number <text>', '文号')
    .option('--written-on <date>', '成文日期')
    .option('--valid-until <date>', '有效期至（规范性文件）')
    .option('--policy <id>', '所解读的政策文件编号（interpretation）')
    .option('--interp-form <form>', 'text | graphic | video | qa（interpretation）', 'text')
    .option('--needs-interpretation', '其他政策文件需要政策解读')
    .option('--publish', '同时签发发布')
    .option('--published-on <date>', '发布日期只能是签发当日（今天）；原网站的历史信息请用 items import-historic')
    .option('--keep-privacy <reason>', '签发时保留发现的全部个人信息，并记录理由（不加此项时发现个人信息即拒绝签发）')
    .option('--exempt-interpretation <reason>', '政策文件免于解读的理由')
    .option('--confirm-wording', '签发时确认用词检查提示（敏感词、领导姓名职务、错别字）已核对无误（不加此项时有提示即拒绝签发）')
    .action(async (o: AddOptions) => {
      await withDb(async (ctx) => {
        const unit = await ctx.db.selectFrom('units').select(['id']).where('name', '=', o.unit).executeTakeFirst();
        if (!unit) throw cliError(`单位不存在：${o.unit}`);
        const id = await (await import('./items-cli.service.js')).addItemFromCli(ctx, {
          unitId: unit.id, itemType: o.type, title: o.title, body: o.body, attribute: o.attribute, withheldBasis: o.basis, attributeReason: o.reason,
          formedOn: o.formedOn, categoryCode: o.category, topicCode: o.topic, docNumber: o.docNumber, writtenOn: o.writtenOn, validUntil: o.validUntil,
          policyItemId: o.policy, interpForm: o.type === 'interpretation' ? o.interpForm : undefined, needsInterpretation: Boolean(o.needsInterpretation),
        }, { publish: Boolean(o.publish), publishedOn: o.publishedOn, keepPrivacy: o.keepPrivacy, exemptInterpretation: o.exemptInterpretation, confirmWording: Boolean(o.confirmWording) });
        console.log(String(id));
      }, '命令行管理员');
    });

  items.command('import-historic').description('历史信息导入（仅管理员）：原网站已发布的信息，保留原发布日期，标注来源，不计入公开时效；输出新信息的编号')
    .requiredOption('--unit <name>', '发布机构（单位名称）')
    .requiredOption('--title <title>', '标题')
    .requiredOption('--body <text>', '正文（纯文本或 HTML，保存前清理）')
    .requiredOption('--published-on <date>', '原发布日期')
    .requiredOption('--source <text>', '来源：原网站地址或说明')
    .option('--type <type>', 'general | normative | policy', 'general')
    .option('--category <code>', '公开目录代码')
    .option('--doc-number <text>', '文号')
    .option('--written-on <date>', '成文日期')
    .action(async (o: { unit: string; title: string; body: string; publishedOn: string; source: string; type: string; category?: string; docNumber?: string; writtenOn?: string }) => {
      await withDb(async (ctx) => {
        const unit = await ctx.db.selectFrom('units').select(['id']).where('name', '=', o.unit).executeTakeFirst();
        if (!unit) throw cliError(`单位不存在：${o.unit}`);
        const id = await (await import('./historic-import.service.js')).importHistoricItem(ctx, {
          unitId: unit.id, itemType: o.type, title: o.title, body: o.body, categoryCode: o.category, docNumber: o.docNumber, writtenOn: o.writtenOn,
          originalPublishedOn: o.publishedOn, source: o.source,
        });
        console.log(String(id));
      }, '命令行管理员');
    });

  items.command('expire-validity').description('将有效期已届满的规范性文件标记为已失效（定时任务每小时也会执行），输出处理件数')
    .action(async () => {
      await withDb(async (ctx) => console.log(String(await (await import('./validity.service.js')).expireNormativeDocuments(ctx))), '命令行管理员');
    });

  const privacy = program.command('privacy').description('个人信息检查');
  privacy.command('scan [file]').description('列出文本中的个人信息（身份证号、手机号、银行卡号、电子邮箱等）；docx/xlsx 先提取文字')
    .option('--stdin', '从标准输入读取文本')
    .option('--json', '输出 JSON 数组 [{"kind","text","start","end"}]（UTF-16 偏移）')
    .action(async (file: string | undefined, o: { stdin?: boolean; json?: boolean }) => {
      if (!file && !o.stdin) throw cliError('用法：gongkai privacy scan <文件> [--json]，或 gongkai privacy scan --stdin');
      const text = o.stdin ? await readStdin() : await fileText(file!);
      const hits = scanPersonalData(text);
      if (o.json) {
        process.stdout.write(`${JSON.stringify(hits.map((h) => ({ kind: h.kind, text: h.text, start: h.start, end: h.end })))}\n`);
        return;
      }
      if (!hits.length) {
        console.log('未发现个人信息');
        return;
      }
      for (const h of hits) {
        const c = contextOf(text, h);
        console.log(`${h.start}-${h.end}\t${PRIVACY_KIND_LABELS[h.kind]}${h.severity === 'low' ? '（提示）' : ''}\t${h.text}\t…${c.before}【${c.match}】${c.after}…`);
      }
      console.log(`共 ${hits.length} 处，其中须处理 ${hits.filter((h) => h.severity === 'high').length} 处`);
    });
}
