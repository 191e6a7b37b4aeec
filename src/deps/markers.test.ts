import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateMarker, targetEnvironment } from './markers.js';
import { auditConfigErrors, environmentFromConfig } from './audit-config.js';

test('markers: decided for the target, unknown where the target leaves a variable open', () => {
  const linux311 = targetEnvironment('3.11', 'linux')!;
  const cases: [string, boolean | undefined][] = [
    ['python_version < "3.8"', false],
    ['python_version >= "3.8"', true],
    ["python_version<'3.12'", true],
    ['sys_platform == "win32"', false],
    ['platform_system == "Linux" and os_name == "posix"', true],
    ['(python_version < "3.10" or sys_platform == "darwin")', false],
    ['python_version ~= "3.9"', true],
    ['"linux" in sys_platform', true],
    ['sys_platform not in "win32 cygwin"', true],
    ['implementation_name == "pypy"', false],
    // open variables
    ['extra == "dev"', undefined],
    ['platform_machine == "x86_64"', undefined],
    ['python_full_version >= "3.11.2"', undefined],
    // false wins over unknown in `and`, true in `or`
    ['python_version < "3.8" and extra == "dev"', false],
    ['python_version >= "3.8" or extra == "dev"', true],
    ['python_version >= "3.8" and extra == "dev"', undefined],
    // what pyward cannot read never drops a dependency
    ['python_version <', undefined],
    ['weird_var == "1"', undefined],
    ['python_version < "3.8" junk', undefined],
  ];
  for (const [m, want] of cases) assert.equal(evaluateMarker(m, linux311), want, m);
  assert.equal(evaluateMarker('python_full_version >= "3.11.2"', targetEnvironment('3.11.4')!), true);
  assert.equal(evaluateMarker('sys_platform == "win32"', targetEnvironment('3.11')!), undefined);
  assert.equal(targetEnvironment(), undefined);
});

test('[tool.pyward.audit]: validated; command-line values win', () => {
  assert.deepEqual(auditConfigErrors({ 'python-version': '3.11', platform: 'darwin' }), []);
  assert.match(auditConfigErrors({ 'python-versoin': '3.11' })[0], /unknown key 'python-versoin'.*did you mean 'python-version'/);
  assert.match(auditConfigErrors({ platform: 'windows' })[0], /platform must be "linux", "darwin", "win32"/);
  assert.match(auditConfigErrors({ 'python-version': 3.11 })[0], /python-version must be/);
  const e = environmentFromConfig({ 'python-version': '3.9', platform: 'linux' }, { platform: 'win32' })!;
  assert.equal(e.python_version, '3.9');
  assert.equal(e.sys_platform, 'win32');
  assert.equal(e.os_name, 'nt');
});
