import type { Rule } from '../types.js';
import { requestWithoutCertValidation } from './request-without-cert-validation.js';
import { sslInsecureVersion } from './ssl-insecure-version.js';
import { sslInsecureVersionDefault } from './ssl-insecure-version-default.js';
import { sslWrapSocketNoVersion } from './ssl-wrap-socket-no-version.js';
import { sshNoHostKeyVerification } from './ssh-no-host-key-verification.js';
import { sslUnverifiedContext } from './ssl-unverified-context.js';
import { requestWithoutTimeout } from './request-without-timeout.js';
import { urlopenUnvalidatedScheme } from './urlopen-unvalidated-scheme.js';
import { cleartextHttpUrl } from './cleartext-http-url.js';
import { ftpUsage, ftplibImport, telnetImport, telnetUsage } from './cleartext-protocols.js';
import { xmlRules } from './xml-parsing.js';

export const rules: Rule[] = [
  requestWithoutCertValidation,
  sslInsecureVersion,
  sslInsecureVersionDefault,
  sslWrapSocketNoVersion,
  sshNoHostKeyVerification,
  sslUnverifiedContext,
  requestWithoutTimeout,
  urlopenUnvalidatedScheme,
  cleartextHttpUrl,
  telnetUsage,
  ftpUsage,
  telnetImport,
  ftplibImport,
  ...xmlRules,
];
