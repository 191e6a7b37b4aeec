import type { Rule } from '../types.js';
import { insecureHashHashlib } from './insecure-hash-hashlib.js';
import { insecureHashLibrary } from './insecure-hash-library.js';
import { fastHashForPassword } from './fast-hash-for-password.js';
import { weakKeyDerivation } from './weak-key-derivation.js';
import { plaintextPasswordComparison } from './plaintext-password-comparison.js';
import { plaintextPasswordStorage } from './plaintext-password-storage.js';

export const rules: Rule[] = [
  insecureHashHashlib,
  insecureHashLibrary,
  fastHashForPassword,
  weakKeyDerivation,
  plaintextPasswordComparison,
  plaintextPasswordStorage,
];
