/**
 * Credentials as providers mint them: each generator writes a token in the provider's published
 * format with random parts from the CSPRNG, under the keys people put them in (and some they do
 * not: a known format is a credential whatever the key says).
 */
import { line, type CorpusLine } from './line';
import {
  ALNUM, BASE32, BASE64, BASE64URL, DIGITS, HEX, LETTERS, LOWER, LOWER_ALNUM, SYMBOLS, UPPER_ALNUM,
  b64urlJson, base64Bytes, between, chars, hexBytes, pick, uuid,
} from './random';

/** `n` lines from `make`, cycling through `keys` so every key is used. */
function many(n: number, keys: readonly string[], make: (key: string, i: number) => CorpusLine): CorpusLine[] {
  return Array.from({ length: n }, (_, i) => make(keys[i % keys.length]!, i));
}

const hf = (): string => `hf_${chars(pick([LETTERS, ALNUM]), 34)}`;

function huggingFace(): CorpusLine[] {
  const keys = ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'HUGGINGFACE_TOKEN', 'HF_API_TOKEN', 'HUGGINGFACEHUB_API_TOKEN', 'HF_HUB_TOKEN', 'MODEL_ACCESS', 'hf_token'];
  const out = many(22, keys, (key, i) => {
    // Half letters only: Hugging Face tokens often have no digit at all.
    const token = `hf_${chars(i % 2 ? LETTERS : ALNUM, 34)}`;
    return line('hugging-face', key, token, true);
  });
  const t1 = hf();
  out.push(line('hugging-face', 'EXTRA_ARGS', `--hf-token ${t1} --revision main`, true, t1));
  const t2 = hf();
  out.push(line('hugging-face', 'AUTHORIZATION', `Bearer ${t2}`, true, t2));
  return out;
}

function openai(): CorpusLine[] {
  const keys = ['OPENAI_API_KEY', 'OPENAI_KEY', 'LLM_API_KEY', 'OPENAI', 'GPT_KEY'];
  return many(16, keys, (key, i) => {
    const kind = i % 4;
    // Legacy keys carry "T3BlbkFJ" (base64 of "OpenAI") between two random halves.
    const token =
      kind === 0
        ? `sk-${chars(ALNUM, 20)}T3BlbkFJ${chars(ALNUM, 20)}`
        : `${pick(['sk-proj-', 'sk-svcacct-', 'sk-admin-'])}${chars(BASE64URL, between(58, 74))}T3BlbkFJ${chars(BASE64URL, between(58, 74))}`;
    if (i === 7) return line('openai', 'VLLM_ARGS', `--api-key ${token}`, true, token);
    return line('openai', key, token, true);
  });
}

function anthropic(): CorpusLine[] {
  const keys = ['ANTHROPIC_API_KEY', 'CLAUDE_API_KEY', 'ANTHROPIC_ADMIN_KEY', 'LLM_KEY'];
  return many(12, keys, (key, i) => {
    const prefix = i % 3 === 2 ? 'sk-ant-admin01-' : 'sk-ant-api03-';
    return line('anthropic', key, `${prefix}${chars(BASE64URL, 93)}AA`, true);
  });
}

function github(): CorpusLine[] {
  const keys = ['GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_PAT', 'GITHUB_TOKEN_RO', 'GIT_PASSWORD', 'CI_AUTH', 'REPO_ACCESS'];
  return many(21, keys, (key, i) => {
    const token = i % 6 === 5 ? `github_pat_${chars(ALNUM, 22)}_${chars(ALNUM, 59)}` : `${pick(['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'])}${chars(ALNUM, 36)}`;
    return line('github', key, token, true);
  });
}

function gitlab(): CorpusLine[] {
  const keys = ['GITLAB_TOKEN', 'GL_TOKEN', 'GITLAB_PAT', 'REGISTRY_PASSWORD', 'CI_PUSH'];
  return many(10, keys, (key) => line('gitlab', key, `glpat-${chars(BASE64URL, 20)}`, true));
}

