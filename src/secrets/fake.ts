// Deterministic fake-token generator for tests: no real-looking secret is committed to the
// repository; tests assemble tokens at run time from a seeded PRNG.
import { base62, crc32 } from './verify.js';
export const AN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
export const B64 = AN + '+/';
export const URLSAFE = AN + '_-';
export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const DIGITS = '0123456789';

export class Fake {
  private x: number;
  constructor(seed = 12345) {
    this.x = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32
    let x = this.x;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.x = x;
    return x;
  }
  /** n random characters of cs; for mixed charsets, guarantees a digit, an upper and a lower case letter when n >= 8. */
  str(cs: string, n: number): string {
    for (;;) {
      let s = '';
      for (let i = 0; i < n; i++) s += cs[this.next() % cs.length];
      const needs = [/[0-9]/.test(cs) && /[A-Za-z]/.test(cs) ? /[0-9]/ : null, /[A-Z]/.test(cs) && /[a-z]/.test(cs) ? /[A-Z]/ : null, /[A-Z]/.test(cs) && /[a-z]/.test(cs) ? /[a-z]/ : null];
      if (n < 8 || needs.every((r) => !r || r.test(s))) return s;
    }
  }
  uuid(): string {
    const h = (n: number) => this.str(HEX, n);
    return `${h(8)}-${h(4)}-${h(4)}-${h(4)}-${h(12)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens with valid (or deliberately broken) checksums and structures, assembled at run time.


/** A GitHub/npm-style token: prefix + `n` random base62 characters + base62(crc32) in 6. */
export function checksummedToken(f: Fake, prefix: string, n = 30): string {
  const body = f.str(AN, n);
  return prefix + body + base62(crc32(body), 6);
}

/** The same token with its checksum's last character changed (a look-alike). */
export function breakChecksum(token: string): string {
  const last = token[token.length - 1];
  return token.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

function field(type: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type, data.length]), data]);
}

/** A version-2 binary macaroon (location, identifier, one caveat, 32-byte signature) as a PyPI token. */
export function pypiToken(f: Fake, location = 'pypi.org'): string {
  const mac = Buffer.concat([
    Buffer.from([2]),
    field(1, Buffer.from(location)),
    field(2, Buffer.from(f.str(AN, 40))),
    Buffer.from([0]),
    field(2, Buffer.from(`{"version": 1, "permissions": "user"}`)),
    Buffer.from([0]),
    Buffer.from([0]),
    field(6, Buffer.from(f.str(AN, 32))),
  ]);
  return 'pypi-' + mac.toString('base64url');
}

/** A PEM body (64-character lines) that decodes to one DER SEQUENCE of `size` bytes of content. */
export function derPemBody(f: Fake, size = 600): string {
  const content = Buffer.from(f.str(AN, size));
  const der = Buffer.concat([Buffer.from([0x30, 0x82, size >> 8, size & 0xff]), content]);
  return der.toString('base64').replace(/.{64}/g, '$&\n').trim();
}
