// The encoding of a Python source file as the scanner decodes it (discovery.ts decodeSource), so
// that `--fix` can write a fixed file back in that same encoding: same byte-order mark, same bytes
// for every character it did not change.
import { decodeSource, pythonEncodingToWhatwg } from './discovery.js';

export interface SourceCodec {
  /** WHATWG name of the encoding (`utf-8`, `utf-16le`, `windows-1252`, `iso-8859-15`...). */
  encoding: string;
  /** The byte-order mark the file starts with (kept as is). */
  bom: Buffer;
  /** The decoded text (what the scanner analysed). */
  text: string;
  /** Byte offset in the file of UTF-16 offset `i` of `text` (offsets must be increasing). */
  byteOffsets(offsets: number[]): number[] | null;
  /** The bytes of `s` in this encoding, or null when some character has none. */
  encode(s: string): Buffer | null;
}

/** Single-byte WHATWG encodings (one byte per character, every character in the BMP). */
const SINGLE_BYTE = new Set([
  'ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8', 'iso-8859-8-i', 'iso-8859-10', 'iso-8859-13',
  'iso-8859-14', 'iso-8859-15', 'iso-8859-16', 'koi8-r', 'koi8-u', 'macintosh', 'windows-874', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253',
  'windows-1254', 'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'x-mac-cyrillic',
]);

const tables = new Map<string, Map<string, number>>();
/** Character -> byte for a single-byte encoding, built from the decoder itself (so it is its inverse). */
function singleByteTable(encoding: string): Map<string, number> {
  let t = tables.get(encoding);
  if (t) return t;
  t = new Map();
  const dec = new TextDecoder(encoding, { fatal: true });
  for (let b = 0; b < 256; b++) {
    let c: string;
    try {
      c = dec.decode(Uint8Array.of(b));
    } catch {
      continue; // a byte this encoding leaves undefined
    }
    if (c.length === 1 && !t.has(c)) t.set(c, b);
  }
  tables.set(encoding, t);
  return t;
}

/**
 * The codec of a file's bytes, or a reason why pyward cannot write it back exactly (an encoding it
 * decodes but cannot encode, such as Shift-JIS, or a text that is not what the scanner saw).
 */
export function sourceCodec(buf: Buffer): SourceCodec | { reason: string } {
  const scanned = decodeSource(buf);
  if (scanned.text === undefined) return { reason: scanned.reason ?? 'undecodable' };
  let codec: SourceCodec;
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    const le = buf[0] === 0xff;
    codec = utf16Codec(le, buf);
  } else {
    let utf8 = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      utf8 = false;
    }
    if (utf8) codec = utf8Codec(buf);
    else {
      const firstLines = buf.subarray(0, 8192).toString('latin1').split('\n').slice(0, 2).join('\n');
      const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/m.exec(firstLines);
      if (!m) return { reason: 'undecodable' };
      let encoding: string;
      try {
        encoding = new TextDecoder(pythonEncodingToWhatwg(m[1])).encoding;
      } catch {
        return { reason: `unknown encoding ${m[1]}` };
      }
      if (!SINGLE_BYTE.has(encoding)) return { reason: `pyward cannot write text encoded in ${m[1]} (${encoding})` };
      codec = singleByteCodec(encoding, buf);
    }
  }
  // The offsets of the fixes are offsets into the scanner's text: the two decodings must agree
  // (they differ only for odd files, e.g. with two byte-order marks).
  if (codec.text !== scanned.text || codec.text.charCodeAt(0) === 0xfeff) return { reason: 'the file starts with an unusual byte-order mark' };
  return codec;
}

function utf8Codec(buf: Buffer): SourceCodec {
  const hasBom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const bom = buf.subarray(0, hasBom ? 3 : 0);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf.subarray(bom.length));
  return {
    encoding: 'utf-8',
    bom,
    text,
    byteOffsets(offsets) {
      const out: number[] = [];
      let last = 0;
      let bytes = bom.length;
      for (const o of offsets) {
        if (o < last || o > text.length || splitsPair(text, o)) return null;
        bytes += Buffer.byteLength(text.slice(last, o), 'utf8');
        out.push(bytes);
        last = o;
      }
      return out;
    },
    encode: (s) => (hasLoneSurrogate(s) ? null : Buffer.from(s, 'utf8')),
  };
}

function utf16Codec(le: boolean, buf: Buffer): SourceCodec {
  const bom = buf.subarray(0, 2);
  const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: true }).decode(buf.subarray(2));
  return {
    encoding: le ? 'utf-16le' : 'utf-16be',
    bom,
    text,
    byteOffsets: (offsets) => (offsets.some((o) => o > text.length || splitsPair(text, o)) ? null : offsets.map((o) => 2 + 2 * o)),
    encode(s) {
      if (hasLoneSurrogate(s)) return null;
      const b = Buffer.from(s, 'utf16le');
      return le ? b : b.swap16();
    },
  };
}

function singleByteCodec(encoding: string, buf: Buffer): SourceCodec {
  const text = new TextDecoder(encoding, { fatal: true }).decode(buf);
  const table = singleByteTable(encoding);
  return {
    encoding,
    bom: buf.subarray(0, 0),
    text,
    // One byte per character; checked, in case a decoder ever maps a byte to two code units.
    byteOffsets: (offsets) => (text.length === buf.length && offsets.every((o) => o <= text.length) ? offsets.slice() : null),
    encode(s) {
      const out = Buffer.alloc(s.length);
      for (let i = 0; i < s.length; i++) {
        const b = table.get(s[i]);
        if (b === undefined) return null;
        out[i] = b;
      }
      return out;
    },
  };
}

function splitsPair(text: string, o: number): boolean {
  if (o <= 0 || o >= text.length) return false;
  const hi = text.charCodeAt(o - 1);
  const lo = text.charCodeAt(o);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** The line ending most lines of `text` use (`\n` when there is none or a tie with it). */
export function dominantLineEnding(text: string): '\n' | '\r\n' | '\r' {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}
