import { defineRule } from '../types.js';
import { isTestFile, settingsVisitors } from './_settings.js';

const WEAK = new Map([
  ['django.contrib.auth.hashers.MD5PasswordHasher', 'salted MD5'],
  ['django.contrib.auth.hashers.UnsaltedMD5PasswordHasher', 'unsalted MD5'],
  ['django.contrib.auth.hashers.SHA1PasswordHasher', 'salted SHA-1'],
  ['django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher', 'unsalted SHA-1'],
  ['django.contrib.auth.hashers.CryptPasswordHasher', 'crypt(3)'],
]);

export const djangoWeakPasswordHasher = defineRule({
  meta: {
    id: 'PW514',
    name: 'django-weak-password-hasher',
    category: 'web-config',
    severity: 'high',
    confidence: 'high',
    cwe: [916, 328],
    summary: 'Django PASSWORD_HASHERS uses a fast, weak hash for new passwords',
    docs: {
      what: 'A Django `PASSWORD_HASHERS` list whose first entry (the one used to hash new and updated passwords) is MD5, SHA-1 or crypt based.',
      why: 'These hashers use a single round of a fast hash. A stolen user table can be brute-forced at billions of guesses per second on a GPU, revealing most users\' passwords.',
      bad: 'INSTALLED_APPS = ["django.contrib.auth"]\nPASSWORD_HASHERS = [\n    "django.contrib.auth.hashers.MD5PasswordHasher",\n    "django.contrib.auth.hashers.PBKDF2PasswordHasher",\n]\n',
      good: 'INSTALLED_APPS = ["django.contrib.auth"]\nPASSWORD_HASHERS = [\n    "django.contrib.auth.hashers.Argon2PasswordHasher",\n    "django.contrib.auth.hashers.PBKDF2PasswordHasher",\n    "django.contrib.auth.hashers.MD5PasswordHasher",\n]\n',
      fix: 'Put Argon2PasswordHasher, ScryptPasswordHasher or PBKDF2PasswordHasher first. Legacy hashers may stay later in the list so that old hashes are upgraded at the next login. (MD5 first is fine in test-only settings, which this rule skips.)',
      references: ['https://docs.djangoproject.com/en/stable/topics/auth/passwords/', 'https://cwe.mitre.org/data/definitions/916.html'],
    },
  },
  requiresText: ['PASSWORD_HASHERS'],
  create(ctx) {
    if (isTestFile(ctx.file)) return {};
    return settingsVisitors(ctx, new Set(['PASSWORD_HASHERS']), (w) => {
      if (w.framework !== 'django') return;
      const v = ctx.sem.constValue(w.value);
      if (!Array.isArray(v) || typeof v[0] !== 'string') return;
      const weak = WEAK.get(v[0]);
      if (!weak) return;
      ctx.report({ node: w.node, message: `PASSWORD_HASHERS starts with ${v[0].split('.').pop()}: new passwords are stored with ${weak}, which is fast to brute-force; put Argon2/scrypt/PBKDF2 first` });
    });
  },
});
