import { ruleTester } from '../testing.js';
import { sensitiveDataInLog } from './sensitive-data-in-log.js';

ruleTester(sensitiveDataInLog, {
  valid: [
    'import logging\nlogging.info("user %s logged in", username)\n',
    { name: 'metadata names', code: 'import logging\nlog = logging.getLogger(__name__)\nlog.info("len=%d", password_length)\nlog.debug(f"{token_count} tokens, has_password={has_password}, max={max_tokens}")\nlog.info("type %s", token_type)\n' },
    { name: 'length and masking calls', code: 'import logging\nlogger = logging.getLogger()\nlogger.info("password length %d", len(password))\nlogger.info("token %s", mask(token))\n' },
    { name: 'math.log is not logging', code: 'import math\nx = math.log(password_strength)\ny = math.log(secret)\n' },
    { name: 'non-logger object', code: 'import logging\ndialog.info(password)\ncatalog.error(password)\n' },
    { name: 'label not followed by a plain value', code: 'import logging\nlogging.info("password: %s", "*" * 8)\n' },
    { name: 'label on a count', code: 'import logging\nlogging.info("token count: %d", n)\n' },
    { name: 'lexer loop variable', code: 'import logging\nlog = logging.getLogger()\nfor token in tokens:\n    log.debug("token %s", token)\n' },
    { name: 'imported secrets module', code: 'import logging, secrets\nlogging.info("module %s", secrets)\n' },
    { name: 'exc_info keyword', code: 'import logging\nlogging.error("failed", exc_info=True)\n' },
    { name: 'constant names', code: 'import logging\nTOKEN = "static"\nlogging.info("x %s", TOKEN)\n' },
  ],
  invalid: [
    {
      code: 'import logging\nlogger = logging.getLogger(__name__)\ndef login(user, password):\n    logger.info("login %s %s", user, password)\n',
      errors: [{ line: 4, column: 38, message: '`password` (password)', severity: 'medium', confidence: 'high' }],
    },
    {
      name: 'f-string with attribute',
      code: 'import logging\ndef f(user):\n    logging.debug(f"user {user.name} pw {user.password}")\n',
      errors: [{ line: 3, column: 42, message: 'user.password' }],
    },
    {
      name: 'self.logger and request form subscript',
      code: 'class V:\n    def post(self, request):\n        self.logger.warning("bad login: %s", request.POST["password"])\n',
      errors: [{ line: 3, column: 46, message: 'self.logger.warning()' }],
    },
    {
      name: 'settings secret key and env lookup',
      code: 'import logging, os\nfrom django.conf import settings\nlog = logging.getLogger()\nlog.info("key=" + settings.SECRET_KEY)\nlog.info("db pw %s", os.getenv("DB_PASSWORD"))\n',
      errors: [{ line: 4, column: 19, message: 'secret' }, { line: 5, column: 22 }],
    },
    {
      name: 'label before a neutral name',
      code: 'import logging\nlogging.info("created user %s with password: %s", name, pw_value)\n',
      errors: [{ line: 2, column: 57, confidence: 'medium', message: 'labelled' }],
    },
    {
      name: 'format() and get()',
      code: 'import logging\nlogging.warning("got {}".format(data.get("api_key")))\n',
      errors: [{ line: 2, column: 33, message: 'API key' }],
    },
    {
      name: 'extra dict and structlog keyword',
      code: 'import logging, structlog\nlogging.info("auth", extra={"token": tok})\nslog = structlog.get_logger()\nslog.info("login", user=u, password=p)\n',
      errors: [{ line: 2, column: 38, message: 'token' }, { line: 4, column: 28 }],
    },
    {
      name: 'loguru logger and card number',
      code: 'from loguru import logger\nlogger.info(f"charged card {order.card_number}")\n',
      errors: [{ line: 2, column: 29, message: 'card number' }],
    },
    {
      name: 'log(level, ...) skips the level; bare token is low confidence',
      code: 'import logging\nlog = logging.getLogger()\nlog.log(logging.INFO, "t=%s", token)\n',
      errors: [{ line: 3, column: 31, confidence: 'low' }],
    },
    {
      name: 'authorization header',
      code: 'import logging\nlogging.debug("headers: %s", request.headers["Authorization"])\n',
      errors: [{ line: 2, column: 30, message: 'authorization header' }],
    },
  ],
});
