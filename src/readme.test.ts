// The README's security section states guarantees and names, in brackets, the test files that
// build a hostile repository for each. A guarantee whose test file was renamed or removed would
// silently lose its proof: every named file must exist, and every bullet must name at least one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function securitySection(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Security');
  assert.ok(start >= 0, 'README has a "## Security" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

test('README security section: every guarantee names its hostile-fixture tests, and they exist', () => {
  const section = securitySection();
  const bullets = section.split('\n- ').slice(1);
  assert.ok(bullets.length >= 6, `expected the guarantees as bullets, got ${bullets.length}`);
  const named = new Set<string>();
  for (const b of bullets) {
    const refs = [...b.matchAll(/`(src\/[^`]+\.test\.ts)`/g)].map((m) => m[1]!);
    assert.ok(refs.length > 0, `guarantee without a named test: ${b.slice(0, 80)}`);
    for (const r of refs) named.add(r);
  }
  for (const r of named) assert.ok(existsSync(join(ROOT, r)), `README names ${r}, which does not exist`);
});
