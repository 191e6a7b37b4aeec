// Provider secret detectors: one table entry per provider token format.
//
// LINEAR TIME, BY CONSTRUCTION (why not RE2): Node's regex engine backtracks, and RE2 would need
// either the native `re2` addon (no prebuilt binary here, compiles from source in CI) or a WASM
// build (per-call copying into WASM memory and UTF-8 byte offsets that must be mapped back to
// UTF-16 columns, for ~70 patterns over every text file). Instead every pattern in this table obeys
// rules that make a scan O(n) in the input length, checked by secrets.linear.test.ts (a static
// check of each pattern's source) and by an adversarial 5 MB line per detector:
//   1. Every quantifier is bounded: only `?` and `{m,n}` (n <= 4000). No `*`, `+` or `{m,}`. So one
//      match attempt reads at most a constant number of characters.
//   2. No repeating quantifier applies to a group (no nesting; only `?` may wrap a group, which at
//      most doubles the work), and quantified character classes that follow each other are
//      separated by a mandatory literal that the preceding class cannot match. Backtracking inside
//      one attempt is therefore bounded by the sum (not the product) of the bounds.
//   3. Patterns whose bounded body is long start with a negative lookbehind whose class covers the
//      characters the pattern can consume (`=` excepted: it is the assignment operator before tokens) (e.g. `(?<![A-Za-z0-9_.-])eyJ...`), so within one run of
//      token characters only the run's first position starts a deep attempt; other positions fail
//      in O(1). Deep attempts thus read disjoint runs and the total work stays linear.
// Patterns never match across a newline (no `\s` or negated class that admits `\n`), so matches
// map to a single line. File-level keyword prefilters (`keywords`) skip a detector entirely when
// none of its literal prefixes occurs in the file.
import type { RuleMeta, RuleDocs } from '../core/rule-meta.js';
import type { Confidence, Severity } from '../core/finding.js';
import type { DetectContext, ProviderDetector } from './types.js';
import { isHighEntropy } from './entropy.js';
import { isPlaceholder, isPlaceholderTokenBody } from './placeholders.js';

interface Spec {
  id: string;
  name: string;
  provider: string;
  kind: string;
  keywords: string[];
  pattern?: RegExp;
  near?: string[];
  validate?: (secret: string) => boolean;
  detect?: ProviderDetector['detect'];
  severity?: Severity;
  confidence?: Confidence;
  priority?: number;
  /** Environment variable used in the documentation's "good" example. */
  env: string;
  /** How the credential looks, for documentation (never a real-looking value). */
  shape: string;
  cwe?: number[];
}

function docs(s: Spec): RuleDocs {
  return {
    what: `Finds ${s.provider} ${s.kind}s (${s.shape}) committed in source, configuration or notebook files.`,
    why:
      'Anyone who can read the repository, a fork, a CI log or a built package can use the credential. ' +
      'Removing it from the latest commit is not enough: it stays in the git history.',
    bad: `${s.env} = "<a real ${s.kind}: ${s.shape}>"`,
    good: `import os\n${s.env} = os.environ["${s.env}"]`,
    fix:
      `Revoke and rotate the ${s.kind} at ${s.provider} first (treat it as compromised), then load it from the environment ` +
      'or a secret manager, and purge it from the git history if it was committed.',
    references: ['https://cwe.mitre.org/data/definitions/798.html'],
  };
}

function meta(s: Spec): RuleMeta {
  return {
    id: s.id,
    name: s.name,
    category: 'secret',
    severity: s.severity ?? 'critical',
    confidence: s.confidence ?? 'high',
    cwe: s.cwe ?? [798],
    summary: `${s.provider} ${s.kind} in the repository`,
    docs: docs(s),
  };
}

/** The part of a token after its fixed prefix (for placeholder checks). */
function bodyAfter(secret: string, prefixes: string[]): string {
  const lower = secret.toLowerCase();
  let best = 0;
  for (const p of prefixes) if (lower.startsWith(p) && p.length > best) best = p.length;
  return secret.slice(best);
}

function notPlaceholderBody(prefixes: string[]) {
  return (secret: string) => !isPlaceholderTokenBody(bodyAfter(secret, prefixes));
}

const hasUpperLowerDigit = (s: string) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);

// ---------------------------------------------------------------------------------------------
// Private key blocks (procedural: indexOf-based, linear).

const PEM_BEGIN = '-----BEGIN ';

interface PemBlock {
  label: string;
  start: number;
  bodyStart: number;
  bodyEnd: number;
}

