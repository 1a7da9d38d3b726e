import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze, validateSecretName } from '../../server/src/template';
import { detectCredential, suggestSecretName } from '../../server/src/template/rules/credentials';
import { marked } from './cursor';
import { fresh } from './types';

// Fake tokens built at run time so no secret scanner mistakes this file for a leak.
const R = 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zQ8';
const TOKENS: [string, string, string][] = [
  ['HF_TOKEN', `hf_${R.slice(0, 34)}`, 'Hugging Face token'],
  ['OPENAI_API_KEY', `sk-proj-${R}${R}`, 'OpenAI API key'],
  ['OPENAI', `sk-${R}${R.slice(0, 12)}`, 'OpenAI API key'],
  ['GH', `ghp_${R.slice(0, 36)}`, 'GitHub token'],
  ['GH2', `gho_${R.slice(0, 36)}`, 'GitHub token'],
  ['GH3', `github_pat_11${R}_${R}`, 'GitHub token'],
  ['AWS_ACCESS_KEY_ID', 'AKIAZ7Q2LMNB4XK9PV3T', 'AWS access key'],
  ['AWS2', 'ASIAZ7Q2LMNB4XK9PV3T', 'AWS access key'],
  ['SLACK', `xoxb-1234567890-0987654321-${R.slice(0, 24)}`, 'Slack token'],
  ['JWT', `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${R}`, 'JSON Web Token'],
];

function credentialSpans(text: string) {
  return analyze(text, 'runpod-env', fresh).problems.filter((p) => p.code === 'hardcoded-credential');
}

