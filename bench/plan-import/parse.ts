// Times the plan parser on the 2022 Linzi seed (63 tasks) and on a synthetic 1000-task plan in
// the same messy export format. Run: node --import tsx bench/plan-import/parse.ts
import { readFileSync } from 'node:fs';
import { parsePlanText } from '../../src/plan/plan-text-parser.js';
import { generateSyntheticPlan } from '../../src/plan/synthetic-plan.js';

const ROUNDS = Number(process.env.ROUNDS ?? 20);

const time = (label: string, text: string): void => {
  parsePlanText(text); // warm up the JIT and regex caches
  const samples: number[] = [];
  let tasks = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    tasks = parsePlanText(text).tasks.length;
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const median = samples[samples.length >> 1];
  const kb = (Buffer.byteLength(text) / 1024).toFixed(0);
  console.log(`${label}: ${tasks} tasks, ${kb} KiB, median ${median.toFixed(2)} ms, min ${samples[0].toFixed(2)} ms, max ${samples[samples.length - 1].toFixed(2)} ms (${ROUNDS} rounds)`);
};

const seed = readFileSync(new URL('../../src/plan/fixtures/linzi-2022.txt', import.meta.url), 'utf8');
time('seed 临政办字〔2022〕16号', seed);
const t0 = process.hrtime.bigint();
const synthetic = generateSyntheticPlan(1000, 1).text;
console.log(`generate 1000-task plan: ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(2)} ms`);
time('synthetic 1000 tasks', synthetic);
