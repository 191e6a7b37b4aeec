import { ruleTester } from '../testing.js';
import { loggingConfigListen } from './logging-config-listen.js';

ruleTester(loggingConfigListen, {
  valid: [
    'import logging.config\nlogging.config.fileConfig("x.ini")\n',
    { name: 'other listen', code: 'import logging\nimport socket\nsock = socket.socket()\nsock.listen(5)\n' },
  ],
  invalid: [
    { code: 'import logging.config\nt = logging.config.listen(9999)\n', errors: [{ line: 2, column: 5, severity: 'medium', confidence: 'high' }] },
    { name: 'from import', code: 'from logging.config import listen\nlisten()\n', errors: [{ line: 2, column: 1 }] },
    { name: 'with verify is low', code: 'from logging import config\nconfig.listen(9999, verify=check_sig)\n', errors: [{ line: 2, column: 1, severity: 'low', confidence: 'low' }] },
  ],
});
