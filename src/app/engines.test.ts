import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import semver from 'semver';

// `npm ci` on the machines we run on (Node 20) must not print EBADENGINE: every locked package's
// `engines.node` range has to admit the Node line in package.json's own `engines` field.
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines?: { node?: string };
};
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean; dev?: boolean }>;
};

export function enginesConflicts(
  packages: typeof lock.packages,
  nodeVersion: string,
): string[] {
  const out: string[] = [];
  for (const [path, entry] of Object.entries(packages)) {
    if (!path) continue;
    const range = !entry.engines || Array.isArray(entry.engines) ? undefined : entry.engines.node;
    if (!range) continue;
    if (!semver.satisfies(nodeVersion, range, { includePrerelease: true })) {
      out.push(`${path.replace(/^.*node_modules\//, '')}@${entry.version ?? '?'} needs node ${range}`);
    }
  }
  return out;
}

test('package.json declares Node 20 as the supported engine', () => {
  assert.ok(pkg.engines?.node, 'package.json has engines.node');
  assert.ok(semver.satisfies('20.20.0', pkg.engines.node!), `engines.node ${pkg.engines.node} admits Node 20`);
});

test('every locked package supports Node 20 (no EBADENGINE on npm ci)', () => {
  assert.deepEqual(enginesConflicts(lock.packages, '20.20.0'), []);
});

test('the engines check catches a package that needs a newer Node', () => {
  const found = enginesConflicts(
    { '': {}, 'node_modules/cookie': { version: '2.0.2', engines: { node: '>=22' } }, 'node_modules/ok': { version: '1.0.0', engines: { node: '>=18' } } },
    '20.20.0',
  );
  assert.deepEqual(found, ['cookie@2.0.2 needs node >=22']);
});
