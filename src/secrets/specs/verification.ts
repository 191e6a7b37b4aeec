// Offline verification of provider tokens (src/secrets/verify.ts): which detector's tokens carry
// a checksum or a decodable structure, and how to check it. Data only.
//
// - crc32-base62: GitHub's token format (github.blog, 2021-04-05 "Behind GitHub's new
//   authentication token formats") and npm's (2021-09-23, same scheme): `prefix` + 30 random
//   base62 characters + 6 characters that are the CRC32 of the random part, base62-encoded
//   (alphabet 0-9A-Za-z) and left-padded with `0`. Refresh tokens (ghr_) may be longer: the
//   checksum is always the last 6 characters.
// - macaroon: PyPI API tokens are `pypi-` + base64url of a version-2 binary macaroon whose
//   location is the index's host.
// - jwt: header and claims decode to JSON objects, the header names `alg`.
// - pem: the base64 body of an unencrypted PEM key decodes to one DER SEQUENCE (PKCS#1, SEC1,
//   PKCS#8) or to an `openssh-key-v1` key.
// - format: the token grammar itself is exact (fixed prefix, strict alphabet and length), so a
//   match is a well-formed token; there is nothing more to check offline.

export type VerifierSpec =
  | { kind: 'crc32-base62'; prefixLength: number }
  | { kind: 'macaroon'; bodyOffset: number; locations: string[] }
  | { kind: 'jwt' }
  | { kind: 'pem' }
  | { kind: 'format' };

export const VERIFIERS: Record<string, VerifierSpec> = {
  PWS001: { kind: 'format' }, // AWS access key id: AKIA/ASIA + 16 base32
  PWS004: { kind: 'crc32-base62', prefixLength: 4 }, // ghp_
  PWS005: { kind: 'format' }, // github_pat_ (its checksum scheme is not documented)
  PWS006: { kind: 'crc32-base62', prefixLength: 4 }, // gho_
  PWS007: { kind: 'crc32-base62', prefixLength: 4 }, // ghs_, ghu_
  PWS008: { kind: 'crc32-base62', prefixLength: 4 }, // ghr_
  PWS013: { kind: 'format' }, // Slack xoxb-
  PWS014: { kind: 'format' }, // Slack xoxp-/xoxe-
  PWS015: { kind: 'format' }, // Slack xapp-
  PWS017: { kind: 'format' }, // Stripe sk_live_
  PWS018: { kind: 'format' }, // Stripe rk_live_
  PWS019: { kind: 'format' }, // Stripe whsec_
  PWS040: { kind: 'crc32-base62', prefixLength: 4 }, // npm_
  PWS041: { kind: 'macaroon', bodyOffset: 5, locations: ['pypi.org', 'test.pypi.org'] },
  PWS042: { kind: 'jwt' },
  PWS043: { kind: 'pem' }, // RSA PRIVATE KEY
  PWS044: { kind: 'pem' }, // EC PRIVATE KEY
  PWS045: { kind: 'pem' }, // OPENSSH PRIVATE KEY
  PWS047: { kind: 'pem' }, // PRIVATE KEY, ENCRYPTED PRIVATE KEY, DSA PRIVATE KEY
};
