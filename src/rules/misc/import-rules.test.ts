import { ruleTester } from '../testing.js';
import { subprocessImport } from './subprocess-import.js';
import { xmlrpcImport } from './xmlrpc-import.js';
import { httpoxyImport } from './httpoxy-import.js';
import { pyghmiImport } from './pyghmi-import.js';

ruleTester(subprocessImport, {
  valid: ['import os\n', { name: 'subprocess32-like names', code: 'import subprocess_tee\n' }],
  invalid: [
    { code: 'import subprocess\n', errors: [{ line: 1, column: 1, severity: 'low', confidence: 'high' }] },
    { name: 'from-import', code: 'from subprocess import run, PIPE\n', errors: [{ line: 1, column: 1 }] },
  ],
});

ruleTester(xmlrpcImport, {
  valid: [
    { name: 'defusedxml monkey patch', code: 'import xmlrpc.client\nfrom defusedxml import xmlrpc as dx\ndx.monkey_patch()\n' },
    { name: 'defusedxml.xmlrpc import', code: 'import defusedxml.xmlrpc\nimport xmlrpc.server\n' },
    'import json\n',
  ],
  invalid: [
    { code: 'import xmlrpc.client\n', errors: [{ line: 1, column: 1, message: 'xmlrpc', severity: 'high', confidence: 'high' }] },
    { name: 'python 2 and from-import', code: 'import xmlrpclib\nfrom xmlrpc.server import SimpleXMLRPCServer\n', errors: [{ line: 1, column: 1, message: 'xmlrpclib' }, { line: 2, column: 1 }] },
  ],
});

ruleTester(httpoxyImport, {
  valid: [
    { name: 'other wsgiref handlers', code: 'from wsgiref.handlers import SimpleHandler\nimport wsgiref.simple_server\n' },
    { name: 'twisted without CGI', code: 'from twisted.web import server\n' },
  ],
  invalid: [
    { code: 'from wsgiref.handlers import CGIHandler\n', errors: [{ line: 1, column: 1, message: 'wsgiref.handlers.CGIHandler', severity: 'high' }] },
    { name: 'twisted CGIScript', code: 'from twisted.web.twcgi import CGIScript as S\n', errors: [{ line: 1, column: 1, message: 'CGIScript' }] },
  ],
});

ruleTester(pyghmiImport, {
  valid: ['import redfish\n', { name: 'similar name', code: 'import pyghmix\n' }],
  invalid: [
    { code: 'from pyghmi.ipmi import command\n', errors: [{ line: 1, column: 1, severity: 'high', confidence: 'high' }] },
    { name: 'plain import', code: 'import pyghmi\n', errors: [{ line: 1, column: 1, message: 'IPMI' }] },
  ],
});