function slack(): CorpusLine[] {
  const keys = ['SLACK_BOT_TOKEN', 'SLACK_TOKEN', 'SLACK_USER_TOKEN', 'NOTIFY_SLACK', 'SLACK_APP_TOKEN'];
  const out = many(14, keys, (key, i) => {
    const d = (): string => chars(DIGITS, between(10, 13));
    const token =
      i % 4 === 1
        ? `xoxp-${d()}-${d()}-${d()}-${chars(HEX, 32)}`
        : `${pick(['xoxb-', 'xoxa-', 'xoxr-', 'xoxb-'])}${d()}-${d()}-${chars(ALNUM, 24)}`;
    return line('slack', key, token, true);
  });
  return out;
}

function webhooks(): CorpusLine[] {
  const keys = ['SLACK_WEBHOOK_URL', 'DISCORD_WEBHOOK', 'ALERT_WEBHOOK', 'NOTIFY_URL'];
  return many(14, keys, (key, i) => {
    const url =
      i % 3 === 2
        ? `https://${pick(['discord.com', 'discordapp.com'])}/api/webhooks/${chars(DIGITS, 18)}/${chars(BASE64URL, 68)}`
        : `https://hooks.slack.com/services/T${chars(UPPER_ALNUM, between(8, 10))}/B${chars(UPPER_ALNUM, between(8, 10))}/${chars(ALNUM, 24)}`;
    return line('webhook', key, url, true);
  });
}

/** Authorization header values under keys that do not say so. */
function httpAuth(): CorpusLine[] {
  const keys = ['EXTRA_HEADERS', 'API_AUTH_HEADER', 'UPSTREAM_HEADER', 'PROXY_HEADERS'];
  return many(10, keys, (key, i) => {
    if (i % 2) {
      const basic = Buffer.from(`${pick(['admin', 'api', 'svc'])}:${humanPassword()}`).toString('base64');
      return line('http-auth', key, `Authorization: Basic ${basic}`, true, basic);
    }
    const token = chars(BASE64URL, between(32, 64));
    return line('http-auth', key, `Authorization: Bearer ${token}`, true, token);
  });
}

function stripe(): CorpusLine[] {
  const keys = ['STRIPE_SECRET_KEY', 'STRIPE_API_KEY', 'STRIPE_RESTRICTED_KEY', 'PAYMENTS_KEY', 'STRIPE'];
  return many(14, keys, (key, i) => {
    const prefix = i % 3 === 2 ? 'rk_live_' : 'sk_live_';
    // Older keys are 24 characters after the prefix; newer ones start 51 and run to 99.
    const rest = i % 2 ? chars(ALNUM, 24) : `51${chars(ALNUM, 97)}`;
    return line('stripe', key, `${prefix}${rest}`, true);
  });
}

function sendgrid(): CorpusLine[] {
  const keys = ['SENDGRID_API_KEY', 'SMTP_PASSWORD', 'MAIL_KEY', 'EMAIL_PROVIDER'];
  return many(10, keys, (key) => line('sendgrid', key, `SG.${chars(BASE64URL, 22)}.${chars(BASE64URL, 43)}`, true));
}

function npm(): CorpusLine[] {
  const keys = ['NPM_TOKEN', 'NODE_AUTH_TOKEN', 'NPM_AUTH', 'REGISTRY_TOKEN'];
  const out = many(9, keys, (key) => line('npm', key, `npm_${chars(ALNUM, 36)}`, true));
  const token = `npm_${chars(ALNUM, 36)}`;
  out.push(line('npm', 'NPMRC', `//registry.npmjs.org/:_authToken=${token}`, true, token));
  return out;
}

function aws(): CorpusLine[] {
  const idKeys = ['AWS_ACCESS_KEY_ID', 'AWS_ACCESS_KEY', 'S3_ACCESS_KEY_ID', 'BUCKET_KEY_ID', 'AWS_KEY'];
  const out = many(12, idKeys, (key, i) => line('aws-access-key-id', key, `${i % 3 ? 'AKIA' : 'ASIA'}${chars(BASE32, 16)}`, true));
  const secretKeys = ['AWS_SECRET_ACCESS_KEY', 'AWS_SECRET_KEY', 'S3_SECRET_ACCESS_KEY', 'R2_SECRET_ACCESS_KEY', 'BUCKET_SECRET', 'aws_secret_access_key', 'SPACES_SECRET'];
  out.push(...many(16, secretKeys, (key) => line('aws-secret-key', key, chars(BASE64, 40), true)));
  return out;
}

function google(): CorpusLine[] {
  const keys = ['GOOGLE_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_MAPS_KEY', 'YOUTUBE_API_KEY', 'TRANSLATE'];
  return many(10, keys, (key) => line('google-api-key', key, `AIza${chars(BASE64URL, 35)}`, true));
}

