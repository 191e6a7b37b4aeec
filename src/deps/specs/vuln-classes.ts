// Vulnerability classes recognised in an advisory's text and CWE ids, used for the severity of an
// advisory that has neither a CVSS vector nor a severity field of its own (most PYSEC records of the
// PyPA database). Data only: the engine is src/deps/severity.ts.
//
// Each class has a severity, CWE ids and patterns matched (case-insensitively) against the summary
// and details of the record. When several classes match, the most severe one wins, so "may cause a
// denial of service or execute arbitrary code" is a code-execution advisory. The patterns name the
// class of the flaw, not a product: "arbitrary code execution", not "yaml.load".
import type { Severity } from '../../core/finding.js';

export interface VulnClass {
  id: string;
  /** Shown in the finding: "classified as <label>". */
  label: string;
  severity: Severity;
  cwes: number[];
  patterns: RegExp[];
}

export const VULN_CLASSES: readonly VulnClass[] = [
  {
    id: 'code-execution', label: 'code execution', severity: 'high', cwes: [94, 95, 96, 913, 1336],
    patterns: [
      /\b(?:arbitrary|remote) (?:code|python code|script) execution\b/i,
      /\bexecut(?:e|ion of|ing) (?:of )?arbitrary (?:python )?(?:code|script|programs?)\b/i,
      /\bcode[- ](?:injection|execution)\b/i,
      /\beval injection\b/i,
      /\bsandbox escape\b/i,
      /\b(?:backdoor|malicious code)\b/i,
      /\b(?:RCE)\b/,
      /\bserver-side template injection\b/i,
    ],
  },
  {
    id: 'deserialization', label: 'unsafe deserialization', severity: 'high', cwes: [502],
    patterns: [/\b(?:unsafe|insecure|untrusted) deserializ/i, /\bdeserializ\w* (?:of )?untrusted\b/i, /\bclass deserialization\b/i, /\bunpickl\w* (?:of )?untrusted\b/i],
  },
  {
    id: 'command-injection', label: 'command injection', severity: 'high', cwes: [77, 78, 88],
    patterns: [/\b(?:os |shell |argument )?command injection\b/i, /\bexecut(?:e|ion of|ing) arbitrary (?:os |shell |system |python )?commands?\b/i, /\binject arbitrary (?:os |shell |system )?commands\b/i, /\bshell[- ]injection\b/i],
  },
  {
    id: 'sql-injection', label: 'SQL injection', severity: 'high', cwes: [89, 564],
    patterns: [/\bSQL injection\b/i],
  },
  {
    id: 'auth-bypass', label: 'authentication or authorization bypass', severity: 'high', cwes: [287, 288, 290, 294, 306, 639, 862, 863, 1390],
    patterns: [
      /\b(?:authentication|authorization|auth|access control|permission|signature verification) (?:check )?bypass\b/i,
      /\bbypass(?:es|ing)? (?:the |intended )?(?:\w+ )?(?:authentication|authorization|access (?:control|restrictions)|permission checks?|signature verification)\b/i,
      /\bimproper (?:authentication|authorization|access control)\b/i,
      /\bunauthori[sz]ed (?:read |write )?access\b/i,
      /\bgain (?:root |elevated |admin(?:istrator)? )?privileges\b/i,
      /\bprivilege escalation\b/i,
      /\bescalate (?:their )?privileges\b/i,
    ],
  },
  {
    id: 'path-traversal', label: 'path traversal or arbitrary file write', severity: 'high', cwes: [22, 23, 35, 59],
    patterns: [/\b(?:path|directory) traversal\b/i, /\b(?:write|overwrite|create) arbitrary files?\b/i, /\barbitrary file (?:write|overwrite|creation)\b/i, /\b(?:read|write to|delete) arbitrary files\b/i, /\bunsafe (?:archive )?extraction\b/i, /\bzip slip\b/i],
  },
  {
    id: 'xxe', label: 'XML external entity injection', severity: 'high', cwes: [611, 776],
    patterns: [/\bXML external entit/i, /\bXXE\b/],
  },
  {
    id: 'memory-corruption', label: 'memory corruption', severity: 'high', cwes: [119, 120, 121, 122, 125, 416, 415, 787],
    patterns: [/\b(?:heap|stack|global)[- ]based buffer overflow\b/i, /\bbuffer overflow\b/i, /\bout-of-bounds write\b/i, /\buse[- ]after[- ]free\b/i, /\bdouble free\b/i],
  },
  {
    id: 'ssrf', label: 'server-side request forgery', severity: 'medium', cwes: [918],
    patterns: [/\bserver[- ]side request forgery\b/i, /\bSSRF\b/],
  },
  {
    id: 'xss', label: 'cross-site scripting', severity: 'medium', cwes: [79, 80],
    patterns: [/\bcross[- ]site scripting\b/i, /\bXSS\b/],
  },
  {
    id: 'csrf', label: 'cross-site request forgery', severity: 'medium', cwes: [352],
    patterns: [/\bcross[- ]site request forgery\b/i, /\bCSRF\b/],
  },
  {
    id: 'header-injection', label: 'header or CRLF injection', severity: 'medium', cwes: [93, 113],
    patterns: [/\bCRLF injection\b/i, /\b(?:HTTP )?header injection\b/i, /\bresponse splitting\b/i, /\brequest smuggling\b/i],
  },
  {
    id: 'open-redirect', label: 'open redirect', severity: 'medium', cwes: [601],
    patterns: [/\bopen redirect/i],
  },
  {
    id: 'information-disclosure', label: 'information disclosure', severity: 'medium', cwes: [200, 201, 209, 532, 538],
    patterns: [/\b(?:obtain|read|disclose|leak|expose)s? (?:sensitive|confidential|private) (?:information|data)\b/i, /\binformation (?:disclosure|exposure|leak)/i, /\bsensitive information\b/i, /\b(?:clear|plain)[- ]?text passwords?\b/i, /\bpassword (?:gets |is )?logged\b/i],
  },
  {
    id: 'denial-of-service', label: 'denial of service', severity: 'medium', cwes: [400, 770, 674, 835, 1333, 407],
    patterns: [
      /\bdenial[- ]of[- ]service\b/i, /\bReDoS\b/, /\b(?:memory|CPU|resource) (?:consumption|exhaustion)\b/i,
      /\binfinite loop\b/i, /\b(?:catastrophic|excessive) backtracking\b/i, /\bDoS\b/,
      /\b(?:cause|trigger|result in|lead to|leading to) (?:a |an )?(?:\w+ ){0,2}crash/i, /\bserver crashing\b/i, /\bSEGV\b/,
      /\b(?:buffer over-read|out-of-bounds read|NULL pointer dereference|segmentation fault)\b/i,
    ],
  },
  {
    id: 'tls-verification', label: 'missing certificate or signature verification', severity: 'medium', cwes: [295, 297, 347],
    patterns: [/\b(?:does not|doesn't|fails to|not) (?:properly )?(?:verify|validate|check) (?:the )?(?:\w+ ){0,4}(?:certificates?|hostnames?|signatures?)\b/i, /\bcertificate (?:verification|validation)\b/i, /\bman-in-the-middle\b/i],
  },
  {
    id: 'weak-crypto', label: 'weak cryptography or timing side channel', severity: 'medium', cwes: [208, 326, 327, 328, 330, 331, 338],
    patterns: [/\btiming attacks?\b/i, /\b(?:insufficient|low) entropy\b/i, /\binsufficiently random\b/i, /\bweak (?:cipher|hash|encryption|cryptograph)/i],
  },
];
