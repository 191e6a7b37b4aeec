import { defineCallRule } from '../_shared/calls.js';

export const loggingConfigListen = defineCallRule({
  meta: {
    id: 'PW853',
    name: 'logging-config-listen',
    category: 'logging',
    severity: 'medium',
    confidence: 'high',
    cwe: [94],
    bandit: 'B612',
    ruff: 'S612',
    summary: 'logging.config.listen() accepts configuration from the network',
    docs: {
      what: 'Calls to `logging.config.listen()`, which starts a socket server that applies logging configuration received from clients.',
      why: 'Logging configuration can name arbitrary classes and callables to instantiate, and the fileConfig format is evaluated with `eval()`. Any local user or process able to connect to the port (and, with a bad bind, anyone on the network) can make the application run code.',
      bad: 'import logging.config\n\nthread = logging.config.listen(9999)\nthread.start()\n',
      good: 'import logging.config\n\nlogging.config.fileConfig("logging.ini")\n',
      fix: 'Load logging configuration from a trusted file at start-up. If live reconfiguration is required, pass a `verify` callable that checks a signature over the received bytes.',
      references: ['https://docs.python.org/3/library/logging.config.html#logging.config.listen'],
    },
  },
  names: ['logging.config.listen'],
  check(call, _qn, ctx) {
    const verify = ctx.sem.arg(call, 1, 'verify');
    if (verify && ctx.sem.constValue(verify) !== null) {
      return { message: 'logging.config.listen() with a verify callable: make sure it checks a signature before the configuration is applied', severity: 'low', confidence: 'low' };
    }
    return { message: 'logging.config.listen() applies logging configuration received over a socket, which can execute code; load configuration from a trusted file instead' };
  },
});
