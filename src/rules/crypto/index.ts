import type { Rule } from '../types.js';
import { insecureHashHashlib } from './insecure-hash-hashlib.js';
import { insecureHashLibrary } from './insecure-hash-library.js';
import { fastHashForPassword } from './fast-hash-for-password.js';
import { weakKeyDerivation } from './weak-key-derivation.js';
import { plaintextPasswordComparison } from './plaintext-password-comparison.js';
import { plaintextPasswordStorage } from './plaintext-password-storage.js';
import { insecureCipher } from './insecure-cipher.js';
import { insecureCipherMode } from './insecure-cipher-mode.js';
import { pycryptoImport } from './pycrypto-import.js';
import { weakCryptographicKey } from './weak-cryptographic-key.js';
import { hardcodedCipherKey } from './hardcoded-cipher-key.js';
import { jwtSignatureNotVerified } from './jwt-signature-not-verified.js';
import { jwtNoneAlgorithm } from './jwt-none-algorithm.js';
import { jwtAlgorithmsMissing } from './jwt-algorithms-missing.js';
import { jwtUnverifiedClaims } from './jwt-unverified-claims.js';
import { jwtHardcodedKey } from './jwt-hardcoded-key.js';

export const rules: Rule[] = [
  insecureHashHashlib,
  insecureHashLibrary,
  fastHashForPassword,
  weakKeyDerivation,
  plaintextPasswordComparison,
  plaintextPasswordStorage,
  insecureCipher,
  insecureCipherMode,
  pycryptoImport,
  weakCryptographicKey,
  hardcodedCipherKey,
  jwtSignatureNotVerified,
  jwtNoneAlgorithm,
  jwtAlgorithmsMissing,
  jwtUnverifiedClaims,
  jwtHardcodedKey,
];
