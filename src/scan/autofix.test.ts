import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePython } from '../python/parser.js';
import { runRules } from '../rules/engine.js';
import { ALL_RULES } from '../rules/index.js';
import { computeFingerprints } from '../core/finding.js';
import { applyEdits, unifiedDiff } from './autofix.js';
import { dedent } from '../rules/testing.js';

async function fixOnce(ruleId: string, code: string): Promise<{ fixed: string; offered: number }> {
  const rule = ALL_RULES.find((r) => r.meta.id === ruleId)!;
  const src = dedent(code);
  const found = computeFingerprints(runRules(await parsePython('t.py', src), [rule]));
  const fixable = found.filter((f) => f.fix);
  const { text } = applyEdits(src, fixable.map((f) => ({ finding: f, edits: f.fix!.edits })));
  return { fixed: text, offered: fixable.length };
}

const CASES: { rule: string; name: string; code: string; expect: string }[] = [
  { rule: 'PW203', name: 'yaml.load without Loader', code: 'import yaml\ndata = yaml.load(text)\n', expect: 'import yaml\ndata = yaml.safe_load(text)\n' },
  { rule: 'PW203', name: 'yaml.load with an unsafe Loader', code: 'import yaml\ndata = yaml.load(text, Loader=yaml.FullLoader)\n', expect: 'import yaml\ndata = yaml.safe_load(text)\n' },
  { rule: 'PW203', name: 'yaml.load_all positional Loader', code: 'import yaml as y\nfor d in y.load_all(s, y.Loader):\n    pass\n', expect: 'import yaml as y\nfor d in y.safe_load_all(s):\n    pass\n' },
  { rule: 'PW203', name: 'yaml.unsafe_load', code: 'import yaml\nx = yaml.unsafe_load(s)\n', expect: 'import yaml\nx = yaml.safe_load(s)\n' },
  { rule: 'PW601', name: 'requests verify=False last', code: 'import requests\nr = requests.get(url, timeout=3, verify=False)\n', expect: 'import requests\nr = requests.get(url, timeout=3)\n' },
  { rule: 'PW601', name: 'requests verify=False first keyword on its own line', code: 'import requests\nr = requests.post(\n    verify=False,\n    url=u,\n    timeout=3,\n)\n', expect: 'import requests\nr = requests.post(\n    url=u,\n    timeout=3,\n)\n' },
  { rule: 'PW601', name: 'httpx client', code: 'import httpx\nc = httpx.Client(verify=False)\n', expect: 'import httpx\nc = httpx.Client()\n' },
  { rule: 'PW702', name: 'mktemp assignment', code: 'import os\nimport tempfile\ndef f():\n    name = tempfile.mktemp(".txt", dir=d)\n    return name\n', expect: 'import os\nimport tempfile\ndef f():\n    _fd, name = tempfile.mkstemp(".txt", dir=d)\n    os.close(_fd)\n    return name\n' },
  { rule: 'PW101', name: 'constant string command', code: 'import subprocess\nsubprocess.run("git status --short", shell=True, check=True)\n', expect: 'import subprocess\nsubprocess.run(["git", "status", "--short"], check=True)\n' },
  { rule: 'PW101', name: 'one-element list', code: 'import subprocess\nsubprocess.call(["ls -l"], shell=True)\n', expect: 'import subprocess\nsubprocess.call(["ls", "-l"])\n' },
  { rule: 'PW101', name: 'quoted words and tabs, neutral keywords', code: 'import subprocess\nsubprocess.run("grep -r \'a b\'\\t\\"c d\\" src", shell=True, cwd=d, env=e, timeout=3)\n', expect: 'import subprocess\nsubprocess.run(["grep", "-r", "a b", "c d", "src"], cwd=d, env=e, timeout=3)\n' },
  { rule: 'PW101', name: 'program with a path and a later NAME=value argument', code: 'import subprocess\nsubprocess.check_call("/usr/bin/make CC=gcc all", shell=True)\n', expect: 'import subprocess\nsubprocess.check_call(["/usr/bin/make", "CC=gcc", "all"])\n' },
  { rule: 'PW101', name: 'non-ASCII argument is written as escapes (same meaning in any file encoding)', code: 'import subprocess\nsubprocess.run("grep \'café 日\' f", shell=True)\n', expect: 'import subprocess\nsubprocess.run(["grep", "caf\\xe9 \\u65e5", "f"])\n' },
  { rule: 'PW702', name: 'mktemp after a top-level import os, with a trailing comment', code: 'import os, tempfile\ndef f():\n    name = tempfile.mktemp(dir=d)  # scratch\n    return name\n', expect: 'import os, tempfile\ndef f():\n    _fd, name = tempfile.mkstemp(dir=d)  # scratch\n    os.close(_fd)\n    return name\n' },
  { rule: 'PW702', name: 'mktemp at module level, os.path imported', code: 'import os.path\nimport tempfile\nNAME = tempfile.mktemp(".log")\nwith open(NAME, "w") as fh:\n    fh.write(os.sep)\n', expect: 'import os.path\nimport tempfile\n_fd, NAME = tempfile.mkstemp(".log")\nos.close(_fd)\nwith open(NAME, "w") as fh:\n    fh.write(os.sep)\n' },
];

