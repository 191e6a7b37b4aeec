import { ruleTester } from '../testing.js';
import { flaskDebugTrue } from './flask-debug-true.js';

ruleTester(flaskDebugTrue, {
  valid: [
    'from flask import Flask\napp = Flask(__name__)\napp.run()\n',
    'from flask import Flask\napp = Flask(__name__)\napp.run(debug=False)\n',
    { name: 'debug from the environment', code: 'import os\nfrom flask import Flask\napp = Flask(__name__)\napp.run(debug=os.getenv("DEBUG") == "1")\n' },
    { name: 'no flask import', code: 'app.run(debug=True)\n' },
    { name: 'asyncio.run has no debugger of this kind', code: 'import asyncio\nimport flask\nasyncio.run(main(), debug=True)\n' },
    { name: 'config DEBUG False', code: 'from flask import Flask\napp = Flask(__name__)\napp.config["DEBUG"] = False\n' },
    { name: 'other config key', code: 'from flask import Flask\napp = Flask(__name__)\napp.config["TESTING"] = True\n' },
    { name: 'debug attribute False', code: 'from flask import Flask\napp = Flask(__name__)\napp.debug = False\n' },
  ],
  invalid: [
    {
      code: 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n',
      errors: [{ line: 4, column: 5, message: 'app.run(debug=True)', severity: 'high' }],
    },
    {
      name: 'debug flag through a constant',
      code: 'import flask\nDEBUG_MODE = True\napplication = flask.Flask(__name__)\napplication.run(debug=DEBUG_MODE)\n',
      errors: [{ line: 4, column: 1 }],
    },
    {
      name: 'app.debug attribute',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.debug = True\n',
      errors: [{ line: 3, column: 1, message: 'app.debug = True' }],
    },
    {
      name: 'config subscript and update',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config["DEBUG"] = True\napp.config.update(DEBUG=True, TESTING=False)\n',
      errors: [{ line: 3, column: 1 }, { line: 4, column: 19 }],
    },
  ],
});
