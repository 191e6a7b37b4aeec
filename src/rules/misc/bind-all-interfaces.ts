import type { PyNode } from '../../python/ast.js';
import { defineRule } from '../types.js';
import { lastName, targetNames } from './_util.js';

/** Names of settings, parameters and keys that hold a listening address. */
const HOST_NAME = /host|bind|listen|addr|interface|^ip$/i;
/** Callees whose positional arguments include the listening address. */
const SERVER_CALLS = new Set(['run', 'listen', 'serve', 'run_simple', 'make_server', 'start_server', 'create_server', 'run_app', 'bind', 'serve_forever']);
/** Callees that take a `(host, port)` tuple. */
const ADDRESS_TUPLE_CALLS = new Set(['bind', 'create_server', 'HTTPServer', 'ThreadingHTTPServer', 'TCPServer', 'UDPServer', 'ThreadingTCPServer', 'ThreadingUDPServer', 'ForkingTCPServer', 'WSGIServer', 'make_server', 'SimpleXMLRPCServer', 'serve']);

function isAnyAddress(v: string, allowEmpty: boolean): boolean {
  return v === '0.0.0.0' || v === '::' || v.startsWith('0.0.0.0:') || v.startsWith('[::]:') || (allowEmpty && v === '');
}

function calleeName(call: PyNode): string | undefined {
  return lastName(call.get('function'));
}

/** Bandit B104, restricted to strings used as a listening address. */
export const bindAllInterfaces = defineRule({
  meta: {
    id: 'PW902',
    name: 'bind-all-interfaces',
    category: 'misc',
    severity: 'medium',
    confidence: 'medium',
    cwe: [605, 1327],
    bandit: 'B104',
    ruff: 'S104',
    summary: 'server bound to all network interfaces',
    docs: {
      what: 'The addresses `"0.0.0.0"`, `"::"` (and `"0.0.0.0:<port>"`) used as a listening address: passed as `host=`/`bind=`/`address=`, to `.run()`/`.listen()`/`serve()`, in a `(host, port)` tuple given to `socket.bind()` or a server class, or assigned to a host/bind setting. An empty host `""` in a bind tuple is reported too. The same strings in comparisons or messages are not reported.',
      why: 'Listening on every interface exposes the service to every network the machine is attached to, including public ones, often unintentionally for debug or admin servers.',
      bad: 'from flask import Flask\n\napp = Flask(__name__)\napp.run(host="0.0.0.0", port=8080)\n',
      good: 'import os\nfrom flask import Flask\n\napp = Flask(__name__)\napp.run(host=os.environ.get("BIND_HOST", "127.0.0.1"), port=8080)\n',
      fix: 'Bind to `127.0.0.1` (or a specific interface) by default and make the address configurable; put a firewall or reverse proxy in front of services that must be public.',
      references: ['https://cwe.mitre.org/data/definitions/1327.html'],
    },
  },
  requiresText: ['0.0.0.0', '::', "''", '""'],
  create(ctx) {
    const check = (node: PyNode) => {
      const t = node.text;
      const maybeEmpty = t === '""' || t === "''";
      if (!maybeEmpty && !t.includes('0.0.0.0') && !t.includes('::')) return;
      const v = ctx.sem.constString(node);
      if (v === undefined || !isAnyAddress(v, true)) return;
      const p = node.parent;
      if (!p) return;
      let why: string | undefined;
      if (p.type === 'tuple' && p.parent?.type === 'argument_list' && p.namedChildren[0] === node) {
        const call = p.parent.parent;
        const name = call?.type === 'call' ? calleeName(call) : undefined;
        if (name && ADDRESS_TUPLE_CALLS.has(name)) why = `in the address tuple passed to ${name}()`;
      } else if (v !== '') {
        if (p.type === 'keyword_argument' && p.get('value') === node) {
          const k = p.get('name')?.text ?? '';
          if (HOST_NAME.test(k)) why = `passed as ${k}=`;
        } else if (p.type === 'argument_list' && p.parent?.type === 'call') {
          const name = calleeName(p.parent);
          if (name && SERVER_CALLS.has(name)) why = `passed to ${name}()`;
        } else if (p.type === 'assignment' && p.get('right') === node) {
          const n = targetNames(p.get('left')).find((x) => HOST_NAME.test(x));
          if (n) why = `assigned to ${n}`;
        } else if (p.type === 'pair' && p.get('value') === node) {
          const k = ctx.sem.constString(p.get('key'));
          if (k && HOST_NAME.test(k)) why = `as the "${k}" setting`;
        }
      }
      if (!why) return;
      const shown = v === '' ? 'empty host ""' : `"${v}"`;
      ctx.report({ node, message: `listening on all interfaces: ${shown} ${why}; bind to 127.0.0.1 or a configured address` });
    };
    return { string: check };
  },
});
