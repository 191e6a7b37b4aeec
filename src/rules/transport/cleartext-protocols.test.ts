import { ruleTester } from '../testing.js';
import { ftpUsage, ftplibImport, telnetImport, telnetUsage } from './cleartext-protocols.js';

ruleTester(telnetUsage, {
  valid: ['import telnetlib\n', { name: 'local Telnet class', code: 'class Telnet: pass\nTelnet()\n' }],
  invalid: [
    { code: 'import telnetlib\ntn = telnetlib.Telnet(host, 23)\n', errors: [{ line: 2, column: 6, severity: 'high', message: 'telnetlib.Telnet()' }] },
    { name: 'from import', code: 'from telnetlib import Telnet as T\nT(h)\n', errors: [{ line: 2, column: 1 }] },
  ],
});

ruleTester(ftpUsage, {
  valid: [
    'import ftplib\nftp = ftplib.FTP_TLS(host)\nftp.prot_p()\n',
    { name: 'exception classes only', code: 'import ftplib\ntry:\n    pass\nexcept ftplib.error_perm:\n    pass\n' },
  ],
  invalid: [
    { code: 'import ftplib\nftp = ftplib.FTP("h", "u", pw)\n', errors: [{ line: 2, column: 7, message: 'FTP' }] },
    { name: 'from import', code: 'from ftplib import FTP\nwith FTP(h) as f:\n    f.login()\n', errors: [{ line: 2, column: 6 }] },
  ],
});

ruleTester(telnetImport, {
  valid: ['import paramiko\n', { name: 'similar name', code: 'import telnetlib3\n' }],
  invalid: [
    { code: 'import telnetlib\n', errors: [{ line: 1, column: 1, severity: 'high' }] },
    { name: 'from import', code: 'import os\nfrom telnetlib import Telnet\n', errors: [{ line: 2, column: 1 }] },
  ],
});

ruleTester(ftplibImport, {
  valid: ['from ftplib import FTP_TLS\n', { name: 'FTP_TLS and errors', code: 'from ftplib import FTP_TLS, error_perm\n' }],
  invalid: [
    { code: 'import ftplib\n', errors: [{ line: 1, column: 1 }] },
    { name: 'FTP with FTP_TLS', code: 'from ftplib import FTP, FTP_TLS\n', errors: [{ line: 1, column: 1 }] },
  ],
});