/** Finds `-----BEGIN <label>-----` headers of private keys with a non-placeholder body. */
export function findPrivateKeyBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  // Next `-----END` at or after a position, cached so the whole search stays linear.
  let endAt = -2;
  const nextEnd = (from: number) => {
    if (endAt === -1) return -1;
    if (endAt < from) endAt = text.indexOf('-----END', from);
    return endAt;
  };
  let i = text.indexOf(PEM_BEGIN);
  while (i >= 0) {
    const labelStart = i + PEM_BEGIN.length;
    const close = text.indexOf('-----', labelStart);
    if (close < 0) break;
    const label = text.slice(labelStart, close);
    if (close - labelStart <= 40 && /PRIVATE KEY/.test(label) && !/[\r\n]/.test(label)) {
      const bodyStart = close + 5;
      const endMarker = nextEnd(bodyStart);
      const bodyEnd = endMarker >= 0 && endMarker - bodyStart <= 200_000 ? endMarker : Math.min(text.length, bodyStart + 4096);
      // The body must contain real base64 material (at least 40 base64 chars after escapes and
      // PGP/PEM headers are dropped); "...", "<key>" or "MII..." placeholders are skipped.
      const raw = text.slice(bodyStart, Math.min(bodyEnd, bodyStart + 8192));
      const b64 = raw
        .replace(/\\[nr]/g, '\n')
        .split(/\r?\n/)
        .filter((l) => !/^[A-Za-z-]{1,40}: /.test(l.trim()))
        .join('')
        .replace(/[^A-Za-z0-9+/=]/g, '');
      if (b64.length >= 40 && !isPlaceholderTokenBody(b64) && /[0-9]/.test(b64) && /[A-Z]/.test(b64) && /[a-z]/.test(b64)) {
        out.push({ label, start: i, bodyStart, bodyEnd });
      }
      i = text.indexOf(PEM_BEGIN, Math.max(bodyEnd, close));
    } else {
      i = text.indexOf(PEM_BEGIN, close);
    }
  }
  return out;
}

function privateKeyDetector(test: (label: string) => boolean) {
  return (ctx: DetectContext) =>
    findPrivateKeyBlocks(ctx.text)
      .filter((b) => test(b.label))
      .map((b) => {
        // The secret is the key body; skip the line break right after the header.
        let s = b.bodyStart;
        while (s < b.bodyEnd && (ctx.text[s] === '\n' || ctx.text[s] === '\r' || ctx.text[s] === ' ')) s++;
        if (ctx.text.startsWith('\\n', s)) s += 2;
        return { start: s, end: b.bodyEnd, secret: ctx.text.slice(s, b.bodyEnd).trim(), reportAt: b.start };
      });
}

// ---------------------------------------------------------------------------------------------
// Google service-account JSON (procedural).

