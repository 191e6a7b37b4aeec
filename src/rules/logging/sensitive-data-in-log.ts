import type { PyNode } from '../../python/ast.js';
import { classifySensitiveName, splitWords } from '../_shared/sensitive-names.js';
import { defineRule, type RuleContext } from '../types.js';
import { kindLabel, SensitiveFinder, type SensitiveUse } from './_sensitive-expr.js';

const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'msg', 'trace', 'success']);
const LOGGER_FACTORIES = new Set(['logging.getLogger', 'structlog.get_logger', 'structlog.getLogger', 'structlog.stdlib.get_logger', 'logging.LoggerAdapter']);
const LOGGER_OBJECTS = new Set(['loguru.logger', 'logging.root']);
/** Keywords of logging calls that are not logged data. */
const CONTROL_KEYWORDS = new Set(['exc_info', 'stack_info', 'stacklevel', 'level', 'extra']);

/** True if `recv` is a logger: logging.getLogger(...) result, loguru's logger, or an object named log/logger. */
export function isLogger(ctx: RuleContext, recv: PyNode | undefined): boolean {
  if (!recv) return false;
  if (recv.type === 'call') return LOGGER_FACTORIES.has(ctx.sem.callName(recv) ?? '');
  const qn = ctx.sem.qualifiedName(recv);
  if (qn && LOGGER_OBJECTS.has(qn)) return true;
  if (recv.type === 'identifier') {
    const b = ctx.sem.bindingOf(recv);
    if (b?.kind === 'assign' && b.value?.type === 'call' && LOGGER_FACTORIES.has(ctx.sem.callName(b.value) ?? '')) return true;
    if (b?.kind === 'import' && qn && !/(^|\.)(log|logger|logging|_log|_logger)$/i.test(qn)) return false;
  }
  const name = recv.type === 'identifier' ? recv.text : recv.type === 'attribute' ? recv.get('attribute')?.text : undefined;
  if (!name) return false;
  const words = splitWords(name);
  const last = words[words.length - 1];
  return last === 'log' || last === 'logger';
}

export const sensitiveDataInLog = defineRule({
  meta: {
    id: 'PW851',
    name: 'sensitive-data-in-log',
    category: 'logging',
    severity: 'medium',
    confidence: 'high',
    cwe: [532],
    summary: 'Password, token or other secret written to a log',
    docs: {
      what: 'Calls to `logging.*`, a logger (`logger.info`, `self.log.debug`, `logging.getLogger(...)`, loguru, structlog) whose message or arguments include a value named like a password, secret, token, API key, session id or card number — directly, in an f-string, in %-format or .format() arguments, in `extra=`, or right after a label such as `"password: "`.',
      why: 'Logs are copied to files, log aggregators, support tickets and backups, and are readable by far more people than the credential store. A secret in a log is a leaked secret; card numbers in logs also break PCI DSS.',
      bad: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef login(username, password):\n    logger.info("login attempt user=%s password=%s", username, password)\n',
      good: 'import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef login(username, password):\n    logger.info("login attempt user=%s", username)\n',
      fix: 'Do not log secrets. Log an identifier instead (user name, key id, last four digits), or a masked form (`"****" + token[-4:]`), and add a logging filter that redacts known secret fields.',
      references: ['https://cwe.mitre.org/data/definitions/532.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude'],
    },
  },
  create(ctx) {
    const finder = new SensitiveFinder(ctx);
    const usesLogging = ctx.sem.imports('logging') || ctx.sem.imports('loguru') || ctx.sem.imports('structlog');
    return {
      call(node) {
        const fn = node.get('function');
        if (fn?.type !== 'attribute') return;
        const method = fn.get('attribute')?.text ?? '';
        if (!LOG_METHODS.has(method)) return;
        const qn = ctx.sem.qualifiedName(fn);
        const moduleLevel = qn === `logging.${method}`;
        if (!moduleLevel) {
          // Reject resolved non-logging names (math.log, numpy.log).
          if (qn && !qn.startsWith('<local>') && !/(^|\.)(log|logger|LOG|LOGGER|_log|_logger)\.\w+$/i.test(qn) && !qn.startsWith('loguru.logger.') && !qn.startsWith('logging.')) return;
          if (!isLogger(ctx, fn.get('object'))) return;
          if ((method === 'msg' || method === 'trace' || method === 'success') && !usesLogging && !/logger/i.test(fn.get('object')?.text ?? '')) return;
        }
        const a = ctx.sem.args(node);
        let args = a.positional;
        if (method === 'log') args = args.slice(1); // log(level, msg, *args)
        let hit: SensitiveUse | null = null;
        const fmt = ctx.sem.constString(args[0]);
        if (fmt !== undefined && args.length > 1) hit = finder.findInPercent(fmt, args.slice(1), 0);
        else for (const x of args) if ((hit = finder.find(x))) break;
        if (!hit) {
          const extra = a.keywords.get('extra');
          if (extra?.type === 'dictionary') hit = finder.findInPairs(extra.namedChildren, 0);
          else if (extra) hit = finder.find(extra);
        }
        if (!hit) {
          // structlog / loguru style: logger.info("event", password=pw)
          for (const [k, v] of a.keywords) {
            if (CONTROL_KEYWORDS.has(k)) continue;
            const m = classifySensitiveName(k);
            if (m && ctx.sem.constValue(v) === undefined) {
              hit = { node: v.parent ?? v, name: k, match: m, via: 'label' };
              break;
            }
            if ((hit = finder.find(v))) break;
          }
        }
        if (!hit) return;
        const weak = hit.match.strength === 'weak';
        ctx.report({
          node: hit.node,
          message: `${fn.text}() logs ${hit.via === 'label' ? `a value labelled "${hit.name}"` : `\`${hit.name}\``} (${kindLabel(hit.match)}); log an identifier or a masked value instead`,
          confidence: weak ? 'low' : hit.via === 'label' ? 'medium' : undefined,
        });
      },
    };
  },
});
