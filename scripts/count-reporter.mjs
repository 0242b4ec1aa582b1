// node:test reporter: prints one line per finished test and appends the
// pass/fail counts to the file named by GONGKAI_TEST_COUNTS, so that
// scripts/test.mjs can total several runs into the final "N passed, N failed".
import { appendFileSync } from 'node:fs';

export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    if (data.details?.type === 'suite') continue;
    const label = process.env.GONGKAI_TEST_LABEL ? `[${process.env.GONGKAI_TEST_LABEL}] ` : '';
    const file = data.file ? data.file.replace(process.cwd() + '/', '') : '';
    if (event.type === 'test:pass') {
      if (data.skip || data.todo) continue;
      passed++;
      const ms = data.details?.duration_ms ?? 0;
      yield `ok   ${label}${file} › ${data.name}${ms > 3000 ? ` (${(ms / 1000).toFixed(1)} s)` : ''}\n`;
    } else {
      failed++;
      const err = data.details?.error;
      const cause = err?.cause ?? err;
      const msg = cause?.stack ?? cause?.message ?? String(cause);
      yield `FAIL ${label}${file} › ${data.name}\n${String(msg).split('\n').slice(0, 25).map((l) => '     ' + l).join('\n')}\n`;
    }
  }
  if (process.env.GONGKAI_TEST_COUNTS) appendFileSync(process.env.GONGKAI_TEST_COUNTS, `${passed} ${failed}\n`);
}