function runpod(): CorpusLine[] {
  const keys = ['RUNPOD_API_KEY', 'RUNPOD_KEY', 'API_KEY', 'RP_KEY', 'CONFIG', 'RUNPOD_AI_API_KEY'];
  const out = many(16, keys, (key, i) => line('runpod', key, `rpa_${chars(i % 4 === 3 ? ALNUM : UPPER_ALNUM, between(40, 46))}`, true));
  const token = `rpa_${chars(UPPER_ALNUM, 44)}`;
  out.push(line('runpod', 'WORKER_ARGS', `--api-key=${token} --gpu 1`, true, token));
  return out;
}

/** A signed JWT: header and payload as base64url JSON, and a signature of the algorithm's size. */
export function jwt(payload: Record<string, unknown>): string {
  const rsa = payload.iss !== 'supabase' && between(0, 2) === 0;
  const header = b64urlJson({ alg: rsa ? 'RS256' : 'HS256', typ: 'JWT' });
  return `${header}.${b64urlJson(payload)}.${chars(BASE64URL, rsa ? 342 : 43)}`;
}

export function supabaseJwt(role: 'anon' | 'service_role'): string {
  const iat = between(1_650_000_000, 1_750_000_000);
  return jwt({ iss: 'supabase', ref: chars(LOWER, 20), role, iat, exp: iat + 315_360_000 });
}

function jwts(): CorpusLine[] {
  const keys = ['SUPABASE_SERVICE_ROLE_KEY', 'AUTH_TOKEN', 'ACCESS_TOKEN', 'API_JWT', 'SESSION', 'SUPABASE_SERVICE_KEY'];
  const out = many(14, keys, (key, i) => {
    const token = i % 2 ? supabaseJwt('service_role') : jwt({ sub: uuid(), name: pick(['worker', 'ci', 'batch']), iat: between(1_700_000_000, 1_760_000_000) });
    return line('jwt', key, token, true);
  });
  const token = jwt({ sub: uuid(), scope: 'inference', iat: between(1_700_000_000, 1_760_000_000) });
  out.push(line('jwt', 'AUTHORIZATION', `Bearer ${token}`, true, token));
  return out;
}

export function pemBody(bytes: number): string {
  const b64 = base64Bytes(bytes);
  const rows: string[] = [];
  for (let i = 0; i < b64.length; i += 64) rows.push(b64.slice(i, i + 64));
  return rows.join('\n');
}

function privateKeys(): CorpusLine[] {
  const keys = ['TLS_KEY', 'SSH_PRIVATE_KEY', 'JWT_PRIVATE_KEY', 'GITHUB_APP_PRIVATE_KEY', 'DEPLOY_KEY', 'SERVICE_ACCOUNT_KEY'];
  return many(10, keys, (key, i) => {
    const kind = pick(['RSA ', 'EC ', 'OPENSSH ', '', 'ENCRYPTED ']);
    const pem = `-----BEGIN ${kind}PRIVATE KEY-----\n${pemBody(between(120, 1200))}\n-----END ${kind}PRIVATE KEY-----`;
    // Half as one line with literal \n, the way a JSON service-account key is pasted.
    return line('private-key', key, i % 2 ? pem.replaceAll('\n', '\\n') : pem, true);
  });
}

/** Passwords as people make them: a word, digits and a symbol or two, some leetspeak. */
const WORDS = ['cluster', 'falcon', 'harbor', 'meadow', 'violet', 'copper', 'thunder', 'orchid', 'maple', 'river', 'summit', 'canyon', 'ember', 'glacier', 'saturn', 'quartz', 'willow', 'tango', 'pepper', 'marble', 'cobalt', 'lantern', 'nebula', 'otter', 'rocket', 'sierra', 'timber', 'velvet', 'zephyr', 'anchor', 'dolphin', 'garnet', 'jasper', 'kettle', 'monsoon', 'biscuit'];
const cap = (w: string): string => w[0]!.toUpperCase() + w.slice(1);
const LEET: Record<string, string> = { a: '@', e: '3', i: '1', o: '0', s: '$' };

