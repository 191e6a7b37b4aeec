// Read-only "who am I" endpoints of the providers whose tokens `--verify-online` may check
// (src/secrets/online.ts). Data only. Each call only authenticates: it reads the token owner's
// identity and changes nothing. The base URL can be moved (tests use a local stub server) with
// the environment variable named here, never from the scanned repository's configuration.

export interface OnlineEndpoint {
  provider: string;
  /** Detector ids whose tokens this endpoint checks. */
  rules: string[];
  defaultBase: string;
  /** Environment variable that replaces the base URL. */
  env: string;
  method: 'GET' | 'POST';
  path: string;
  /** How the answer reads: by HTTP status (GitHub), or by the JSON body's `ok` (Slack). */
  answer: 'status' | 'json-ok';
  headers: Record<string, string>;
}

export const ONLINE_ENDPOINTS: OnlineEndpoint[] = [
  {
    provider: 'GitHub',
    rules: ['PWS004', 'PWS005', 'PWS006', 'PWS007', 'PWS008'],
    defaultBase: 'https://api.github.com',
    env: 'PYWARD_GITHUB_API_URL',
    method: 'GET',
    path: '/user',
    answer: 'status',
    headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
  },
  {
    provider: 'Slack',
    rules: ['PWS013', 'PWS014'],
    defaultBase: 'https://slack.com',
    env: 'PYWARD_SLACK_API_URL',
    method: 'POST',
    path: '/api/auth.test',
    answer: 'json-ok',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  },
];
