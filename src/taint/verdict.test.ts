// One verdict per bug: a pattern finding at a sink the taint engine proved clean is downgraded to
// low confidence with the reason; undecided and tainted sinks keep their pattern finding as it is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan } from '../scan/scan.js';
import { dedent } from '../rules/testing.js';
import { CLEAN_REASON } from './verdict.js';

async function findings(code: string, taint = true): Promise<Map<string, { confidence: string; severity: string; message: string }>> {
  const root = mkdtempSync(join(tmpdir(), 'pyward-verdict-'));
  writeFileSync(join(root, 'app.py'), dedent(code));
  const r = await scan({ paths: ['.'], cwd: root, select: ['ALL'], taint, secrets: false, dependencies: false, hygiene: false, cache: false, warn: () => {} });
  return new Map(r.findings.map((f) => [`${f.ruleId}:${f.line}`, { confidence: f.confidence, severity: f.severity, message: f.message }]));
}

const downgraded = (m: Map<string, { confidence: string; severity: string; message: string }>, key: string) => {
  const f = m.get(key);
  assert.ok(f, `${key} reported: ${[...m.keys()].join(' ')}`);
  assert.equal(f.confidence, 'low', key);
  assert.equal(f.severity, 'low', key);
  assert.ok(f.message.endsWith(`(${CLEAN_REASON})`), `${key}: ${f.message}`);
};
const kept = (m: Map<string, { confidence: string; severity: string; message: string }>, key: string, confidence = 'high') => {
  const f = m.get(key);
  assert.ok(f, `${key} reported: ${[...m.keys()].join(' ')}`);
  assert.equal(f.confidence, confidence, key);
  assert.ok(!f.message.includes(CLEAN_REASON), `${key}: ${f.message}`);
};

const CLEAN = `
  import os
  import shlex
  import subprocess
  from fastapi import FastAPI

  app = FastAPI()


  @app.get("/items/{item_id}")
  def item(item_id: int):
      subprocess.run(f"echo {item_id}", shell=True)


  @app.get("/q")
  def q(name: str):
      subprocess.run("echo " + shlex.quote(name), shell=True)


  def consts(flag):
      eval("1 + 2")
      cmd = "ls -l"
      os.system(cmd)
      mode = "-a" if flag else "-b"
      os.system("ls " + mode)
      for c in ["x", "y"]:
          os.system("echo " + c)
      os.system(
          "ls"
      )
`;

test('a sink proved clean downgrades its pattern finding: constants, validated and sanitized values', async () => {
  const m = await findings(CLEAN);
  downgraded(m, 'PW101:11'); // an int route parameter in a shell string
  downgraded(m, 'PW101:16'); // shlex.quote
  downgraded(m, 'PW113:20'); // eval of a constant
  downgraded(m, 'PW103:22'); // a local bound to a constant
  downgraded(m, 'PW103:24'); // both branches constant
  downgraded(m, 'PW103:26'); // a loop over constants
  downgraded(m, 'PW103:27'); // a call over several lines
  // The rule's own confidence is kept when taint does not run.
  const off = await findings(CLEAN, false);
  kept(off, 'PW101:11');
  kept(off, 'PW113:20', 'high');
  kept(off, 'PW103:22');
});

test('undecided or tainted sinks keep their pattern finding', async () => {
  const m = await findings(`
    import os
    import subprocess
    from flask import Flask, request

    app = Flask(__name__)


    def helper(cmd, args):
        os.system(cmd)
        eval(open("f").read())
        os.system(os.environ["X"])
        line = "echo "
        line += cmd
        os.system(line)
        subprocess.run(*args, shell=True)
        os.system("ls " + cmd.strip())


    @app.route("/e")
    def ev():
        eval(request.args["x"])
  `);
  kept(m, 'PW103:9'); // a parameter: the caller decides
  kept(m, 'PW113:10'); // an untracked value
  kept(m, 'PW103:11'); // an attribute read
  kept(m, 'PW103:14'); // an augmented assignment
  kept(m, 'PW101:15'); // a splat
  kept(m, 'PW103:16'); // a method of a parameter
  // A tainted sink: the taint finding, with the pattern folded into it.
  assert.ok(m.has('PWT003:21'));
  assert.ok(!m.has('PW113:21'));
});

test('rules that are not about the data keep their finding at a clean sink', async () => {
  const m = await findings(`
    import subprocess
    import tarfile
    import shutil

    subprocess.run(["ls", "-l"])
    shutil.unpack_archive("bundle.tar", "out")

    def f(flag):
        mode = "-a" if flag else "-b"
        subprocess.run(["/bin/ls", mode])
  `);
  // The partial executable path is about PATH, not the arguments; the archive is about its members.
  kept(m, 'PW106:5');
  assert.equal(m.get('PW704:6')?.message.includes(CLEAN_REASON), false);
  // The no-shell marker is about the arguments: constant ones are clean.
  downgraded(m, 'PW105:10');
});

test('a dirty evaluation of a sink wins over a clean one on the same line', async () => {
  const m = await findings(`
    import os

    def f(user):
        os.system("ls"); os.system(user)
  `);
  kept(m, 'PW103:4');
});

test('isinstance validates only types without text', async () => {
  const m = await findings(`
    import os

    def load(module):
        if isinstance(module, str):
            __import__(module)

    def pick(n):
        if isinstance(n, (int, float)):
            os.system("sleep " + str(n))
  `);
  kept(m, 'PW114:5', 'low'); // the rule's own confidence: isinstance(x, str) proves nothing
  downgraded(m, 'PW103:9');
});

test('only the bindings that reach the sink count (flow-sensitive value analysis)', async () => {
  const m = await findings(`
    import os
    import shlex

    def f(user, flag):
        x = user
        x = "ls"
        os.system(x)
        y = "ls"
        y = user
        os.system(y)
        z = user
        z = shlex.quote(user)
        os.system("echo " + z)
        w = "a"
        if flag:
            w = user
        os.system(w)
        parts = ["echo"]
        parts.append(os.environ["X"])
        os.system(" ".join(parts))
        fixed = ["echo", shlex.quote(user)]
        os.system(" ".join(fixed))
  `);
  downgraded(m, 'PW103:7'); // x is "ls" there
  kept(m, 'PW103:10'); // y is the parameter there
  downgraded(m, 'PW103:13'); // z is quoted there
  kept(m, 'PW103:17'); // w may be the parameter
  kept(m, 'PW103:20'); // the list literal was appended an untracked value: not its literal items
  downgraded(m, 'PW103:22'); // an unchanged list of known parts
});