export function humanPassword(): string {
  const w = pick(WORDS);
  const sym = (): string => pick([...'!@#$%&*?']);
  switch (between(0, 6)) {
    case 0:
      return `${cap(w)}${sym()}${chars(DIGITS, 3)}${sym()}`; // Cluster@171$
    case 1:
      return `${w}${between(1990, 2026)}${sym()}`;
    case 2:
      return cap(w).replace(/[aeios]/g, (c) => LEET[c]!) + chars(DIGITS, 2);
    case 3:
      return `${cap(w)}${sym()}${cap(pick(WORDS))}${chars(DIGITS, 2)}`;
    case 4:
      return `${cap(w)}${chars(DIGITS, between(2, 4))}`;
    case 5:
      return chars(ALNUM + SYMBOLS, between(12, 20)); // from a password manager
    default:
      return `${w}_${pick(WORDS)}_${chars(DIGITS, 2)}`;
  }
}

function passwords(): CorpusLine[] {
  const keys = [
    'POSTGRES_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD', 'DB_PASSWORD', 'DB_PASS', 'REDIS_PASSWORD', 'ADMIN_PASSWORD',
    'JUPYTER_PASSWORD', 'PGPASSWORD', 'RABBITMQ_DEFAULT_PASS', 'MINIO_ROOT_PASSWORD', 'GF_SECURITY_ADMIN_PASSWORD',
    'CODE_SERVER_PASSWORD', 'SSH_PASSWORD', 'WEBUI_PASSWORD', 'SMTP_PASSWORD', 'ELASTIC_PASSWORD', 'dbPassword', 'PASSWD', 'LDAP_BIND_PW',
    'MONGO_INITDB_ROOT_PASSWORD', 'SECRET_KEY', 'JWT_SECRET', 'FLASK_SECRET',
  ];
  const out = many(36, keys, (key) => line('password', key, humanPassword(), true));
  // user:password pairs under keys named for authentication (Gradio, web UIs, basic auth).
  for (const key of ['GRADIO_AUTH', 'WEBUI_AUTH', 'BASIC_AUTH', 'PROXY_CREDENTIALS']) {
    const password = humanPassword();
    out.push(line('password', key, `${pick(['admin', 'runpod', 'user'])}:${password}`, true, password));
  }
  return out;
}