describe('hardcoded-credential: well-known token formats', () => {
  it.each(TOKENS)('%s holding a %s-shaped value', (key, token, label) => {
    const { text, spans } = marked(`${key}=⟦${token}⟧`);
    const ps = credentialSpans(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]!.span).toEqual(spans[0]);
    expect(ps[0]!.severity).toBe('warning');
    expect(ps[0]!.message).toContain(label);
    expect(ps[0]!.message).not.toContain(token);
    expect(ps[0]!.message).not.toContain(token.slice(-12));
  });
  it('finds a token inside a longer value; the move fix takes the whole value', () => {
    const token = `hf_${R.slice(0, 34)}`;
    const { text, spans } = marked(`AUTH="⟦Bearer ⟦${token}⟧⟧"`);
    const [p] = credentialSpans(text);
    expect(p!.span).toEqual(spans[1]);
    expect(p!.data).toEqual({ suggestedName: 'auth', valueSpan: spans[0] });
  });
  it('detects a PEM private-key block in a multi-line value', () => {
    // 72 base64 characters: the smallest key in PEM (Ed25519) has 64; fewer is a placeholder.
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${R}${R}\n-----END RSA PRIVATE KEY-----`;
    const { text, spans } = marked(`TLS_KEY="⟦${pem}⟧"`);
    const [p] = credentialSpans(text);
    expect(p!.span).toEqual(spans[0]);
    expect(p!.message).toContain('private key');
    expect(p!.message).not.toContain(R);
  });
});

describe('hardcoded-credential: high-entropy values under credential-like keys', () => {
  it.each(['DB_PASSWORD', 'API_KEY', 'SERVICE_TOKEN', 'MY_SECRET_VALUE', 'TOKEN'])('%s with a random value', (key) => {
    const { text, spans } = marked(`${key}=⟦Zk8Qw2Lp9Xr4Tn7Vb3Mc6Hd1⟧`);
    const ps = credentialSpans(text);
    expect(ps.map((p) => p.span)).toEqual(spans);
    expect(ps[0]!.message).toContain(key);
  });
  it('the same value under an ordinary key is not flagged', () => {
    expect(credentialSpans('CHECKSUM=Zk8Qw2Lp9Xr4Tn7Vb3Mc6Hd1')).toEqual([]);
  });
  // The editor suites rely on this: a random hex key pasted under an *_API_KEY is always caught.
  // noBias: uniformly random bytes, as randomBytes() gives; fast-check's default leans towards small
  // values and so builds keys like 0000…008b00011c, which are not random-looking and rightly stay quiet.
  it('any generated 48-digit hex key under WANDB_API_KEY is flagged', () => {
    fc.assert(
      fc.property(fc.noBias(fc.uint8Array({ minLength: 24, maxLength: 24 })), (bytes) => {
        const token = Buffer.from(bytes).toString('hex');
        // Hex with no letter or no digit (e.g. all zero bytes) is not random-looking by design.
        fc.pre(/[a-f]/.test(token) && /[0-9]/.test(token) && new Set(token).size >= 8);
        expect(credentialSpans(`WANDB_API_KEY=${token}`)).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('hardcoded-credential: few false positives', () => {
  it.each([
    'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}',
    `HF_TOKEN="{{ RUNPOD_SECRET_hf-token }}${'x'.repeat(0)}"`,
    'API_KEY=postgres://user@db.example.com:5432/app?sslmode=require',
    'HF_TOKEN=https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
    'MODEL_KEY=meta-llama/Llama-3.1-8B-Instruct',
    'CACHE_KEY=/workspace/models/cache/v2024-11-01',
    'API_KEY=changeme',
    'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'HF_TOKEN=<your-hugging-face-token>',
    'SECRET_NAME=hf-token',
    'SSH_PUBLIC_KEY=AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
    'PASSWORD=${DB_PASSWORD}',
    'SECRET_KEY=1234567890123456789012',
    'SEED=42',
    'ENABLE=true',
    'RATIO=0.75',
    'TASK=sk-learn-classification-model-x',
    'NAME=mistralai/Mistral-7B-Instruct-v0.3',
    'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
    'WORKDIR=/workspace/my-project/src/app/main.py',
  ])('%s', (line) => {
    expect(credentialSpans(line)).toEqual([]);
  });
});

describe('suggestSecretName', () => {
  it.each([
    ['HF_TOKEN', 'hf_token'],
    ['OPENAI_API_KEY', 'openai_api_key'],
    ['RUNPOD_API_KEY', 'api_key'],
    ['1PASSWORD', 'password'],
    ['MY-KEY.x', 'my-key.x'],
    ['', 'secret'],
    ['RUNPOD', 'secret'],
    ['KÉY', 'k_y'],
  ])('%s -> %s', (key, name) => {
    expect(suggestSecretName(key)).toBe(name);
    expect(validateSecretName(name)).toBeUndefined();
  });
});

describe('hardcoded-credential: passwords under password-like keys', () => {
  it.each([
    ['POSTGRES_PASSWORD', 'Cluster@171$'],
    ['MYSQL_ROOT_PASSWORD', 'summer2024!'],
    ['dbPassword', 'Tr0ub4dor&3'],
    ['PGPASSWORD', 'Orchid5486'],
    ['RABBITMQ_DEFAULT_PASS', 'garnet_monsoon_87'],
    ['LDAP_BIND_PW', 'H@rb0r30'],
    ['JWT_SECRET', 'lantern_kettle_72'],
  ])('%s=%s', (key, value) => {
    const { text, spans } = marked(`${key}=⟦${value}⟧`);
    const ps = credentialSpans(text);
    expect(ps.map((p) => p.span)).toEqual(spans);
    expect(ps[0]!.message).toMatch(/looks like a (password|secret) in plain text/);
  });
  it.each([
    'PASSWORD_MIN_LENGTH=12',
    'DB_PASSWORD_FILE=/run/secrets/db',
    'POSTGRES_PASSWORD=changeme',
    'POSTGRES_PASSWORD=<your-password>',
    'POSTGRES_PASSWORD=${DB_PASSWORD}',
    'POSTGRES_PASSWORD=$DB_PASSWORD',
    'POSTGRES_PASSWORD={{ RUNPOD_SECRET_db-password }}',
    'POSTGRES_PASSWORD=password',
    'JUPYTER_PASSWORD=changeme123',
    'SMTP_PASSWORD=****',
    'SECRET_NAME=hf-token',
    'AWS_SECRETS_MANAGER_REGION=us-east-1',
    'PASSWORD_HASH_ALGORITHM=argon2id',
    'PWD=/workspace/app',
    'REQUIRE_PASSWORD=true',
  ])('%s is not a password', (l) => {
    expect(credentialSpans(l)).toEqual([]);
  });
});

describe('hardcoded-credential: key names', () => {
  const token = 'Zk8Qw2Lp9Xr4Tn7Vb3Mc6Hd1';
  it.each(['API_CREDENTIALS', 'GITHUB_TOKEN_RO', 'APP_KEYS', 'NGROK_AUTHTOKEN', 'apiKey', 'clientSecret', 'SECRET_KEY_BASE', 'HFToken'])('%s names a credential', (key) => {
    expect(credentialSpans(`${key}=${token}`)).toHaveLength(1);
  });
  it.each(['STRIPE_PUBLISHABLE_KEY', 'RECAPTCHA_SITE_KEY', 'NEXT_PUBLIC_API_KEY', 'SUPABASE_ANON_KEY', 'SSH_PUBLIC_KEY', 'TOKEN_EXPIRY', 'KEY_ID', 'MAX_TOKENS', 'MONKEY'])(
    '%s does not',
    (key) => {
      expect(credentialSpans(`${key}=${token}`)).toEqual([]);
    },
  );
  it('a known format is reported under any name, a public one only where the name is not public', () => {
    const google = `AIza${R.slice(0, 35)}`;
    expect(credentialSpans(`TRANSLATE=${google}`)).toHaveLength(1);
    expect(credentialSpans(`NEXT_PUBLIC_FIREBASE_API_KEY=${google}`)).toEqual([]);
    expect(credentialSpans(`NEXT_PUBLIC_OPENAI_KEY=sk-proj-${R}${R}`)).toHaveLength(1);
  });
});

describe('hardcoded-credential: RunPod API keys', () => {
  // Uniformly random bodies, as RunPod mints them; any key name, also one that says "public".
  it('an rpa_ key is always reported, whatever the key and the text around it', () => {
    const upperAlnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz');
    fc.assert(
      fc.property(
        fc.noBias(fc.array(upperAlnum, { minLength: 20, maxLength: 64 })),
        fc.constantFrom('RUNPOD_API_KEY', 'CONFIG', 'NEXT_PUBLIC_RUNPOD_KEY', 'x', 'MODEL_NAME'),
        fc.constantFrom('', 'Bearer ', '--api-key=', 'https://api.runpod.io/graphql?api_key='),
        fc.boolean(),
        (body, key, before, upperOnly) => {
          const token = `rpa_${(upperOnly ? body.map((c) => c.toUpperCase()) : body).join('')}`;
          const ps = credentialSpans(`${key}="${before}${token}"`);
          expect(ps).toHaveLength(1);
          expect(ps[0]!.message).toContain('RunPod API key');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('detectCredential on env that never was a file', () => {
  it.each([
    ['HF_TOKEN', '{{ RUNPOD_SECRET_hf-token }}'],
    ['DATABASE_URL', 'postgres://app:{{ RUNPOD_SECRET_db }}@db/app'],
    ['DATABASE_URL', 'postgres://app:${DB_PASSWORD}@db/app'],
    ['AUTHORIZATION', 'Bearer {{ RUNPOD_SECRET_api-token }}'],
    ['DB_PASSWORD', '{{ RUNPOD_SECRET_db_password_2 }}'],
    ['API_KEY', '${OPENAI_API_KEY:?set it}'],
  ])('%s=%s holds a reference or an expansion, not a credential', (key, value) => {
    expect(detectCredential(key, value)).toBeUndefined();
  });
  it('finds a password inside a URL, as a span of the value', () => {
    const value = 'mysql://root:Cluster@171$@db:3306/app';
    const hit = detectCredential('DSN', value)!;
    expect(hit.label).toBe('password in a URL');
    expect(value.slice(hit.start, hit.end)).toBe('Cluster@171$');
  });
});

describe('hardcoded-credential: webhooks, authorization headers and user:password pairs', () => {
  const secret68 = `${R}${R}`.slice(0, 68);
  it('marks the secret path of a Discord webhook URL', () => {
    const { text, spans } = marked(`ALERTS=https://discord.com/api/webhooks/⟦123456789012345678/${secret68}⟧`);
    const [p] = credentialSpans(text);
    expect(p!.span).toEqual(spans[0]);
    expect(p!.message).toContain('Discord webhook URL');
  });
  it('marks a bearer token and a basic-auth password under a key that does not say so', () => {
    const basic = Buffer.from('admin:Cluster@171$').toString('base64');
    const { text, spans } = marked(`EXTRA_HEADERS='Authorization: Bearer ⟦${R}⟧'\nUPSTREAM='Authorization: Basic ⟦${basic}⟧'`);
    const ps = credentialSpans(text);
    expect(ps.map((p) => p.span)).toEqual(spans);
    expect(ps.map((p) => p.message)).toEqual([expect.stringContaining('a bearer token'), expect.stringContaining('a password in an HTTP Basic header')]);
  });
  it('a token in a known format after Bearer keeps its own name', () => {
    expect(credentialSpans(`AUTH_HEADER=Bearer hf_${R.slice(0, 34)}`)[0]!.message).toContain('Hugging Face token');
  });
  it('marks the password of a user:password pair under an authentication key', () => {
    const { text, spans } = marked('GRADIO_AUTH=admin:⟦Cluster@171$⟧');
    expect(credentialSpans(text).map((p) => p.span)).toEqual(spans);
  });
  it.each([
    'GRADIO_AUTH=admin:admin',
    'WEBUI_AUTH=user:changeme',
    'AUTH=oauth2-proxy',
    'DISABLE_AUTH=true',
    'AUTH_PROVIDER=github-oauth',
    `API_AUTH_HEADER='Authorization: Basic ${Buffer.from('user:password').toString('base64')}'`,
    "EXTRA_HEADERS='Authorization: Bearer $API_TOKEN'",
    'DISCORD_WEBHOOK=https://discord.com/api/webhooks/<id>/<token>',
  ])('%s is not reported', (l) => {
    expect(credentialSpans(l)).toEqual([]);
  });
});
