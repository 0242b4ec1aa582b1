// `gongkai items add`: a draft, and with --publish the reviewer's sign-off by the CLI's system actor, all
// in one transaction — a refused sign-off (privacy hit, missing interpretation) leaves nothing behind.
import type { Ctx } from '../lib/context.js';
import { parseInput } from '../lib/validate.js';
import { itemInput, signoffInput } from './disclosure.schema.js';
import { insertDraft, prepareEnv } from './items.service.js';
import { keepAllBlocking } from './privacy.service.js';
import { exemptTx, publishTx, submitTx } from './workflow.service.js';

export type CliPublishOptions = {
  publish: boolean;
  publishedOn?: string;
  /** Keeps every high-severity privacy hit with this reason (recorded like a reviewer's decision). */
  keepPrivacy?: string;
  /** Exempts a policy document from "谁起草、谁解读" with this reason. */
  exemptInterpretation?: string;
  /** Confirms the 用词检查 hits (敏感词, leaders' names and titles, 错别字) like a reviewer. */
  confirmWording?: boolean;
};

export async function addItemFromCli(ctx: Ctx, raw: Record<string, unknown>, o: CliPublishOptions): Promise<number> {
  const input = parseInput(itemInput, raw);
  const signoff = o.publish
    ? parseInput(signoffInput, { confidentialityChecked: true, attribute: input.attribute, withheldBasis: input.withheldBasis, attributeReason: input.attributeReason, publishedOn: o.publishedOn, wordingConfirmed: Boolean(o.confirmWording) })
    : null;
  const env = await prepareEnv(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    let item = await insertDraft(tx, ctx, env, input);
    if (o.exemptInterpretation) item = await exemptTx(tx, ctx, item, o.exemptInterpretation);
    if (o.keepPrivacy) item = await keepAllBlocking(tx, ctx, item, o.keepPrivacy);
    if (signoff) {
      await submitTx(tx, ctx, item.id);
      await publishTx(tx, ctx, env, item.id, signoff);
    }
    return item.id;
  });
}