for (const c of CASES) {
  test(`fix ${c.rule} (${c.name}): exact rewrite, parses, no longer flagged`, async () => {
    const { fixed, offered } = await fixOnce(c.rule, c.code);
    assert.equal(offered, 1);
    assert.equal(fixed, c.expect);
    const rule = ALL_RULES.find((r) => r.meta.id === c.rule)!;
    const again = runRules(await parsePython('t.py', fixed), [rule]);
    assert.deepEqual(again.map((f) => f.message), []);
  });
}

const NO_FIX: { rule: string; name: string; code: string }[] = [
  { rule: 'PW203', name: 'bare load imported from yaml (renaming would need an import change)', code: 'from yaml import load\nx = load(s)\n' },
  { rule: 'PW203', name: 'unknown loader', code: 'import yaml\nx = yaml.load(s, Loader=custom)\n' },
  { rule: 'PW702', name: 'mktemp without os imported', code: 'import tempfile\nname = tempfile.mktemp()\n' },
  { rule: 'PW702', name: 'mktemp inside an expression', code: 'import os, tempfile\nopen(tempfile.mktemp(), "w")\n' },
  { rule: 'PW101', name: 'shell syntax in the constant command', code: 'import subprocess\nsubprocess.run("ls | wc -l", shell=True)\n' },
  { rule: 'PW101', name: 'dynamic command', code: 'import subprocess\nsubprocess.run(cmd, shell=True)\n' },
  // Shell builtins, reserved words and prefix assignments: as a list they fail or run another program.
  ...['cd /tmp', 'export A=1', 'exit 3', 'ulimit -n 1024', 'type ls', 'A=1 make', 'source env.sh', '. env.sh', 'echo -n hi', 'eval make', 'exec make', 'umask 077', 'time make', 'set -e', "'cd' /tmp", 'CD /tmp', 'mkdir -p out'].map((cmd) => ({
    rule: 'PW101',
    name: `shell builtin or syntax: ${cmd}`,
    code: `import subprocess\nsubprocess.run(${JSON.stringify(cmd)}, shell=True)\n`,
  })),
  { rule: 'PW101', name: 'executable= (would start bash with the words as its arguments)', code: 'import subprocess\nsubprocess.run("ls -l", shell=True, executable="/bin/bash")\n' },
  { rule: 'PW101', name: 'executable passed positionally to Popen', code: 'import subprocess\nsubprocess.Popen("ls -l", -1, "/bin/bash", shell=True)\n' },
  { rule: 'PW101', name: '**kwargs may hold executable=', code: 'import subprocess\nsubprocess.run("ls -l", shell=True, **opts)\n' },
  { rule: 'PW101', name: 'a name whose constant value is only a guess', code: 'import subprocess\nCMD = "ls -l"\ndef f():\n    subprocess.run(CMD, shell=True)\nCMD = "ls -l | wc -l"\n' },
  { rule: 'PW101', name: 'bytes command', code: 'import subprocess\nsubprocess.run(b"ls -l", shell=True)\n' },
  { rule: 'PW101', name: 'expansion inside double quotes', code: 'import subprocess\nsubprocess.run(\'ls "$HOME"\', shell=True)\n' },
  { rule: 'PW101', name: 'cmd.exe variable', code: 'import subprocess\nsubprocess.run("ls %TEMP%", shell=True)\n' },
  { rule: 'PW101', name: 'backslash', code: 'import subprocess\nsubprocess.run("ls a\\\\ b", shell=True)\n' },
  // os.close needs os bound to the os module when the line runs.
  { rule: 'PW702', name: 'import os only after the call site', code: 'import tempfile\ndef f():\n    name = tempfile.mktemp()\n    return name\nprint(f())\nimport os\n' },
  { rule: 'PW702', name: 'import os after a module-level call', code: 'import tempfile\nname = tempfile.mktemp()\nimport os\n' },
  { rule: 'PW702', name: 'a parameter named os shadows the module', code: 'import os, tempfile\ndef f(os):\n    name = tempfile.mktemp()\n    return name\n' },
  { rule: 'PW702', name: 'os rebound at module level', code: 'import os, tempfile\nos = FakeOs()\nname = tempfile.mktemp()\n' },
  { rule: 'PW702', name: 'import os only under a condition', code: 'import tempfile\nif sys.platform != "win32":\n    import os\nname = tempfile.mktemp()\n' },
  { rule: 'PW702', name: 'class body (_fd would become a class attribute)', code: 'import os, tempfile\nclass C:\n    name = tempfile.mktemp()\n' },
  // mkstemp creates the file: code that needs the path not to exist yet would behave differently.
  ...['os.mkdir(name)', 'os.makedirs(name, exist_ok=False)', 'open(name, "x")', 'open(name)', 'open(name, "r+b")', 'sock.bind(name)', 'os.path.exists(name)', 'shutil.copytree(src, name)', 'pathlib.Path(name).mkdir()'].map((use) => ({
    rule: 'PW702',
    name: `the path must not exist yet: ${use}`,
    code: `import os, pathlib, shutil, tempfile\ndef f(src, sock):\n    name = tempfile.mktemp()\n    ${use}\n    return name\n`,
  })),
  { rule: 'PW702', name: '_fd already used', code: 'import os, tempfile\n_fd = 3\nname = tempfile.mktemp()\nos.write(_fd, b"x")\n' },
];
for (const c of NO_FIX) {
  test(`no fix offered: ${c.rule} (${c.name})`, async () => {
    assert.equal((await fixOnce(c.rule, c.code)).offered, 0);
  });
}