function serviceAccountDetector(ctx: DetectContext) {
  if (!ctx.lower.includes('"service_account"') || !ctx.lower.includes('"private_key"')) return [];
  const out: { start: number; end: number; secret: string; reportAt?: number }[] = [];
  const re = /"private_key"[ \t]{0,16}:[ \t]{0,16}"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ctx.text))) {
    const vs = m.index + m[0].length;
    // The value is a JSON string on one line; find its closing quote (skipping escapes).
    let j = vs;
    const limit = Math.min(ctx.text.length, vs + 20_000);
    while (j < limit && ctx.text[j] !== '"' && ctx.text[j] !== '\n') j += ctx.text[j] === '\\' ? 2 : 1;
    const value = ctx.text.slice(vs, j);
    if (!value.includes('PRIVATE KEY')) continue;
    const bodyStart = value.indexOf('-----', value.indexOf('PRIVATE KEY')) + 5;
    const body = value.slice(bodyStart).replace(/\\n/g, '');
    if (body.replace(/[^A-Za-z0-9+/=]/g, '').length < 40 || isPlaceholder(body)) continue;
    out.push({ start: vs + bodyStart, end: j, secret: value.slice(bodyStart), reportAt: m.index });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// JWT validation: the header must decode to a JSON object with "alg".

function isJwt(token: string): boolean {
  const header = token.slice(0, token.indexOf('.'));
  try {
    const json = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown;
    return typeof json === 'object' && json !== null && 'alg' in json && !isPlaceholderTokenBody(token.slice(token.lastIndexOf('.') + 1));
  } catch {
    return false;
  }
}

function urlPasswordOk(secret: string): boolean {
  if (secret.length < 3) return false;
  const l = secret.toLowerCase();
  if (['pass', 'passwd', 'pwd', 'user', 'username', 'root', 'admin', 'secret'].includes(l)) return false;
  return !isPlaceholder(secret);
}

const ENV_WINDOW_KEYS = (...k: string[]) => k;

const SPECS: Spec[] = [
  // --- AWS
  {
    id: 'PWS001', name: 'aws-access-key-id', provider: 'AWS', kind: 'access key ID', env: 'AWS_ACCESS_KEY_ID',
    shape: 'AKIA/ASIA followed by 16 base32 characters',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: /(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['akia', 'asia', 'abia', 'acca']),
  },
  {
    id: 'PWS002', name: 'aws-secret-access-key', provider: 'AWS', kind: 'secret access key', env: 'AWS_SECRET_ACCESS_KEY',
    shape: '40 base64 characters next to aws_secret_access_key',
    keywords: ['secret_access', 'secretaccesskey', 'aws_secret', 'aws-secret', 'secret-access'],
    near: ['secret_access', 'secretaccesskey', 'aws_secret', 'aws-secret', 'secret-access'],
    pattern: /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    validate: (s) => hasUpperLowerDigit(s) && isHighEntropy(s) && !isPlaceholderTokenBody(s),
    priority: 45,
  },
  {
    id: 'PWS003', name: 'aws-mws-auth-token', provider: 'Amazon MWS', kind: 'auth token', env: 'MWS_AUTH_TOKEN',
    shape: 'amzn.mws. followed by a UUID',
    keywords: ['amzn.mws.'],
    pattern: /(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f])/g,
    validate: notPlaceholderBody(['amzn.mws.']),
  },
  // --- GitHub
  {
    id: 'PWS004', name: 'github-classic-token', provider: 'GitHub', kind: 'personal access token (classic)', env: 'GITHUB_TOKEN',
    shape: 'ghp_ followed by 36 alphanumerics',
    keywords: ['ghp_'],
    pattern: /(?<![A-Za-z0-9_])(ghp_[A-Za-z0-9]{36})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['ghp_']),
  },
  {
    id: 'PWS005', name: 'github-fine-grained-token', provider: 'GitHub', kind: 'fine-grained personal access token', env: 'GITHUB_TOKEN',
    shape: 'github_pat_ followed by 22 + 59 alphanumerics',
    keywords: ['github_pat_'],
    pattern: /(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g,
    validate: notPlaceholderBody(['github_pat_']),
  },
  {
    id: 'PWS006', name: 'github-oauth-token', provider: 'GitHub', kind: 'OAuth access token', env: 'GITHUB_TOKEN',
    shape: 'gho_ followed by 36 alphanumerics',
    keywords: ['gho_'],
    pattern: /(?<![A-Za-z0-9_])(gho_[A-Za-z0-9]{36})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['gho_']),
  },
  {
    id: 'PWS007', name: 'github-app-token', provider: 'GitHub', kind: 'app installation or user-to-server token', env: 'GITHUB_TOKEN',
    shape: 'ghs_ or ghu_ followed by 36 alphanumerics',
    keywords: ['ghs_', 'ghu_'],
    pattern: /(?<![A-Za-z0-9_])(gh[su]_[A-Za-z0-9]{36})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['ghs_', 'ghu_']),
  },
  {
    id: 'PWS008', name: 'github-refresh-token', provider: 'GitHub', kind: 'refresh token', env: 'GITHUB_REFRESH_TOKEN',
    shape: 'ghr_ followed by 36+ alphanumerics',
    keywords: ['ghr_'],
    pattern: /(?<![A-Za-z0-9_])(ghr_[A-Za-z0-9]{36,76})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['ghr_']),
  },
  // --- GitLab
  {
    id: 'PWS009', name: 'gitlab-personal-access-token', provider: 'GitLab', kind: 'personal access token', env: 'GITLAB_TOKEN',
    shape: 'glpat- followed by 20+ URL-safe characters',
    keywords: ['glpat-'],
    pattern: /(?<![A-Za-z0-9_.-])(glpat-[A-Za-z0-9_.-]{20,80})/g,
    validate: notPlaceholderBody(['glpat-']),
  },
  {
    id: 'PWS010', name: 'gitlab-pipeline-trigger-token', provider: 'GitLab', kind: 'pipeline trigger token', env: 'GITLAB_TRIGGER_TOKEN',
    shape: 'glptt- followed by 40 hex digits',
    keywords: ['glptt-'],
    pattern: /(?<![A-Za-z0-9_-])(glptt-[0-9a-f]{40})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['glptt-']),
  },
  {
    id: 'PWS011', name: 'gitlab-runner-token', provider: 'GitLab', kind: 'runner token', env: 'CI_RUNNER_TOKEN',
    shape: 'glrt- or GR1348941 followed by 20+ URL-safe characters',
    keywords: ['glrt-', 'gr1348941'],
    pattern: /(?<![A-Za-z0-9_.-])((?:glrt-|GR1348941)[A-Za-z0-9_.-]{20,80})/g,
    validate: notPlaceholderBody(['glrt-', 'gr1348941']),
  },
  {
    id: 'PWS012', name: 'gitlab-deploy-token', provider: 'GitLab', kind: 'deploy token', env: 'GITLAB_DEPLOY_TOKEN',
    shape: 'gldt- followed by 20+ URL-safe characters',
    keywords: ['gldt-'],
    pattern: /(?<![A-Za-z0-9_.-])(gldt-[A-Za-z0-9_.-]{20,80})/g,
    validate: notPlaceholderBody(['gldt-']),
  },
  // --- Slack
  {
    id: 'PWS013', name: 'slack-bot-token', provider: 'Slack', kind: 'bot token', env: 'SLACK_BOT_TOKEN',
    shape: 'xoxb-<digits>-<digits>-<24+ alphanumerics>',
    keywords: ['xoxb-'],
    pattern: /(?<![A-Za-z0-9_-])(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34})(?![A-Za-z0-9])/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(s.lastIndexOf('-') + 1)),
  },
  {
    id: 'PWS014', name: 'slack-user-token', provider: 'Slack', kind: 'user token', env: 'SLACK_USER_TOKEN',
    shape: 'xoxp-<digits>-<digits>-<digits>-<32 hex>',
    keywords: ['xoxp-', 'xoxe-'],
    pattern: /(?<![A-Za-z0-9_-])(xox[pe]-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{28,34})(?![A-Za-z0-9])/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(s.lastIndexOf('-') + 1)),
  },
  {
    id: 'PWS015', name: 'slack-app-token', provider: 'Slack', kind: 'app-level token', env: 'SLACK_APP_TOKEN',
    shape: 'xapp-1-<id>-<digits>-<64 hex>',
    keywords: ['xapp-'],
    pattern: /(?<![A-Za-z0-9_-])(xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[A-Za-z0-9]{60,70})(?![A-Za-z0-9])/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(s.lastIndexOf('-') + 1)),
  },
  {
    id: 'PWS016', name: 'slack-webhook-url', provider: 'Slack', kind: 'incoming webhook URL', env: 'SLACK_WEBHOOK_URL',
    shape: 'https://hooks.slack.com/services/T…/B…/…',
    keywords: ['hooks.slack.com'],
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9_/+-]{30,120})/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(s.lastIndexOf('/') + 1)) && /[0-9]/.test(s),
    severity: 'high',
  },
  // --- Stripe
  {
    id: 'PWS017', name: 'stripe-secret-key', provider: 'Stripe', kind: 'live secret key', env: 'STRIPE_SECRET_KEY',
    shape: 'sk_live_ followed by 24+ alphanumerics',
    keywords: ['sk_live_'],
    pattern: /(?<![A-Za-z0-9_])(sk_live_[A-Za-z0-9]{24,99})/g,
    validate: notPlaceholderBody(['sk_live_']),
  },
  {
    id: 'PWS018', name: 'stripe-restricted-key', provider: 'Stripe', kind: 'live restricted key', env: 'STRIPE_RESTRICTED_KEY',
    shape: 'rk_live_ followed by 24+ alphanumerics',
    keywords: ['rk_live_'],
    pattern: /(?<![A-Za-z0-9_])(rk_live_[A-Za-z0-9]{24,99})/g,
    validate: notPlaceholderBody(['rk_live_']),
  },
  {
    id: 'PWS019', name: 'stripe-webhook-secret', provider: 'Stripe', kind: 'webhook signing secret', env: 'STRIPE_WEBHOOK_SECRET',
    shape: 'whsec_ followed by 32+ base64 characters',
    keywords: ['whsec_'],
    pattern: /(?<![A-Za-z0-9_])(whsec_[A-Za-z0-9+/]{32,64})/g,
    validate: notPlaceholderBody(['whsec_']),
    severity: 'high',
  },
  // --- Google
  {
    id: 'PWS020', name: 'google-api-key', provider: 'Google', kind: 'API key', env: 'GOOGLE_API_KEY',
    shape: 'AIza followed by 35 URL-safe characters',
    keywords: ['aiza'],
    pattern: /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
    validate: notPlaceholderBody(['aiza']),
    severity: 'high',
  },
  {
    id: 'PWS021', name: 'gemini-api-key', provider: 'Google Gemini', kind: 'API key', env: 'GEMINI_API_KEY',
    shape: 'AIza… key used with Gemini / the Generative Language API',
    keywords: ['aiza'],
    near: ['gemini', 'genai', 'generativelanguage', 'google_ai', 'googleai'],
    pattern: /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
    validate: notPlaceholderBody(['aiza']),
    priority: 60,
  },
  {
    id: 'PWS022', name: 'google-service-account-key', provider: 'Google Cloud', kind: 'service-account private key', env: 'GOOGLE_APPLICATION_CREDENTIALS',
    shape: 'a JSON key file with "type": "service_account" and "private_key"',
    keywords: ['"service_account"'],
    detect: serviceAccountDetector,
    priority: 70,
  },
  {
    id: 'PWS023', name: 'google-oauth-client-secret', provider: 'Google', kind: 'OAuth client secret', env: 'GOOGLE_CLIENT_SECRET',
    shape: 'GOCSPX- followed by 28 URL-safe characters',
    keywords: ['gocspx-'],
    pattern: /(?<![A-Za-z0-9_-])(GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/g,
    validate: notPlaceholderBody(['gocspx-']),
    severity: 'high',
  },
  {
    id: 'PWS024', name: 'google-oauth-access-token', provider: 'Google', kind: 'OAuth access token', env: 'GOOGLE_ACCESS_TOKEN',
    shape: 'ya29. followed by URL-safe characters',
    keywords: ['ya29.'],
    pattern: /(?<![A-Za-z0-9_.-])(ya29\.[0-9A-Za-z_-]{30,400})/g,
    validate: (s) => notPlaceholderBody(['ya29.'])(s) && /[0-9]/.test(s.slice(5)),
    severity: 'high',
    confidence: 'medium',
  },
  // --- Azure
  {
    id: 'PWS025', name: 'azure-storage-account-key', provider: 'Azure Storage', kind: 'account key', env: 'AZURE_STORAGE_CONNECTION_STRING',
    shape: 'AccountKey=<88 base64 characters> in a connection string',
    keywords: ['accountkey='],
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    validate: (s) => !isPlaceholderTokenBody(s.replace(/=+$/, '')),
  },
  {
    id: 'PWS026', name: 'azure-shared-access-key', provider: 'Azure Service Bus / Event Hubs', kind: 'shared access key', env: 'AZURE_SERVICEBUS_CONNECTION_STRING',
    shape: 'SharedAccessKey=<44 base64 characters> in a connection string',
    keywords: ['sharedaccesskey='],
    pattern: /SharedAccessKey=([A-Za-z0-9+/]{42,43}=)/g,
    validate: (s) => !isPlaceholderTokenBody(s.replace(/=+$/, '')),
  },
  {
    id: 'PWS027', name: 'azure-ad-client-secret', provider: 'Azure AD (Entra ID)', kind: 'client secret', env: 'AZURE_CLIENT_SECRET',
    shape: '3 characters, a digit, "Q~" and 31-34 more characters',
    keywords: ['q~'],
    pattern: /(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(6)),
  },
  // --- Twilio, SendGrid, Mailgun, Mailchimp
  {
    id: 'PWS028', name: 'twilio-api-key', provider: 'Twilio', kind: 'API key', env: 'TWILIO_API_KEY',
    shape: 'SK followed by 32 hex digits, in a file mentioning Twilio',
    keywords: ['twilio'],
    pattern: /(?<![A-Za-z0-9])(SK[0-9a-fA-F]{32})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['sk']),
  },
  {
    id: 'PWS029', name: 'twilio-auth-token', provider: 'Twilio', kind: 'auth token', env: 'TWILIO_AUTH_TOKEN',
    shape: '32 hex digits next to a Twilio auth-token name',
    keywords: ['twilio'],
    near: ['auth_token', 'authtoken', 'auth-token', 'twilio_token', 'twilio'],
    pattern: /(?<![A-Za-z0-9])([0-9a-f]{32})(?![A-Za-z0-9])/g,
    validate: (s) => isHighEntropy(s) && !isPlaceholderTokenBody(s),
    priority: 45,
  },
  {
    id: 'PWS030', name: 'sendgrid-api-key', provider: 'SendGrid', kind: 'API key', env: 'SENDGRID_API_KEY',
    shape: 'SG.<22 characters>.<43 characters>',
    keywords: ['sg.'],
    pattern: /(?<![A-Za-z0-9_.-])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(3, 25)) && !isPlaceholderTokenBody(s.slice(26)),
  },
  {
    id: 'PWS031', name: 'mailgun-api-key', provider: 'Mailgun', kind: 'API key', env: 'MAILGUN_API_KEY',
    shape: 'key-<32 hex> or <32 hex>-<8 hex>-<8 hex>, in a file mentioning Mailgun',
    keywords: ['mailgun'],
    pattern: /(?<![A-Za-z0-9_-])(key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9-])/g,
    validate: (s) => !isPlaceholderTokenBody(s.startsWith('key-') ? s.slice(4) : s.slice(0, 32)),
  },
  {
    id: 'PWS032', name: 'mailchimp-api-key', provider: 'Mailchimp', kind: 'API key', env: 'MAILCHIMP_API_KEY',
    shape: '<32 hex>-us<datacenter>',
    keywords: ['-us'],
    pattern: /(?<![A-Za-z0-9])([0-9a-f]{32}-us[0-9]{1,2})(?![A-Za-z0-9])/g,
    validate: (s) => isHighEntropy(s.slice(0, 32)) && !isPlaceholderTokenBody(s.slice(0, 32)),
    severity: 'high',
  },
  // --- AI providers
  {
    id: 'PWS033', name: 'openai-api-key', provider: 'OpenAI', kind: 'API key', env: 'OPENAI_API_KEY',
    shape: 'sk-proj-…, sk-svcacct-…, sk-admin-… or legacy sk-…T3BlbkFJ…',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 't3blbkfj'],
    pattern: /(?<![A-Za-z0-9_-])(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})/g,
    validate: notPlaceholderBody(['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-']),
  },
  {
    id: 'PWS034', name: 'anthropic-api-key', provider: 'Anthropic', kind: 'API key', env: 'ANTHROPIC_API_KEY',
    shape: 'sk-ant-api03- followed by ~95 URL-safe characters',
    keywords: ['sk-ant-'],
    pattern: /(?<![A-Za-z0-9_-])(sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,120})/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(s.indexOf('-', 7) + 1)),
  },
  {
    id: 'PWS035', name: 'huggingface-token', provider: 'Hugging Face', kind: 'access token', env: 'HF_TOKEN',
    shape: 'hf_ followed by 34 letters',
    keywords: ['hf_'],
    pattern: /(?<![A-Za-z0-9_])(hf_[A-Za-z]{34})(?![A-Za-z0-9])/g,
    validate: (s) => notPlaceholderBody(['hf_'])(s) && /[A-Z]/.test(s.slice(3)) && /[a-z]/.test(s.slice(3)),
  },
  {
    id: 'PWS036', name: 'huggingface-org-token', provider: 'Hugging Face', kind: 'organization API token', env: 'HF_ORG_TOKEN',
    shape: 'api_org_ followed by 34 letters',
    keywords: ['api_org_'],
    pattern: /(?<![A-Za-z0-9_])(api_org_[A-Za-z]{34})(?![A-Za-z0-9])/g,
    validate: (s) => notPlaceholderBody(['api_org_'])(s) && /[A-Z]/.test(s.slice(8)) && /[a-z]/.test(s.slice(8)),
  },
  {
    id: 'PWS037', name: 'replicate-api-token', provider: 'Replicate', kind: 'API token', env: 'REPLICATE_API_TOKEN',
    shape: 'r8_ followed by 37 alphanumerics',
    keywords: ['r8_'],
    pattern: /(?<![A-Za-z0-9_])(r8_[A-Za-z0-9]{37})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['r8_']),
  },
  {
    id: 'PWS038', name: 'groq-api-key', provider: 'Groq', kind: 'API key', env: 'GROQ_API_KEY',
    shape: 'gsk_ followed by 52 alphanumerics',
    keywords: ['gsk_'],
    pattern: /(?<![A-Za-z0-9_])(gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['gsk_']),
  },
  {
    id: 'PWS039', name: 'perplexity-api-key', provider: 'Perplexity', kind: 'API key', env: 'PERPLEXITY_API_KEY',
    shape: 'pplx- followed by 48 alphanumerics',
    keywords: ['pplx-'],
    pattern: /(?<![A-Za-z0-9_-])(pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['pplx-']),
  },
  // --- Package registries
  {
    id: 'PWS040', name: 'npm-access-token', provider: 'npm', kind: 'access token', env: 'NPM_TOKEN',
    shape: 'npm_ followed by 36 alphanumerics',
    keywords: ['npm_'],
    pattern: /(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['npm_']),
  },
  {
    id: 'PWS041', name: 'pypi-api-token', provider: 'PyPI', kind: 'API token', env: 'PYPI_TOKEN',
    shape: 'pypi-AgEIcHlwaS5vcmc… (a macaroon for pypi.org or test.pypi.org)',
    keywords: ['pypi-age'],
    pattern: /(?<![A-Za-z0-9_-])(pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000})/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(24)),
  },
  // --- Generic token formats
  {
    id: 'PWS042', name: 'json-web-token', provider: 'JWT', kind: 'JSON Web Token', env: 'API_JWT',
    shape: 'eyJ….eyJ….<signature>',
    keywords: ['eyj'],
    pattern: /(?<![A-Za-z0-9_.-])(eyJ[A-Za-z0-9_-]{8,1000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{16,1000})/g,
    validate: isJwt,
    severity: 'medium',
    confidence: 'medium',
    priority: 40,
  },
  // --- Private keys
  {
    id: 'PWS043', name: 'private-key-rsa', provider: 'RSA', kind: 'private key', env: 'RSA_PRIVATE_KEY_PATH',
    shape: '-----BEGIN RSA PRIVATE KEY----- block',
    keywords: ['begin rsa private key'],
    detect: privateKeyDetector((l) => l === 'RSA PRIVATE KEY'),
    cwe: [798, 321],
  },
  {
    id: 'PWS044', name: 'private-key-ec', provider: 'EC', kind: 'private key', env: 'EC_PRIVATE_KEY_PATH',
    shape: '-----BEGIN EC PRIVATE KEY----- block',
    keywords: ['begin ec private key'],
    detect: privateKeyDetector((l) => l === 'EC PRIVATE KEY'),
    cwe: [798, 321],
  },
  {
    id: 'PWS045', name: 'private-key-openssh', provider: 'OpenSSH', kind: 'private key', env: 'SSH_KEY_PATH',
    shape: '-----BEGIN OPENSSH PRIVATE KEY----- block',
    keywords: ['begin openssh private key'],
    detect: privateKeyDetector((l) => l === 'OPENSSH PRIVATE KEY'),
    cwe: [798, 321],
  },
  {
    id: 'PWS046', name: 'private-key-pgp', provider: 'PGP', kind: 'private key block', env: 'PGP_KEY_PATH',
    shape: '-----BEGIN PGP PRIVATE KEY BLOCK----- block',
    keywords: ['begin pgp private key block'],
    detect: privateKeyDetector((l) => l === 'PGP PRIVATE KEY BLOCK'),
    cwe: [798, 321],
  },
  {
    id: 'PWS047', name: 'private-key-pkcs8', provider: 'PKCS#8 / DSA', kind: 'private key', env: 'PRIVATE_KEY_PATH',
    shape: '-----BEGIN PRIVATE KEY-----, ENCRYPTED PRIVATE KEY or DSA PRIVATE KEY block',
    keywords: ['private key-----'],
    detect: privateKeyDetector((l) => !['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'PGP PRIVATE KEY BLOCK'].includes(l)),
    cwe: [798, 321],
  },
  // --- Credentials in URLs
  {
    id: 'PWS048', name: 'database-url-password', provider: 'Database', kind: 'connection URL with password', env: 'DATABASE_URL',
    shape: 'postgres://user:password@host/db (also mysql, mongodb, redis, amqp, mssql…)',
    keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver', 'oracle', 'cockroach', 'clickhouse'],
    pattern:
      /(?<![A-Za-z0-9+.-])(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|cockroachdb|clickhouse)(?:\+[a-z0-9]{1,20})?:\/\/[^\s:@/'"`<>]{1,128}:([^\s@/'"`<>]{1,256})@[^\s/'"`<>@]{1,256}/gi,
    validate: urlPasswordOk,
    severity: 'high',
    priority: 40,
  },
  {
    id: 'PWS049', name: 'url-with-credentials', provider: 'URL', kind: 'password in a URL', env: 'SERVICE_URL',
    shape: 'https://user:password@host/ (also ftp, smtp, ldap)',
    keywords: ['://'],
    pattern: /(?<![A-Za-z0-9+.-])(?:https?|s?ftps?|smtps?|ldaps?)(?:\+[a-z]{1,10})?:\/\/[^\s:@/'"`<>]{1,128}:([^\s@/'"`<>]{1,256})@[^\s/'"`<>@]{1,256}/gi,
    validate: urlPasswordOk,
    severity: 'high',
    confidence: 'medium',
    priority: 30,
  },
  // --- Other SaaS
  {
    id: 'PWS050', name: 'shopify-token', provider: 'Shopify', kind: 'access token or shared secret', env: 'SHOPIFY_ACCESS_TOKEN',
    shape: 'shpat_/shpca_/shppa_/shpss_ followed by 32 hex digits',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: /(?<![A-Za-z0-9_])(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})(?![A-Za-z0-9])/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(6)),
  },
  {
    id: 'PWS051', name: 'digitalocean-token', provider: 'DigitalOcean', kind: 'API token', env: 'DIGITALOCEAN_TOKEN',
    shape: 'dop_v1_/doo_v1_/dor_v1_ followed by 64 hex digits',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: /(?<![A-Za-z0-9_])(do[opr]_v1_[a-f0-9]{64})(?![A-Za-z0-9])/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(7)),
  },
  {
    id: 'PWS052', name: 'doppler-token', provider: 'Doppler', kind: 'API token', env: 'DOPPLER_TOKEN',
    shape: 'dp.pt./dp.st./dp.sa./dp.ct. followed by 40+ alphanumerics',
    keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    pattern: /(?<![A-Za-z0-9_.-])(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})(?![A-Za-z0-9])/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(s.indexOf('.', 3) + 1)),
  },
  {
    id: 'PWS053', name: 'discord-webhook-url', provider: 'Discord', kind: 'webhook URL', env: 'DISCORD_WEBHOOK_URL',
    shape: 'https://discord.com/api/webhooks/<id>/<token>',
    keywords: ['discord'],
    pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/([A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])/g,
    validate: (s) => !isPlaceholderTokenBody(s),
    severity: 'high',
  },
  {
    id: 'PWS054', name: 'telegram-bot-token', provider: 'Telegram', kind: 'bot token', env: 'TELEGRAM_BOT_TOKEN',
    shape: '<bot id>:AA<33 characters>',
    keywords: [':aa'],
    pattern: /(?<![A-Za-z0-9_:-])([0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(s.indexOf(':') + 3)),
    severity: 'high',
  },
  {
    id: 'PWS055', name: 'sentry-auth-token', provider: 'Sentry', kind: 'auth token', env: 'SENTRY_AUTH_TOKEN',
    shape: 'sntrys_ or sntryu_ followed by the token',
    keywords: ['sntrys_', 'sntryu_'],
    pattern: /(?<![A-Za-z0-9_])(sntry[su]_[A-Za-z0-9+/=_-]{60,400})/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(7)),
    severity: 'high',
  },
  {
    id: 'PWS056', name: 'new-relic-user-api-key', provider: 'New Relic', kind: 'user API key', env: 'NEW_RELIC_API_KEY',
    shape: 'NRAK- followed by 27 characters',
    keywords: ['nrak-'],
    pattern: /(?<![A-Za-z0-9_-])(NRAK-[A-Z0-9]{27})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['nrak-']),
    severity: 'high',
  },
  {
    id: 'PWS057', name: 'linear-api-key', provider: 'Linear', kind: 'API key', env: 'LINEAR_API_KEY',
    shape: 'lin_api_ followed by 40 alphanumerics',
    keywords: ['lin_api_'],
    pattern: /(?<![A-Za-z0-9_])(lin_api_[A-Za-z0-9]{40})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['lin_api_']),
    severity: 'high',
  },
  {
    id: 'PWS058', name: 'atlassian-api-token', provider: 'Atlassian', kind: 'API token', env: 'JIRA_API_TOKEN',
    shape: 'ATATT3 followed by ~180 characters',
    keywords: ['atatt3'],
    pattern: /(?<![A-Za-z0-9_-])(ATATT3[A-Za-z0-9_=-]{150,250})/g,
    validate: notPlaceholderBody(['atatt3']),
  },
  {
    id: 'PWS059', name: 'square-credential', provider: 'Square', kind: 'access token or OAuth secret', env: 'SQUARE_ACCESS_TOKEN',
    shape: 'sq0atp-/sq0csp- followed by 22-43 characters',
    keywords: ['sq0atp-', 'sq0csp-'],
    pattern: /(?<![A-Za-z0-9_-])(sq0(?:atp|csp)-[0-9A-Za-z_-]{22,43})(?![0-9A-Za-z_-])/g,
    validate: notPlaceholderBody(['sq0atp-', 'sq0csp-']),
  },
  {
    id: 'PWS060', name: 'databricks-token', provider: 'Databricks', kind: 'personal access token', env: 'DATABRICKS_TOKEN',
    shape: 'dapi followed by 32 hex digits',
    keywords: ['dapi'],
    pattern: /(?<![A-Za-z0-9_])(dapi[a-f0-9]{32})(?:-[0-9])?(?![A-Za-z0-9])/g,
    validate: (s) => notPlaceholderBody(['dapi'])(s) && isHighEntropy(s.slice(4)),
  },
  {
    id: 'PWS061', name: 'postman-api-key', provider: 'Postman', kind: 'API key', env: 'POSTMAN_API_KEY',
    shape: 'PMAK-<24 hex>-<34 hex>',
    keywords: ['pmak-'],
    pattern: /(?<![A-Za-z0-9_-])(PMAK-[a-f0-9]{24}-[a-f0-9]{34})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['pmak-']),
    severity: 'high',
  },
  {
    id: 'PWS062', name: 'grafana-token', provider: 'Grafana', kind: 'service-account or cloud token', env: 'GRAFANA_TOKEN',
    shape: 'glsa_… or glc_…',
    keywords: ['glsa_', 'glc_'],
    pattern: /(?<![A-Za-z0-9_])(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2})/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(s.indexOf('_') + 1)),
    severity: 'high',
  },
  {
    id: 'PWS063', name: 'pulumi-access-token', provider: 'Pulumi', kind: 'access token', env: 'PULUMI_ACCESS_TOKEN',
    shape: 'pul- followed by 40 hex digits',
    keywords: ['pul-'],
    pattern: /(?<![A-Za-z0-9_-])(pul-[a-f0-9]{40})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['pul-']),
  },
  {
    id: 'PWS064', name: 'vault-token', provider: 'HashiCorp Vault', kind: 'service or batch token', env: 'VAULT_TOKEN',
    shape: 'hvs. or hvb. followed by 90+ characters',
    keywords: ['hvs.', 'hvb.'],
    pattern: /(?<![A-Za-z0-9_.-])(hv[sb]\.[A-Za-z0-9_-]{90,400})/g,
    validate: notPlaceholderBody(['hvs.', 'hvb.']),
  },
  {
    id: 'PWS065', name: 'terraform-cloud-token', provider: 'Terraform Cloud', kind: 'API token', env: 'TFE_TOKEN',
    shape: '<14 characters>.atlasv1.<60+ characters>',
    keywords: ['.atlasv1.'],
    pattern: /(?<![A-Za-z0-9_.-])([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(23)),
  },
  {
    id: 'PWS066', name: 'age-secret-key', provider: 'age', kind: 'secret key', env: 'SOPS_AGE_KEY',
    shape: 'AGE-SECRET-KEY-1 followed by 58 bech32 characters',
    keywords: ['age-secret-key-1'],
    pattern: /(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['age-secret-key-1']),
  },
  {
    id: 'PWS067', name: 'alibaba-access-key-id', provider: 'Alibaba Cloud', kind: 'AccessKey ID', env: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    shape: 'LTAI followed by 12-20 alphanumerics',
    keywords: ['ltai'],
    pattern: /(?<![A-Za-z0-9])(LTAI[A-Za-z0-9]{12,20})(?![A-Za-z0-9])/g,
    validate: (s) => notPlaceholderBody(['ltai'])(s) && /[0-9]/.test(s.slice(4)) && /[A-Za-z]/.test(s.slice(4)),
    severity: 'high',
  },
  {
    id: 'PWS068', name: 'supabase-access-token', provider: 'Supabase', kind: 'personal access token', env: 'SUPABASE_ACCESS_TOKEN',
    shape: 'sbp_ followed by 40 hex digits',
    keywords: ['sbp_'],
    pattern: /(?<![A-Za-z0-9_])(sbp_[a-f0-9]{40})(?![A-Za-z0-9])/g,
    validate: notPlaceholderBody(['sbp_']),
  },
  {
    id: 'PWS069', name: 'planetscale-credential', provider: 'PlanetScale', kind: 'token or password', env: 'PLANETSCALE_TOKEN',
    shape: 'pscale_tkn_/pscale_pw_/pscale_oauth_ followed by 32+ characters',
    keywords: ['pscale_'],
    pattern: /(?<![A-Za-z0-9_])(pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64})/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(s.indexOf('_', 7) + 1)),
  },
  {
    id: 'PWS070', name: 'notion-integration-token', provider: 'Notion', kind: 'integration token', env: 'NOTION_TOKEN',
    shape: 'ntn_ followed by 11 digits and 35 alphanumerics',
    keywords: ['ntn_'],
    pattern: /(?<![A-Za-z0-9_])(ntn_[0-9]{11}[A-Za-z0-9]{35})(?![A-Za-z0-9])/g,
    validate: (s) => !isPlaceholderTokenBody(s.slice(15)),
    severity: 'high',
  },
  {
    id: 'PWS071', name: 'datadog-api-key', provider: 'Datadog', kind: 'API or application key', env: 'DD_API_KEY',
    shape: '32 or 40 hex digits next to a Datadog key name',
    keywords: ['datadog', 'dd_api_key', 'dd_app_key', 'dd-api-key', 'dd_application_key'],
    near: ENV_WINDOW_KEYS('dd_api_key', 'dd_app_key', 'dd-api-key', 'dd_application_key', 'datadog_api_key', 'datadog_app_key', 'datadog'),
    pattern: /(?<![A-Za-z0-9])([a-f0-9]{32}|[a-f0-9]{40})(?![A-Za-z0-9])/g,
    validate: (s) => isHighEntropy(s) && !isPlaceholderTokenBody(s),
    severity: 'high',
    priority: 45,
  },
  {
    id: 'PWS072', name: 'heroku-api-key', provider: 'Heroku', kind: 'API key', env: 'HEROKU_API_KEY',
    shape: 'a UUID next to HEROKU_API_KEY',
    keywords: ['heroku'],
    near: ['heroku_api_key', 'heroku_api_token', 'heroku_token', 'heroku-api-key', 'heroku_key'],
    pattern: /(?<![A-Za-z0-9-])([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9-])/g,
    validate: (s) => !isPlaceholderTokenBody(s.replace(/-/g, '')),
    severity: 'high',
    priority: 45,
  },
];

export const PROVIDER_DETECTORS: ProviderDetector[] = SPECS.map((s) => ({
  meta: meta(s),
  provider: s.provider,
  kind: s.kind,
  keywords: s.keywords,
  pattern: s.pattern,
  near: s.near,
  validate: s.validate,
  detect: s.detect,
  priority: s.priority ?? 50,
}));
