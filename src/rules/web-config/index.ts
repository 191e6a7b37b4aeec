import type { Rule } from '../types.js';
import { flaskDebugTrue } from './flask-debug-true.js';
import { djangoDebugTrue } from './django-debug-true.js';
import { djangoAllowedHostsWildcard } from './django-allowed-hosts-wildcard.js';
import { cookieSecureDisabled } from './cookie-secure-disabled.js';
import { cookieHttponlyDisabled } from './cookie-httponly-disabled.js';
import { cookieSamesiteNone } from './cookie-samesite-none.js';
import { djangoSslRedirectDisabled } from './django-ssl-redirect-disabled.js';
import { djangoCsrfMiddlewareMissing } from './django-csrf-middleware-missing.js';
import { hardcodedSecretKey } from './hardcoded-secret-key.js';
import { csrfExempt } from './csrf-exempt.js';
import { csrfProtectionDisabled } from './csrf-protection-disabled.js';
import { setCookieInsecure } from './set-cookie-insecure.js';
import { corsWildcardCredentials } from './cors-wildcard-credentials.js';
import { djangoWeakPasswordHasher } from './django-weak-password-hasher.js';
import { sessionFixation } from './session-fixation.js';
import { loginWithoutRateLimit } from './login-rate-limit.js';
import { flaskFormWithoutCsrf } from './flask-form-without-csrf.js';
import { asgiFormWithoutCsrf } from './asgi-form-without-csrf.js';

export const rules: Rule[] = [
  flaskDebugTrue,
  djangoDebugTrue,
  djangoAllowedHostsWildcard,
  cookieSecureDisabled,
  cookieHttponlyDisabled,
  cookieSamesiteNone,
  djangoSslRedirectDisabled,
  djangoCsrfMiddlewareMissing,
  hardcodedSecretKey,
  csrfExempt,
  csrfProtectionDisabled,
  setCookieInsecure,
  corsWildcardCredentials,
  djangoWeakPasswordHasher,
  sessionFixation,
  loginWithoutRateLimit,
  flaskFormWithoutCsrf,
  asgiFormWithoutCsrf,
];
