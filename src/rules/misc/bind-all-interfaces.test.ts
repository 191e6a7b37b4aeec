import { ruleTester } from '../testing.js';
import { bindAllInterfaces } from './bind-all-interfaces.js';

ruleTester(bindAllInterfaces, {
  valid: [
    { name: 'localhost', code: 'app.run(host="127.0.0.1")\n' },
    { name: 'comparison', code: 'if host == "0.0.0.0":\n    warn()\n' },
    { name: 'in a message', code: 'log.info("listening on 0.0.0.0 is discouraged")\nprint("0.0.0.0")\n' },
    { name: 'unrelated keyword', code: 'route(mask="0.0.0.0")\n' },
    { name: 'empty host outside a bind tuple', code: 'HOST = ""\nconnect(host="")\n' },
    { name: 'IPv6 in a comparison', code: 'ok = addr != "::"\n' },
    { name: 'connect tuple', code: 'import socket\ns = socket.socket()\ns.connect(("0.0.0.0", 80))\n' },
  ],
  invalid: [
    {
      name: 'flask run',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0", port=8080)\n',
      errors: [{ line: 3, column: 14, message: 'host=', severity: 'medium', confidence: 'medium' }],
    },
    {
      name: 'socket bind tuple, including the empty host',
      code: 'import socket\ns = socket.socket()\ns.bind(("0.0.0.0", 8080))\ns.bind(("", 8081))\n',
      errors: [
        { line: 3, column: 9, message: 'bind()' },
        { line: 4, column: 9, message: 'empty host' },
      ],
    },
    {
      name: 'settings and gunicorn config',
      code: 'HOST = "0.0.0.0"\nbind = "0.0.0.0:8000"\nconfig = {"listen_address": "::"}\n',
      errors: [
        { line: 1, column: 8, message: 'assigned to HOST' },
        { line: 2, column: 8, message: 'assigned to bind' },
        { line: 3, column: 29, message: 'listen_address' },
      ],
    },
    {
      name: 'positional address to a server call',
      code: 'from wsgiref.simple_server import make_server\nmake_server("0.0.0.0", 8000, app)\nhttp = HTTPServer(("", 80), Handler)\n',
      errors: [
        { line: 2, column: 13, message: 'make_server()' },
        { line: 3, column: 20, message: 'HTTPServer()' },
      ],
    },
  ],
});
