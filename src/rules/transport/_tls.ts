// TLS protocol constants considered insecure (SSLv2/SSLv3/TLS 1.0/TLS 1.1).
import type { PyNode } from '../../python/ast.js';
import type { Semantic } from '../../python/semantic.js';

const BAD = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1_1'];
export const BAD_PROTOCOLS = new Set<string>([
  ...BAD.map((p) => `ssl.PROTOCOL_${p}`),
  ...['SSLv2_METHOD', 'SSLv3_METHOD', 'TLSv1_METHOD', 'TLSv1_1_METHOD'].map((m) => `OpenSSL.SSL.${m}`),
]);
export const BAD_TLS_VERSIONS = new Set(['ssl.TLSVersion.SSLv3', 'ssl.TLSVersion.TLSv1', 'ssl.TLSVersion.TLSv1_1']);
/** Values KNOWN_CONSTANTS gives the ssl protocol constants (so `P = ssl.PROTOCOL_TLSv1` folds). */
const BAD_VALUES = new Set(BAD.map((p) => `PROTOCOL_${p}`));

/** The insecure protocol an expression names (`PROTOCOL_TLSv1`, `SSLv3_METHOD`), or null. */
export function badProtocol(sem: Semantic, node: PyNode | undefined): string | null {
  if (!node) return null;
  const qn = sem.qualifiedName(node);
  if (qn && BAD_PROTOCOLS.has(qn)) return qn.split('.').pop()!;
  const v = sem.constValue(node);
  if (typeof v === 'string' && BAD_VALUES.has(v)) return v;
  return null;
}