function urlCredentials(): CorpusLine[] {
  const out: CorpusLine[] = [];
  const schemes = ['postgres', 'postgresql', 'postgresql+psycopg2', 'postgresql+asyncpg', 'mysql', 'mysql+pymysql', 'redis', 'rediss', 'amqp', 'amqps', 'mongodb', 'mongodb+srv', 'https', 'http'];
  const keys = ['DATABASE_URL', 'REDIS_URL', 'CELERY_BROKER_URL', 'SQLALCHEMY_DATABASE_URI', 'MONGO_URI', 'DB_DSN', 'PIP_EXTRA_INDEX_URL', 'BROKER', 'CACHE_BACKEND'];
  const hosts = ['db', 'db.internal:5432', 'redis:6379', 'rabbitmq:5672', 'cluster0.ab1cd.mongodb.net', '10.0.3.7:5432', 'pypi.example.com'];
  for (let i = 0; i < 32; i++) {
    const scheme = schemes[i % schemes.length]!;
    const kind = i % 4;
    // Random, human-made, percent-encoded, or with an unencoded @ the way people paste them.
    const password =
      kind === 0 ? chars(ALNUM, between(16, 32)) : kind === 1 ? humanPassword().replace(/[@/#?:]/g, '') : kind === 2 ? `${cap(pick(WORDS))}%40${chars(DIGITS, 3)}%21` : `${cap(pick(WORDS))}@${chars(DIGITS, 3)}`;
    const user = scheme.startsWith('redis') && i % 3 === 0 ? '' : pick(['app', 'admin', 'worker', 'readonly', `svc_${chars(LOWER_ALNUM, 6)}`]);
    const path = scheme.startsWith('http') ? '/simple/' : scheme.startsWith('redis') ? '/0' : `/${pick(['app', 'prod', 'inference', 'vectors'])}`;
    out.push(line('url-credentials', keys[i % keys.length]!, `${scheme}://${user}:${password}@${pick(hosts)}${path}`, true, password));
  }
  const gh = `ghs_${chars(ALNUM, 36)}`;
  out.push(line('url-credentials', 'REPO_URL', `https://x-access-token:${gh}@github.com/acme/worker.git`, true, gh));
  const gl = `glpat-${chars(BASE64URL, 20)}`;
  out.push(line('url-credentials', 'GIT_REMOTE', `https://oauth2:${gl}@gitlab.com/acme/models.git`, true, gl));
  const basic = chars(ALNUM, 20);
  out.push(line('url-credentials', 'WEBHOOK', `https://hooks:${basic}@ci.example.com/notify`, true, basic));
  return out;
}

/** Tokens with no well-known prefix, under key names people use for them (many outside the old list). */
function generic(): CorpusLine[] {
  const make: [string, () => string][] = [
    ['API_CREDENTIALS', () => `${uuid()}:${chars(ALNUM, 40)}`],
    ['GITHUB_TOKEN_RO', () => chars(HEX, 40)],
    ['APP_KEYS', () => Array.from({ length: 4 }, () => base64Bytes(16)).join(',')],
    ['WANDB_API_KEY', () => chars(HEX, 40)],
    ['REPLICATE_API_TOKEN', () => `r8_${chars(ALNUM, 37)}`],
    ['NGROK_AUTHTOKEN', () => `2${chars(ALNUM, 26)}_${chars(ALNUM, 21)}`],
    ['CIVITAI_TOKEN', () => chars(HEX, 32)],
    ['SECRET_KEY_BASE', () => hexBytes(64)],
    ['DJANGO_SECRET_KEY', () => `django-insecure-${chars(`${LOWER_ALNUM}!@#%^&*(-_=+)`, 50)}`],
    ['JWT_SECRET', () => hexBytes(32)],
    ['ENCRYPTION_KEY', () => base64Bytes(32)],
    ['NEXTAUTH_SECRET', () => base64Bytes(32)],
    ['SESSION_SECRET', () => chars(ALNUM, 32)],
    ['WEBHOOK_SECRET', () => `whsec_${base64Bytes(24)}`],
    ['TAILSCALE_AUTHKEY', () => `tskey-auth-${chars(ALNUM, 12)}-${chars(ALNUM, 32)}`],
    ['PINECONE_API_KEY', () => uuid()],
    ['GROQ_API_KEY', () => `gsk_${chars(ALNUM, 52)}`],
    ['MISTRAL_API_KEY', () => chars(ALNUM, 32)],
    ['COHERE_API_KEY', () => chars(ALNUM, 40)],
    ['OAUTH_CLIENT_SECRET', () => `GOCSPX-${chars(BASE64URL, 28)}`],
    ['PRIVATE_KEY', () => `0x${hexBytes(32)}`],
    ['apiKey', () => chars(ALNUM, 32)],
    ['authToken', () => chars(BASE64URL, 40)],
    ['AUTHORIZATION', () => `Bearer ${chars(BASE64URL, 40)}`],
    ['MEILI_MASTER_KEY', () => chars(BASE64URL, 32)],
    ['ELEVENLABS_API_KEY', () => `sk_${hexBytes(24)}`],
    ['TOGETHER_API_KEY', () => hexBytes(32)],
    ['PERPLEXITY_API_KEY', () => `pplx-${chars(ALNUM, 48)}`],
    ['LANGCHAIN_API_KEY', () => `lsv2_pt_${chars(HEX, 32)}_${chars(HEX, 10)}`],
    ['X_API_KEY', () => chars(UPPER_ALNUM, 32)],
    ['ACCESS_KEY', () => chars(ALNUM, 24)],
    ['CREDENTIALS', () => `${chars(LOWER, 8)}:${chars(ALNUM, 24)}`],
    ['COMET_API_KEY', () => chars(ALNUM, 25)],
    ['DEEPGRAM_API_KEY', () => hexBytes(20)],
  ];
  return make.map(([key, value]) => {
    const v = value();
    const bearer = v.startsWith('Bearer ') ? v.slice(7) : undefined;
    return line('generic', key, v, true, bearer);
  });
}

/** Every positive line (about 350). */
export function positives(): CorpusLine[] {
  return [
    ...huggingFace(), ...openai(), ...anthropic(), ...github(), ...gitlab(), ...slack(), ...webhooks(), ...httpAuth(), ...stripe(), ...sendgrid(), ...npm(),
    ...aws(), ...google(), ...runpod(), ...jwts(), ...privateKeys(), ...passwords(), ...urlCredentials(), ...generic(),
  ];
}

