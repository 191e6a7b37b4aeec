// Telnet and FTP: clear-text protocols (Bandit B312/B321 for calls, B401/B402 for imports).
import type { PyNode } from '../../python/ast.js';
import type { RuleMeta } from '../../core/rule-meta.js';
import { defineRule, type Rule } from '../types.js';

/** ftplib names that are not clear-text (FTP over TLS) or not connections. */
const FTP_SAFE = new Set(['ftplib.FTP_TLS', 'ftplib.error_perm', 'ftplib.error_temp', 'ftplib.error_reply', 'ftplib.error_proto', 'ftplib.all_errors', 'ftplib.Error']);

function callRule(meta: RuleMeta, mod: string, fix: string): Rule {
  return defineRule({
    meta,
    requiresImport: [mod],
    create(ctx) {
      return {
        call(call) {
          const qn = ctx.sem.callName(call);
          if (!qn || !qn.startsWith(`${mod}.`) || FTP_SAFE.has(qn)) return;
          ctx.report({ node: call, message: `${qn}() talks ${mod === 'telnetlib' ? 'Telnet' : 'FTP'}, which sends credentials and data in clear text; ${fix}` });
        },
      };
    },
  });
}

function importRule(meta: RuleMeta, mod: string, fix: string): Rule {
  const onlySafe = (names: string[]) => names.length > 0 && names.every((n) => FTP_SAFE.has(`${mod}.${n}`));
  return defineRule({
    meta,
    requiresImport: [mod],
    create(ctx) {
      const report = (node: PyNode) => ctx.report({ node, message: `import of ${mod}: ${mod === 'telnetlib' ? 'Telnet' : 'FTP'} is a clear-text protocol; ${fix}` });
      return {
        import_statement(node) {
          for (const c of node.children) {
            if (c.field !== 'name') continue;
            const n = (c.type === 'aliased_import' ? c.get('name') : c)?.text.replace(/\s+/g, '');
            if (n === mod || n?.startsWith(`${mod}.`)) report(node);
          }
        },
        import_from_statement(node) {
          const m = node.get('module_name')?.text.replace(/\s+/g, '');
          if (m !== mod) return;
          const names = node.children.filter((c) => c.field === 'name').map((c) => (c.type === 'aliased_import' ? c.get('name')?.text : c.text) ?? '');
          if (onlySafe(names)) return;
          report(node);
        },
      };
    },
  });
}

const TELNET_FIX = 'use SSH (paramiko, asyncssh) instead';
const FTP_FIX = 'use SFTP (paramiko) or ftplib.FTP_TLS with prot_p()';

export const telnetUsage = callRule(
  {
    id: 'PW610',
    name: 'telnet-usage',
    category: 'transport',
    severity: 'high',
    confidence: 'high',
    cwe: [319],
    bandit: 'B312',
    ruff: 'S312',
    summary: 'Telnet connection (clear-text protocol)',
    docs: {
      what: 'Calls into `telnetlib` (`telnetlib.Telnet(host)`).',
      why: 'Telnet sends the login, the password and the whole session unencrypted and unauthenticated: anyone on the path reads or hijacks it. `telnetlib` was also removed in Python 3.13.',
      bad: 'import telnetlib\n\ntn = telnetlib.Telnet("switch01.example.net")\n',
      good: 'import paramiko\n\nclient = paramiko.SSHClient()\nclient.load_system_host_keys()\nclient.connect("switch01.example.net")\n',
      fix: 'Use SSH (paramiko, asyncssh, netmiko for network devices).',
      references: ['https://docs.python.org/3.12/library/telnetlib.html', 'https://cwe.mitre.org/data/definitions/319.html'],
    },
  },
  'telnetlib',
  TELNET_FIX,
);

export const ftpUsage = callRule(
  {
    id: 'PW611',
    name: 'ftp-usage',
    category: 'transport',
    severity: 'high',
    confidence: 'high',
    cwe: [319],
    bandit: 'B321',
    ruff: 'S321',
    summary: 'FTP connection (clear-text protocol)',
    docs: {
      what: 'Calls into `ftplib` such as `ftplib.FTP(host)`. `ftplib.FTP_TLS` (FTP over TLS) is not reported.',
      why: 'FTP sends the user name, the password and the files in clear text; anyone on the network path can capture the credentials or tamper with the transfer.',
      bad: 'import ftplib\n\nftp = ftplib.FTP("files.example.net", "user", password)\n',
      good: 'import ftplib\n\nftp = ftplib.FTP_TLS("files.example.net", "user", password)\nftp.prot_p()\n',
      fix: 'Use SFTP (paramiko `SFTPClient`) or `ftplib.FTP_TLS` followed by `prot_p()` to encrypt the data channel.',
      references: ['https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS', 'https://cwe.mitre.org/data/definitions/319.html'],
    },
  },
  'ftplib',
  FTP_FIX,
);

export const telnetImport = importRule(
  {
    id: 'PW612',
    name: 'telnetlib-import',
    category: 'transport',
    severity: 'high',
    confidence: 'high',
    cwe: [477], // removed in Python 3.13; the clear-text use is PW610's finding
    set: 'audit',
    bandit: 'B401',
    ruff: 'S401',
    summary: 'Import of telnetlib (clear-text protocol)',
    docs: {
      what: 'Imports of the `telnetlib` module.',
      why: 'Telnet carries credentials and sessions unencrypted; the module exists only to speak it (and is removed in Python 3.13).',
      bad: 'import telnetlib\n',
      good: 'import paramiko\n',
      fix: 'Use SSH (paramiko, asyncssh).',
      references: ['https://peps.python.org/pep-0594/#telnetlib'],
    },
  },
  'telnetlib',
  TELNET_FIX,
);

export const ftplibImport = importRule(
  {
    id: 'PW613',
    name: 'ftplib-import',
    category: 'transport',
    severity: 'high',
    confidence: 'high',
    cwe: [], // an import only enables clear-text FTP (PW611 reports the use)
    set: 'audit',
    bandit: 'B402',
    ruff: 'S402',
    summary: 'Import of ftplib (clear-text protocol)',
    docs: {
      what: 'Imports of the `ftplib` module, except `from ftplib import FTP_TLS`.',
      why: 'Plain FTP carries credentials and files unencrypted.',
      bad: 'from ftplib import FTP\n',
      good: 'from ftplib import FTP_TLS\n',
      fix: 'Use SFTP (paramiko) or `ftplib.FTP_TLS` with `prot_p()`.',
      references: ['https://docs.python.org/3/library/ftplib.html'],
    },
  },
  'ftplib',
  FTP_FIX,
);
