// Test cases of the provider detectors (shared by the provider tests and the adversarial
// linear-time tests). Tokens are generated at run time (see fake.ts).
import { AN, B32, B64, checksummedToken, derPemBody, DIGITS, Fake, HEX, LETTERS, pypiToken, UPPER_DIGITS, URLSAFE } from './fake.js';

export interface Case {
  text: string;
  path?: string;
  /** The secret the finding is about (true positives). */
  secret?: string;
}

export interface ProviderCase {
  id: string;
  tp: (f: Fake) => Case[];
  fp: (f: Fake) => Case[];
}

const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** A PEM block whose body parses (DER SEQUENCE, or an openssh-key-v1 key; PGP armour is random). */
export function pem(label: string, f: Fake): { text: string; body: string } {
  const body =
    label === 'PGP PRIVATE KEY BLOCK'
      ? [f.str(B64, 64), f.str(B64, 64), f.str(B64, 40) + '=='].join('\n')
      : label === 'OPENSSH PRIVATE KEY'
        ? Buffer.concat([Buffer.from('openssh-key-v1\u0000'), Buffer.from(f.str(AN, 300))]).toString('base64').replace(/.{70}/g, '$&\n').trim()
        : derPemBody(f, 300);
  return { text: `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`, body };
}

const t = (text: string, secret: string, path = 'settings.cfg'): Case => ({ text, secret, path });
const CHECKSUMMED = new Set(['ghp_', 'gho_', 'ghs_', 'ghr_', 'npm_']);

