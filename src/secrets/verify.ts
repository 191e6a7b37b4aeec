// Offline verification of provider tokens: checksums and decodable structures (the table of
// which detector uses which check is specs/verification.ts). Nothing here touches the network.
//
// - 'verified-format': the token's checksum or structure is valid (or its grammar is exact): a
//   real token of the provider, reported at HIGH confidence.
// - 'invalid-checksum' / 'invalid-format': a look-alike (a test fixture's `ghp_XXXX…`, random
//   base64 in a PEM block): not reported by default, counted in the summary.
import { VERIFIERS, type VerifierSpec } from './specs/verification.js';

export type Verification = 'verified-format' | 'invalid-checksum' | 'invalid-format';

/** A look-alike token: hidden unless asked for. */
export function isLookalike(v: unknown): boolean {
  return v === 'invalid-checksum' || v === 'invalid-format';
}

let CRC_TABLE: Uint32Array | undefined;
/** CRC-32 (IEEE 802.3, the zlib one) of a string's UTF-8 bytes. */
export function crc32(s: string | Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  const bytes = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 (0-9A-Za-z) of a non-negative integer, left-padded with '0' to `width`. */
export function base62(n: number, width: number): string {
  let out = '';
  let x = Math.floor(n);
  do {
    out = BASE62[x % 62] + out;
    x = Math.floor(x / 62);
  } while (x > 0);
  return out.padStart(width, '0');
}

/** GitHub/npm token checksum: the last 6 characters are base62(crc32(random part)). */
export function checkCrc32Base62(token: string, prefixLength: number): Verification {
  if (token.length < prefixLength + 7) return 'invalid-format';
  const body = token.slice(prefixLength, -6);
  const sum = token.slice(-6);
  return base62(crc32(body), 6) === sum ? 'verified-format' : 'invalid-checksum';
}

/** Reads an unsigned LEB128 varint (at most 4 bytes); undefined if malformed. */
function varint(buf: Buffer, at: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let i = 0; i < 4 && at + i < buf.length; i++) {
    const b = buf[at + i];
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return undefined;
}

/**
 * A version-2 binary macaroon (the libmacaroons serialization): version byte 2; a header of
 * fields (type 1 location, 2 identifier) ended by 0; caveats (each fields ended by 0) ended by 0;
 * a signature field (type 6) of 32 bytes; nothing after it. Returns the location, or undefined.
 */
export function macaroonLocation(buf: Buffer): string | undefined {
  if (buf.length < 40 || buf[0] !== 2) return undefined;
  let at = 1;
  const field = (): { type: number; data: Buffer } | undefined => {
    const t = varint(buf, at);
    if (!t) return undefined;
    if (t.value === 0) {
      at = t.next;
      return { type: 0, data: Buffer.alloc(0) };
    }
    const len = varint(buf, t.next);
    if (!len || len.next + len.value > buf.length) return undefined;
    at = len.next + len.value;
    return { type: t.value, data: buf.subarray(len.next, at) };
  };
  /** Fields up to an end-of-section marker (0); undefined if malformed. */
  const section = (): { type: number; data: Buffer }[] | undefined => {
    const out: { type: number; data: Buffer }[] = [];
    for (let i = 0; i < 8; i++) {
      const f = field();
      if (!f) return undefined;
      if (f.type === 0) return out;
      if (f.type !== 1 && f.type !== 2 && f.type !== 4) return undefined;
      out.push(f);
    }
    return undefined;
  };
  const header = section();
  if (!header || !header.some((f) => f.type === 2)) return undefined;
  const location = header.find((f) => f.type === 1)?.data.toString('latin1') ?? '';
  for (let caveats = 0; ; caveats++) {
    if (caveats > 256) return undefined;
    const c = section();
    if (!c) return undefined;
    if (c.length === 0) break;
    if (!c.some((f) => f.type === 2)) return undefined;
  }
  const sig = field();
  return sig && sig.type === 6 && sig.data.length === 32 && at === buf.length ? location : undefined;
}

function decodeB64(s: string, url: boolean): Buffer | undefined {
  const clean = s.replace(/=+$/, '');
  if (!(url ? /^[A-Za-z0-9_-]*$/ : /^[A-Za-z0-9+/]*$/).test(clean) || clean.length % 4 === 1) return undefined;
  return Buffer.from(clean, url ? 'base64url' : 'base64');
}

function checkMacaroon(token: string, spec: { bodyOffset: number; locations: string[] }): Verification {
  const buf = decodeB64(token.slice(spec.bodyOffset), true);
  const loc = buf && macaroonLocation(buf);
  return loc !== undefined && spec.locations.includes(loc) ? 'verified-format' : 'invalid-format';
}

function jsonObject(part: string): Record<string, unknown> | undefined {
  const buf = decodeB64(part, true);
  if (!buf) return undefined;
  try {
    const v = JSON.parse(buf.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function checkJwt(token: string): Verification {
  const parts = token.split('.');
  if (parts.length !== 3) return 'invalid-format';
  const header = jsonObject(parts[0]);
  const claims = jsonObject(parts[1]);
  return header && typeof header.alg === 'string' && claims && decodeB64(parts[2], true) ? 'verified-format' : 'invalid-format';
}

/**
 * The body of a PEM private key (between the BEGIN and END lines; `\n` escapes allowed). Legacy
 * encrypted PEM (headers such as `Proc-Type:`) and PGP armour are not checked (undefined).
 */
export function checkPemBody(body: string): Verification | undefined {
  const lines = body.replace(/\\[nr]/g, '\n').split(/\r?\n/);
  if (lines.some((l) => /^[A-Za-z-]{1,40}: /.test(l.trim()))) return undefined;
  const b64 = lines.join('').replace(/[\s"',]/g, '');
  const buf = decodeB64(b64, false);
  if (!buf || buf.length < 64) return 'invalid-format';
  if (buf.subarray(0, 15).toString('latin1') === 'openssh-key-v1\u0000') return 'verified-format';
  // One DER SEQUENCE whose definite length covers the whole body.
  if (buf[0] !== 0x30) return 'invalid-format';
  let len = buf[1];
  let header = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4) return 'invalid-format';
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[2 + i];
    header = 2 + n;
  }
  return header + len === buf.length ? 'verified-format' : 'invalid-format';
}

function run(spec: VerifierSpec, secret: string): Verification | undefined {
  switch (spec.kind) {
    case 'crc32-base62':
      return checkCrc32Base62(secret, spec.prefixLength);
    case 'macaroon':
      return checkMacaroon(secret, spec);
    case 'jwt':
      return checkJwt(secret);
    case 'pem':
      return checkPemBody(secret);
    case 'format':
      return 'verified-format';
  }
}

/** Offline verification of a detector's match; undefined when the detector has no check. */
export function verifyOffline(ruleId: string, secret: string): Verification | undefined {
  const spec = VERIFIERS[ruleId];
  return spec ? run(spec, secret) : undefined;
}

/**
 * Splits off the look-alike secret findings (invalid checksum or structure) unless `show`:
 * they are counted, not reported.
 */
export function partitionLookalikes<T extends { category?: string; properties?: Record<string, unknown> }>(findings: T[], show: boolean): { kept: T[]; lookalikes: number } {
  if (show) return { kept: findings, lookalikes: 0 };
  const kept: T[] = [];
  let lookalikes = 0;
  for (const f of findings) {
    if (f.category === 'secret' && isLookalike(f.properties?.verification)) lookalikes++;
    else kept.push(f);
  }
  return { kept, lookalikes };
}
