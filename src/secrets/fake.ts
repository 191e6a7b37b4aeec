// Deterministic fake-token generator for tests: no real-looking secret is committed to the
// repository; tests assemble tokens at run time from a seeded PRNG.
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