export const PROVIDER_CASES: ProviderCase[] = [
  {
    id: 'PWS001',
    tp: (f) => {
      const s = 'AKIA' + f.str(B32, 16);
      const s2 = 'ASIA' + f.str(B32, 16);
      return [t(`aws_access_key_id = ${s}`, s, 'credentials'), t(`key: "${s2}"`, s2, 'c.yaml')];
    },
    fp: (f) => [{ text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE' }, { text: `id = AKIA${f.str(B32, 15)}` }, { text: `x = XAKIA${f.str(B32, 16)}` }],
  },
  {
    id: 'PWS002',
    tp: (f) => {
      const s = f.str(B64, 40);
      return [t(`aws_secret_access_key = ${s}`, s, 'credentials'), t(`"SecretAccessKey": "${s}",`, s, 'creds.json')];
    },
    fp: (f) => [{ text: `checksum = ${f.str(B64, 40)}` }, { text: `aws_secret_access_key = ${'a'.repeat(40)}` }, { text: `aws_secret_access_key = ${f.str(B64, 39)}` }],
  },
  {
    id: 'PWS003',
    tp: (f) => {
      const s = 'amzn.mws.' + f.uuid();
      return [t(`MWS_TOKEN=${s}`, s)];
    },
    fp: (f) => [{ text: `x = amzn.mws.${f.str(HEX, 8)}` }],
  },
  ...(
    [
      ['PWS004', 'ghp_', 36],
      ['PWS006', 'gho_', 36],
      ['PWS007', 'ghs_', 36],
      ['PWS008', 'ghr_', 36],
      ['PWS040', 'npm_', 36],
      ['PWS037', 'r8_', 37],
      ['PWS038', 'gsk_', 52],
      ['PWS039', 'pplx-', 48],
      ['PWS057', 'lin_api_', 40],
    ] as [string, string, number][]
  ).map(
    ([id, prefix, n]): ProviderCase => ({
      id,
      tp: (f) => {
        // GitHub and npm tokens end in a CRC32 of their random part (see specs/verification.ts).
        const s = CHECKSUMMED.has(prefix) ? checksummedToken(f, prefix, n - 6) : prefix + f.str(AN, n);
        return [t(`token = "${s}"`, s, 'app.py'), t(`TOKEN=${s}`, s, '.env')];
      },
      fp: (f) => [{ text: `token = "${prefix}${f.str(AN, n - 1)}"`, path: 'app.py' }, { text: `${prefix}${'x'.repeat(n)}` }, { text: `${prefix}<your-token>` }],
    }),
  ),
  {
    id: 'PWS005',
    tp: (f) => {
      const s = `github_pat_${f.str(AN, 22)}_${f.str(AN, 59)}`;
      return [t(`GH_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `GH=github_pat_${f.str(AN, 21)}_${f.str(AN, 59)}` }],
  },
  {
    id: 'PWS009',
    tp: (f) => {
      const s = 'glpat-' + f.str(URLSAFE, 20);
      return [t(`GITLAB_TOKEN: ${s}`, s, '.gitlab-ci.yml')];
    },
    fp: (f) => [{ text: `token: glpat-${f.str(URLSAFE, 12)}` }, { text: 'token: glpat-xxxxxxxxxxxxxxxxxxxx' }],
  },
  {
    id: 'PWS010',
    tp: (f) => {
      const s = 'glptt-' + f.str(HEX, 40);
      return [t(`curl -F token=${s} https://gitlab.test/api`, s, 'ci.sh')];
    },
    fp: (f) => [{ text: `glptt-${f.str(HEX, 39)}` }],
  },
  {
    id: 'PWS011',
    tp: (f) => {
      const a = 'glrt-' + f.str(URLSAFE, 24);
      const b = 'GR1348941' + f.str(URLSAFE, 20);
      return [t(`runner_token = "${a}"`, a, 'config.toml'), t(`registration-token: ${b}`, b, 'runner.yml')];
    },
    fp: (f) => [{ text: `glrt-${f.str(URLSAFE, 10)}` }],
  },
  {
    id: 'PWS012',
    tp: (f) => {
      const s = 'gldt-' + f.str(URLSAFE, 24);
      return [t(`password = ${s}`, s, 'deploy.ini')];
    },
    fp: (f) => [{ text: `gldt-${f.str(URLSAFE, 8)}` }],
  },
  {
    id: 'PWS013',
    tp: (f) => {
      const s = `xoxb-${f.str(DIGITS, 12)}-${f.str(DIGITS, 13)}-${f.str(AN, 24)}`;
      return [t(`SLACK_BOT_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `xoxb-${f.str(DIGITS, 5)}-${f.str(AN, 24)}` }, { text: 'SLACK_BOT_TOKEN=xoxb-your-token' }],
  },
  {
    id: 'PWS014',
    tp: (f) => {
      const s = `xoxp-${f.str(DIGITS, 12)}-${f.str(DIGITS, 12)}-${f.str(DIGITS, 13)}-${f.str(HEX, 32)}`;
      return [t(`slack_token: ${s}`, s, 'c.yaml')];
    },
    fp: (f) => [{ text: `xoxp-${f.str(DIGITS, 12)}-${f.str(HEX, 32)}` }],
  },
  {
    id: 'PWS015',
    tp: (f) => {
      const s = `xapp-1-A${f.str(UPPER_DIGITS, 10)}-${f.str(DIGITS, 13)}-${f.str(HEX, 64)}`;
      return [t(`SLACK_APP_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `xapp-1-${f.str(HEX, 64)}` }],
  },
  {
    id: 'PWS016',
    tp: (f) => {
      const s = `T${f.str(UPPER_DIGITS, 10)}/B${f.str(UPPER_DIGITS, 10)}/${f.str(AN, 24)}`;
      return [t(`webhook_url = "https://hooks.slack.com/services/${s}"`, s, 'notify.py')];
    },
    fp: () => [{ text: 'url = "https://hooks.slack.com/services/XXX/YYY/ZZZ"' }, { text: 'see https://hooks.slack.com/services/' }],
  },
  {
    id: 'PWS017',
    tp: (f) => {
      const s = 'sk_live_' + f.str(AN, 24);
      return [t(`stripe.api_key = "${s}"`, s, 'billing.py')];
    },
    fp: (f) => [{ text: `stripe.api_key = "sk_test_${f.str(AN, 24)}"`, path: 'billing.py' }, { text: `sk_live_${f.str(AN, 10)}` }],
  },
  {
    id: 'PWS018',
    tp: (f) => {
      const s = 'rk_live_' + f.str(AN, 30);
      return [t(`STRIPE_KEY=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `rk_test_${f.str(AN, 30)}` }],
  },
  {
    id: 'PWS019',
    tp: (f) => {
      const s = 'whsec_' + f.str(AN, 32);
      return [t(`endpoint_secret = '${s}'`, s, 'hooks.py')];
    },
    fp: (f) => [{ text: `whsec_${f.str(AN, 20)}` }],
  },
  {
    id: 'PWS020',
    tp: (f) => {
      const s = 'AIza' + f.str(URLSAFE, 35);
      return [t(`MAPS_KEY = "${s}"`, s, 'maps.py')];
    },
    fp: (f) => [{ text: `MAPS_KEY = "AIza${f.str(URLSAFE, 34)}"`, path: 'maps.py' }, { text: `x = "AIza${'x'.repeat(35)}"` }],
  },
  {
    id: 'PWS021',
    tp: (f) => {
      const s = 'AIza' + f.str(URLSAFE, 35);
      return [t(`genai.configure(api_key="${s}")`, s, 'llm.py'), t(`GEMINI_API_KEY=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `MAPS_KEY = "AIza${f.str(URLSAFE, 35)}"`, path: 'maps.py' }],
  },
  {
    id: 'PWS022',
    tp: (f) => {
      const key = pem('PRIVATE KEY', f);
      const json = JSON.stringify({ type: 'service_account', project_id: 'demo', private_key_id: f.str(HEX, 40), private_key: key.text, client_email: 'svc@demo.iam.gserviceaccount.test' }, null, 2);
      return [t(json, key.body.split('\n')[0].slice(0, 20), 'sa.json')];
    },
    fp: () => [{ text: JSON.stringify({ type: 'service_account', private_key: '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n' }, null, 2), path: 'sa.json' }],
  },
  {
    id: 'PWS023',
    tp: (f) => {
      const s = 'GOCSPX-' + f.str(URLSAFE, 28);
      return [t(`"client_secret": "${s}"`, s, 'client.json')];
    },
    fp: (f) => [{ text: `GOCSPX-${f.str(URLSAFE, 20)}` }],
  },
  {
    id: 'PWS024',
    tp: (f) => {
      const s = 'ya29.' + f.str(URLSAFE, 80);
      return [t(`Authorization: Bearer ${s}`, s, 'req.http.txt')];
    },
    fp: (f) => [{ text: `ya29.${f.str(LETTERS, 10)}` }],
  },
  {
    id: 'PWS025',
    tp: (f) => {
      const s = f.str(B64, 86) + '==';
      return [t(`AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${s};EndpointSuffix=core.windows.net"`, s, '.env')];
    },
    fp: (f) => [{ text: `AccountKey=${f.str(B64, 40)}==` }, { text: 'AccountKey=<key>' }],
  },
  {
    id: 'PWS026',
    tp: (f) => {
      const s = f.str(B64, 43) + '=';
      return [t(`conn = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${s}"`, s, 'bus.py')];
    },
    fp: () => [{ text: 'SharedAccessKey=${SB_KEY}' }],
  },
  {
    id: 'PWS027',
    tp: (f) => {
      const s = `${f.str(AN, 3)}8Q~${f.str(AN + '_~.-', 34)}`;
      return [t(`AZURE_CLIENT_SECRET=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `x = abc8Q~${f.str(AN, 10)}` }],
  },
  {
    id: 'PWS028',
    tp: (f) => {
      const s = 'SK' + f.str(HEX, 32);
      return [t(`# twilio\nTWILIO_API_KEY = "${s}"`, s, 'sms.py')];
    },
    fp: (f) => [{ text: `KEY = "SK${f.str(HEX, 32)}"`, path: 'other.py' }],
  },
  {
    id: 'PWS029',
    tp: (f) => {
      const s = f.str(HEX, 32);
      return [t(`TWILIO_AUTH_TOKEN = "${s}"`, s, 'sms.py')];
    },
    fp: (f) => [{ text: `# twilio client\nfile_md5 = "${f.str(HEX, 32)}"`, path: 'sms.py' }],
  },
  {
    id: 'PWS030',
    tp: (f) => {
      const s = `SG.${f.str(URLSAFE, 22)}.${f.str(URLSAFE, 43)}`;
      return [t(`SENDGRID_API_KEY=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `SG.${f.str(URLSAFE, 10)}.${f.str(URLSAFE, 10)}` }],
  },
  {
    id: 'PWS031',
    tp: (f) => {
      const s = 'key-' + f.str(HEX, 32);
      const s2 = `${f.str(HEX, 32)}-${f.str(HEX, 8)}-${f.str(HEX, 8)}`;
      return [t(`MAILGUN_API_KEY = "${s}"`, s, 'mail.py'), t(`mailgun:\n  key: ${s2}`, s2, 'mail.yaml')];
    },
    fp: (f) => [{ text: `cache = "key-${f.str(HEX, 32)}"`, path: 'cache.py' }],
  },
  {
    id: 'PWS032',
    tp: (f) => {
      const s = `${f.str(HEX, 32)}-us14`;
      return [t(`MAILCHIMP_KEY=${s}`, s, '.env')];
    },
    fp: () => [{ text: `${'0'.repeat(32)}-us1` }],
  },
  {
    id: 'PWS033',
    tp: (f) => {
      const a = 'sk-proj-' + f.str(URLSAFE, 120);
      const b = `sk-${f.str(AN, 20)}T3BlbkFJ${f.str(AN, 20)}`;
      return [t(`OPENAI_API_KEY=${a}`, a, '.env'), t(`openai.api_key = "${b}"`, b, 'llm.py')];
    },
    fp: (f) => [{ text: `OPENAI_API_KEY=sk-proj-${f.str(URLSAFE, 10)}` }, { text: `key = "sk-${f.str(AN, 48)}"` }],
  },
  {
    id: 'PWS034',
    tp: (f) => {
      const s = 'sk-ant-api03-' + f.str(URLSAFE, 93) + 'AA';
      return [t(`ANTHROPIC_API_KEY=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `ANTHROPIC_API_KEY=sk-ant-api03-${f.str(URLSAFE, 20)}` }],
  },
  {
    id: 'PWS035',
    tp: (f) => {
      const s = 'hf_' + f.str(LETTERS, 34);
      return [t(`login(token="${s}")`, s, 'hub.py')];
    },
    fp: (f) => [{ text: `hf_${f.str(LETTERS, 33)}` }, { text: `hf_${'a'.repeat(34)}` }],
  },
  {
    id: 'PWS036',
    tp: (f) => {
      const s = 'api_org_' + f.str(LETTERS, 34);
      return [t(`HF_ORG=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `api_org_${f.str(LETTERS, 20)}` }],
  },
  {
    id: 'PWS041',
    tp: (f) => {
      const s = pypiToken(f);
      return [t(`[pypi]\nusername = __token__\npassword = ${s}`, s, '.pypirc')];
    },
    fp: (f) => [{ text: `password = pypi-AgEIcHlwaS5vcmc${f.str(URLSAFE, 10)}` }],
  },
  {
    id: 'PWS042',
    tp: (f) => {
      const s = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"sub":"${f.str(DIGITS, 6)}","name":"user"}`)}.${f.str(URLSAFE, 43)}`;
      return [t(`auth = "${s}"`, s, 'client.py')];
    },
    fp: (f) => [{ text: `x = "eyJ${f.str(URLSAFE, 20)}.eyJ${f.str(URLSAFE, 20)}.${f.str(URLSAFE, 30)}"` }, { text: 'x = "eyJhbGciOi.short"' }],
  },
  ...(
    [
      ['PWS043', 'RSA PRIVATE KEY'],
      ['PWS044', 'EC PRIVATE KEY'],
      ['PWS045', 'OPENSSH PRIVATE KEY'],
      ['PWS046', 'PGP PRIVATE KEY BLOCK'],
      ['PWS047', 'PRIVATE KEY'],
    ] as [string, string][]
  ).map(
    ([id, label]): ProviderCase => ({
      id,
      tp: (f) => {
        const k = pem(label, f);
        return [t(k.text, k.body.slice(0, 30), 'deploy/key.pem'), t(`KEY = """${k.text}"""`, k.body.slice(0, 30), 'keys.py')];
      },
      fp: () => [{ text: `-----BEGIN ${label}-----\n...\n-----END ${label}-----` }, { text: `-----BEGIN ${label.replace('PRIVATE', 'PUBLIC')}-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----` }],
    }),
  ),
  {
    id: 'PWS048',
    tp: (f) => {
      const pw = f.str(AN, 16);
      return [t(`DATABASE_URL=postgres://app:${pw}@db.internal:5432/app`, pw, '.env'), t(`engine = create_engine("mysql+pymysql://root:${pw}@10.0.0.5/db")`, pw, 'db.py')];
    },
    fp: () => [{ text: 'DATABASE_URL=postgres://user:${DB_PASSWORD}@db/app' }, { text: 'DATABASE_URL=postgres://user:password@localhost/app' }, { text: 'DATABASE_URL=postgres://localhost/app' }],
  },
  {
    id: 'PWS049',
    tp: (f) => {
      const pw = f.str(AN, 20);
      return [t(`pip install --index-url https://deploy:${pw}@pypi.internal.test/simple pkg`, pw, 'install.sh')];
    },
    fp: () => [{ text: 'https://user:pass@example.test/' }, { text: 'https://github.com/org/repo' }],
  },
  {
    id: 'PWS050',
    tp: (f) => {
      const s = 'shpat_' + f.str(HEX, 32);
      return [t(`SHOPIFY_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `shpat_${f.str(HEX, 20)}` }],
  },
  {
    id: 'PWS051',
    tp: (f) => {
      const s = 'dop_v1_' + f.str(HEX, 64);
      return [t(`DIGITALOCEAN_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `dop_v1_${f.str(HEX, 40)}` }],
  },
  {
    id: 'PWS052',
    tp: (f) => {
      const s = 'dp.pt.' + f.str(AN, 43);
      return [t(`DOPPLER_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `dp.pt.${f.str(AN, 20)}` }],
  },
  {
    id: 'PWS053',
    tp: (f) => {
      const s = f.str(URLSAFE, 68);
      return [t(`WEBHOOK = "https://discord.com/api/webhooks/${f.str(DIGITS, 18)}/${s}"`, s, 'bot.py')];
    },
    fp: () => [{ text: 'WEBHOOK = "https://discord.com/api/webhooks/123/abc"' }],
  },
  {
    id: 'PWS054',
    tp: (f) => {
      const s = `${f.str(DIGITS, 10)}:AA${f.str(URLSAFE, 33)}`;
      return [t(`TELEGRAM_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `time=${f.str(DIGITS, 10)}:AA${f.str(AN, 10)}` }],
  },
  {
    id: 'PWS055',
    tp: (f) => {
      const s = 'sntrys_' + f.str(B64, 100);
      return [t(`SENTRY_AUTH_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `sntrys_${f.str(AN, 20)}` }],
  },
  {
    id: 'PWS056',
    tp: (f) => {
      const s = 'NRAK-' + f.str(UPPER_DIGITS, 27);
      return [t(`NEW_RELIC_API_KEY=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `NRAK-${f.str(UPPER_DIGITS, 20)}` }],
  },
  {
    id: 'PWS058',
    tp: (f) => {
      const s = 'ATATT3' + f.str(URLSAFE + '=', 180);
      return [t(`JIRA_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `ATATT3${f.str(AN, 40)}` }],
  },
  {
    id: 'PWS059',
    tp: (f) => {
      const a = 'sq0atp-' + f.str(URLSAFE, 22);
      const b = 'sq0csp-' + f.str(URLSAFE, 43);
      return [t(`SQUARE_TOKEN=${a}`, a, '.env'), t(`SQUARE_SECRET=${b}`, b, '.env')];
    },
    fp: (f) => [{ text: `sq0atp-${f.str(URLSAFE, 10)}` }],
  },
  {
    id: 'PWS060',
    tp: (f) => {
      const s = 'dapi' + f.str(HEX, 32);
      return [t(`DATABRICKS_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `dapi${f.str(HEX, 20)}` }, { text: `dapi${'0'.repeat(32)}` }],
  },
  {
    id: 'PWS061',
    tp: (f) => {
      const s = `PMAK-${f.str(HEX, 24)}-${f.str(HEX, 34)}`;
      return [t(`POSTMAN_API_KEY=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `PMAK-${f.str(HEX, 24)}` }],
  },
  {
    id: 'PWS062',
    tp: (f) => {
      const a = `glsa_${f.str(AN, 32)}_${f.str(HEX, 8)}`;
      const b = 'glc_' + f.str(B64, 80);
      return [t(`GRAFANA_TOKEN=${a}`, a, '.env'), t(`GRAFANA_CLOUD=${b}`, b, '.env')];
    },
    fp: (f) => [{ text: `glsa_${f.str(AN, 10)}` }],
  },
  {
    id: 'PWS063',
    tp: (f) => {
      const s = 'pul-' + f.str(HEX, 40);
      return [t(`PULUMI_ACCESS_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `pul-${f.str(HEX, 20)}` }],
  },
  {
    id: 'PWS064',
    tp: (f) => {
      const s = 'hvs.' + f.str(URLSAFE, 95);
      return [t(`VAULT_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `hvs.${f.str(URLSAFE, 24)}` }],
  },
  {
    id: 'PWS065',
    tp: (f) => {
      const s = `${f.str(AN, 14)}.atlasv1.${f.str(URLSAFE + '=', 67)}`;
      return [t(`TFE_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `${f.str(AN, 14)}.atlasv1.${f.str(AN, 10)}` }],
  },
  {
    id: 'PWS066',
    tp: (f) => {
      const s = 'AGE-SECRET-KEY-1' + f.str('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58);
      return [t(`# created: today\n${s}`, s, 'keys.txt')];
    },
    fp: (f) => [{ text: `AGE-SECRET-KEY-1${f.str('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 30)}` }],
  },
  {
    id: 'PWS067',
    tp: (f) => {
      const s = 'LTAI' + f.str(AN, 20);
      return [t(`ALIBABA_CLOUD_ACCESS_KEY_ID=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `LTAI${f.str(AN, 8)}` }, { text: `LTAI${f.str(LETTERS, 16)}` }],
  },
  {
    id: 'PWS068',
    tp: (f) => {
      const s = 'sbp_' + f.str(HEX, 40);
      return [t(`SUPABASE_ACCESS_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `sbp_${f.str(HEX, 20)}` }],
  },
  {
    id: 'PWS069',
    tp: (f) => {
      const s = 'pscale_tkn_' + f.str(URLSAFE, 43);
      return [t(`PLANETSCALE_SERVICE_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `pscale_tkn_${f.str(URLSAFE, 10)}` }],
  },
  {
    id: 'PWS070',
    tp: (f) => {
      const s = `ntn_${f.str(DIGITS, 11)}${f.str(AN, 35)}`;
      return [t(`NOTION_TOKEN=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `ntn_${f.str(DIGITS, 11)}` }],
  },
  {
    id: 'PWS071',
    tp: (f) => {
      const s = f.str(HEX, 32);
      return [t(`DD_API_KEY=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `# datadog agent\nbuild_sha = ${f.str(HEX, 40)}` }, { text: `DD_API_KEY=${'0'.repeat(32)}` }],
  },
  {
    id: 'PWS072',
    tp: (f) => {
      const s = f.uuid();
      return [t(`HEROKU_API_KEY=${s}`, s, '.env')];
    },
    fp: (f) => [{ text: `# heroku app\nrequest_id = ${f.uuid()}` }],
  },
];
