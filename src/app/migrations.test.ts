import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allMigrations, checkMigrationNames } from './migrations.js';

test('every migration name follows YYYYMMDD_HHMM_<module>_<what> (or is one of the four legacy names) and is unique', () => {
  assert.deepEqual(checkMigrationNames(allMigrations()), []);
});

test('the name rule refuses numbered ranges, impossible times and duplicates', () => {
  const up = async () => {};
  const problems = checkMigrationNames([
    { name: '2026_1201_requests', reason: '', up },
    { name: '20261201_2561_x', reason: '', up },
    { name: '20261201_1700_ok_name', reason: '', up },
    { name: '20261201_1700_ok_name', reason: '', up },
  ]);
  assert.equal(problems.length, 3, problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('20261201_2561_x')));
  assert.ok(problems.some((p) => p.includes('duplicate')));
});