test('unifiedDiff produces hunks with context and correct line counts', () => {
  const a = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  const b = a.replace('line 3\n', 'line three\n').replace('line 18\n', '');
  const d = unifiedDiff('x.py', a, b);
  assert.match(d, /^--- a\/x\.py\n\+\+\+ b\/x\.py\n@@ -1,6 \+1,6 @@\n line 1\n line 2\n-line 3\n\+line three\n/);
  assert.match(d, /@@ -15,6 \+15,5 @@\n line 15\n line 16\n line 17\n-line 18\n line 19\n line 20\n/);
});

test('scan --fix rewrites files and reports what remains; --diff writes nothing', () => {
  const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pyward.js');
  const root = mkdtempSync(join(tmpdir(), 'pyward-fix-'));
  const code = 'import yaml\nimport pickle\n\ndef f(s):\n    pickle.loads(s)\n    return yaml.load(s)\n';
  writeFileSync(join(root, 'a.py'), code);
  const d = spawnSync(process.execPath, [BIN, 'scan', 'a.py', '--diff', '--no-deps', '--no-hygiene'], { cwd: root, encoding: 'utf8' });
  assert.equal(d.status, 1, d.stderr);
  assert.match(d.stdout, /-    return yaml\.load\(s\)\n\+    return yaml\.safe_load\(s\)/);
  assert.equal(readFileSync(join(root, 'a.py'), 'utf8'), code);
  const f = spawnSync(process.execPath, [BIN, 'scan', 'a.py', '--fix', '-f', 'json', '--no-deps', '--no-hygiene'], { cwd: root, encoding: 'utf8' });
  assert.match(f.stderr, /fixed 1 finding in 1 file/);
  assert.match(readFileSync(join(root, 'a.py'), 'utf8'), /return yaml\.safe_load\(s\)/);
  const o = JSON.parse(f.stdout);
  assert.ok(o.findings.some((x: { ruleId: string }) => x.ruleId === 'PW201'), 'unfixable findings still reported');
  assert.ok(!o.findings.some((x: { ruleId: string }) => x.ruleId === 'PW203'));
});
