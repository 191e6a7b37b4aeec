import type { Rule } from '../types.js';
import { requestWithoutCertValidation } from './request-without-cert-validation.js';
import { requestWithoutTimeout } from './request-without-timeout.js';
import { cleartextHttpUrl } from './cleartext-http-url.js';

export const rules: Rule[] = [
  requestWithoutCertValidation,
  requestWithoutTimeout,
  cleartextHttpUrl,
];
