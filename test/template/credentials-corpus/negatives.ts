/**
 * Values that look close to a credential and are not: placeholders, references, hashes, ids, keys
 * that are public by design, model names, paths, settings and data. Random parts (hashes, ids,
 * public keys) come from the CSPRNG like the positives, so the rule cannot tell them apart by luck.
 */
import { line, type CorpusLine } from './line';
import { pemBody, supabaseJwt } from './positives';
import { ALNUM, BASE64URL, DIGITS, HEX, LOWER_ALNUM, base64Bytes, between, chars, hexBytes, uuid } from './random';

function fixed(category: string, pairs: readonly (readonly [string, string])[]): CorpusLine[] {
  return pairs.map(([key, value]) => line(category, key, value, false));
}

function placeholders(): CorpusLine[] {
  return fixed('placeholder', [
    ['API_KEY', 'changeme'],
    ['POSTGRES_PASSWORD', '<your-password>'],
    ['SLACK_BOT_TOKEN', 'xoxb-your-bot-token-here'],
    ['OPENAI_API_KEY', 'sk-...'],
    ['OPENAI_API_KEY', 'sk-your-openai-api-key-here'],
    ['OPENAI_API_KEY', 'sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    ['API_KEY', 'your_api_key_here'],
    ['SMTP_PASSWORD', '****'],
    ['DB_PASSWORD', '********************'],
    ['HF_TOKEN', 'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['HF_TOKEN', 'hf_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    ['HF_TOKEN', 'hf_YourHuggingFaceTokenGoesHereNow'],
    ['HF_TOKEN', 'YOUR_HF_TOKEN'],
    ['HUGGING_FACE_HUB_TOKEN', '<insert token>'],
    ['GITHUB_TOKEN', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['GITHUB_TOKEN', 'ghp_YOUR_PERSONAL_ACCESS_TOKEN_HERE_1234'],
    ['AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['AWS_SECRET_ACCESS_KEY', 'your-secret-access-key'],
    ['RUNPOD_API_KEY', 'rpa_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    ['RUNPOD_API_KEY', 'rpa_YOUR_RUNPOD_API_KEY_HERE'],
    ['RUNPOD_API_KEY', 'your-runpod-api-key'],
    ['STRIPE_SECRET_KEY', 'sk_live_...'],
    ['STRIPE_SECRET_KEY', 'sk_live_REPLACE_WITH_YOUR_KEY'],
    ['SECRET_KEY', 'replace-me-with-a-long-random-string'],
    ['JWT_SECRET', 'your-256-bit-secret'],
    ['ADMIN_PASSWORD', 'your_password_here'],
    ['DB_PASSWORD', 'password'],
    ['REDIS_PASSWORD', 'secret'],
    ['TOKEN', 'TODO'],
    ['API_TOKEN', '[YOUR_API_TOKEN]'],
    ['ANTHROPIC_API_KEY', 'sk-ant-api03-...'],
    ['GOOGLE_API_KEY', 'AIzaSy-your-google-api-key'],
    ['SENDGRID_API_KEY', 'SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['NPM_TOKEN', 'npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    ['WANDB_API_KEY', 'insert-your-wandb-key'],
    ['CLIENT_SECRET', 'none'],
    ['API_KEY', 'EMPTY'],
    ['JUPYTER_PASSWORD', 'changeme123'],
    ['API_KEY', 'sk-1234567890abcdef1234567890abcdef'],
    ['GLPAT', 'glpat-xxxxxxxxxxxxxxxxxxxx'],
    ['SUPABASE_SERVICE_ROLE_KEY', 'your-service-role-key'],
    ['EXTRA_HEADERS', 'Authorization: Bearer <token>'],
    ['API_AUTH_HEADER', `Authorization: Basic ${Buffer.from('user:password').toString('base64')}`],
    ['GRADIO_AUTH', 'admin:admin'],
    ['WEBUI_AUTH', 'user:changeme'],
    ['DISCORD_WEBHOOK', 'https://discord.com/api/webhooks/<id>/<token>'],
  ]);
}

function references(): CorpusLine[] {
  return fixed('reference', [
    ['DB_PASSWORD', '${DB_PASSWORD}'],
    ['PASSWORD', '${POSTGRES_PASSWORD:-postgres}'],
    ['OPENAI_API_KEY', '${OPENAI_API_KEY:?set it}'],
    ['HF_TOKEN', '{{ RUNPOD_SECRET_hf-token }}'],
    ['HF_TOKEN', '{{RUNPOD_SECRET_hf_token}}'],
    ['AUTHORIZATION', 'Bearer {{ RUNPOD_SECRET_api-token }}'],
    ['DATABASE_URL', 'postgres://app:{{ RUNPOD_SECRET_db-password }}@db:5432/app'],
    ['DATABASE_URL', 'postgres://app:${DB_PASSWORD}@db:5432/app'],
    ['REDIS_URL', 'redis://:${REDIS_PASSWORD}@redis:6379/0'],
    ['API_KEY', '$(cat /run/secrets/api_key)'],
    ['GITHUB_TOKEN', '${{ secrets.GITHUB_TOKEN }}'],
    ['SECRET_KEY', '$SECRET_KEY'],
    ['MYSQL_ROOT_PASSWORD', '{{ RUNPOD_SECRET_mysql-root }}'],
    ['API_KEY', '%API_KEY%'],
    ['EXTRA_HEADERS', 'Authorization: Bearer $API_TOKEN'],
    ['WANDB_API_KEY', '{{ RUNPOD_SECRET_wandb.api_key }}'],
  ]);
}

function hashes(): CorpusLine[] {
  const out: CorpusLine[] = [];
  const sha256Keys = ['CHECKSUM', 'MODEL_SHA256', 'SHA256SUM', 'WEIGHTS_HASH', 'ARCHIVE_SHA256', 'LORA_CHECKSUM'];
  for (const key of sha256Keys) out.push(line('hash', key, hexBytes(32), false));
  for (const key of ['GIT_COMMIT', 'COMMIT_SHA', 'REVISION', 'SOURCE_VERSION', 'HF_REVISION', 'BUILD_SHA']) out.push(line('hash', key, hexBytes(20), false));
  for (const key of ['IMAGE_DIGEST', 'BASE_IMAGE_DIGEST']) out.push(line('hash', key, `sha256:${hexBytes(32)}`, false));
  for (const key of ['ETAG', 'MD5', 'CONTENT_MD5']) out.push(line('hash', key, hexBytes(16), false));
  out.push(line('hash', 'IMAGE', `runpod/worker-vllm@sha256:${hexBytes(32)}`, false));
  out.push(line('hash', 'SHORT_SHA', hexBytes(4), false));
  out.push(line('hash', 'INTEGRITY', `sha512-${base64Bytes(64)}`, false));
  return out;
}

function ids(): CorpusLine[] {
  const out: CorpusLine[] = [];
  for (const key of ['RUN_ID', 'REQUEST_ID', 'PROJECT_ID', 'WORKSPACE_ID', 'ORG_ID', 'TENANT_ID', 'DEVICE_ID', 'SUBSCRIPTION_ID']) out.push(line('id', key, uuid(), false));
  for (const key of ['RUNPOD_POD_ID', 'ENDPOINT_ID', 'NETWORK_VOLUME_ID']) out.push(line('id', key, chars(LOWER_ALNUM, 14), false));
  out.push(line('id', 'OPENAI_ORG_ID', `org-${chars(ALNUM, 24)}`, false));
  out.push(line('id', 'OPENAI_PROJECT_ID', `proj_${chars(ALNUM, 24)}`, false));
  out.push(line('id', 'STRIPE_PRICE_ID', `price_1${chars(ALNUM, 23)}`, false));
  out.push(line('id', 'GOOGLE_CLIENT_ID', `${chars(DIGITS, 12)}-${chars(LOWER_ALNUM, 32)}.apps.googleusercontent.com`, false));
  out.push(line('id', 'WANDB_RUN_ID', chars(LOWER_ALNUM, 8), false));
  out.push(line('id', 'TRACE_ID', hexBytes(16), false));
  out.push(line('id', 'AWS_ACCESS_KEY_ID_FILE', '/run/secrets/aws_key_id', false));
  out.push(line('id', 'GITHUB_APP_ID', chars(DIGITS, 6), false));
  out.push(line('id', 'AZURE_CLIENT_ID', uuid(), false));
  out.push(line('id', 'KEY_ID', `kid-${hexBytes(8)}`, false));
  return out;
}

function publicKeys(): CorpusLine[] {
  const out: CorpusLine[] = [];
  for (const key of ['STRIPE_PUBLISHABLE_KEY', 'NEXT_PUBLIC_STRIPE_KEY', 'STRIPE_PK', 'STRIPE_KEY', 'VITE_STRIPE_PUBLIC_KEY']) {
    out.push(line('stripe', key, `pk_live_${key === 'STRIPE_KEY' ? `51${chars(ALNUM, 97)}` : chars(ALNUM, 24)}`, false));
  }
  for (const key of ['SUPABASE_ANON_KEY', 'NEXT_PUBLIC_SUPABASE_ANON_KEY', 'VITE_SUPABASE_ANON_KEY', 'PUBLIC_SUPABASE_ANON_KEY', 'SUPABASE_PUBLISHABLE_KEY', 'SUPABASE_KEY']) {
    out.push(line('jwt', key, supabaseJwt('anon'), false));
  }
  out.push(
    ...fixed('public-key', [
      ['RECAPTCHA_SITE_KEY', `6L${chars(BASE64URL, 38)}`],
      ['NEXT_PUBLIC_RECAPTCHA_SITE_KEY', `6L${chars(BASE64URL, 38)}`],
      ['TURNSTILE_SITE_KEY', `0x4AAAAAAA${chars(BASE64URL, 14)}`],
      ['NEXT_PUBLIC_POSTHOG_KEY', `phc_${chars(ALNUM, 43)}`],
      ['POSTHOG_PROJECT_API_KEY', `phc_${chars(ALNUM, 43)}`],
      ['NEXT_PUBLIC_FIREBASE_API_KEY', `AIza${chars(BASE64URL, 35)}`],
      ['NEXT_PUBLIC_ALGOLIA_SEARCH_KEY', chars(HEX, 32)],
      ['NEXT_PUBLIC_MAPBOX_TOKEN', `pk.${Buffer.from(`{"u":"${chars(LOWER_ALNUM, 8)}","a":"${chars(LOWER_ALNUM, 25)}"}`).toString('base64url')}.${chars(BASE64URL, 22)}`],
      ['SSH_PUBLIC_KEY', `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${chars(`${ALNUM}+/`, 43)} worker@runpod`],
      ['VAPID_PUBLIC_KEY', `B${chars(BASE64URL, 86)}`],
      ['CLERK_PUBLISHABLE_KEY', `pk_live_${Buffer.from(`clerk.${chars(LOWER_ALNUM, 8)}.example.com$`).toString('base64')}`],
      ['SENTRY_DSN', `https://${chars(HEX, 32)}@o${chars(DIGITS, 6)}.ingest.sentry.io/${chars(DIGITS, 7)}`],
    ]),
  );
  out.push(line('private-key', 'JWT_PUBLIC_KEY', `-----BEGIN PUBLIC KEY-----\n${pemBody(294)}\n-----END PUBLIC KEY-----`, false));
  out.push(line('private-key', 'TLS_CERT', `-----BEGIN CERTIFICATE-----\n${pemBody(between(600, 900))}\n-----END CERTIFICATE-----`, false));
  out.push(line('private-key', 'CA_BUNDLE', `-----BEGIN CERTIFICATE-----\\n${pemBody(700).replaceAll('\n', '\\n')}\\n-----END CERTIFICATE-----`, false));
  out.push(line('private-key', 'SSH_PRIVATE_KEY', '-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----', false));
  return out;
}

function urls(): CorpusLine[] {
  return fixed('url-credentials', [
    ['DATABASE_URL', 'postgres://db:5432/app'],
    ['DATABASE_URL', 'postgres://app@db:5432/app?sslmode=require'],
    ['DATABASE_URL', 'postgres://user:password@localhost:5432/db'],
    ['DATABASE_URL', 'postgresql://USER:PASSWORD@HOST:5432/DBNAME'],
    ['DATABASE_URL', 'mysql://root:<password>@db/app'],
    ['BROKER_URL', 'amqp://guest:guest@rabbitmq:5672/'],
    ['MONGO_URI', 'mongodb://mongo:mongo@mongo:27017/admin'],
    ['REDIS_URL', 'redis://redis:6379/0'],
    ['REDIS_URL', 'redis://:<redis-password>@redis:6379/0'],
    ['GIT_REMOTE', 'https://<user>:<token>@git.example.com/acme/repo.git'],
    ['REPO_URL', 'https://github.com/runpod-workers/worker-vllm.git'],
    ['GIT_URL', 'git@github.com:acme/worker.git'],
    ['HF_ENDPOINT', 'https://huggingface.co'],
    ['OPENAI_BASE_URL', 'https://api.openai.com/v1'],
    ['MODEL_URL', 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/resolve/main/model.safetensors'],
    ['ADMIN_EMAIL', 'ops@example.com'],
    ['NPM_REGISTRY', 'https://registry.npmjs.org/@acme/worker'],
    ['PROXY', 'http://proxy.internal:3128'],
    ['CALLBACK', 'https://example.com/hooks/runpod?source=pod'],
    ['S3_ENDPOINT', 'https://s3.us-east-1.amazonaws.com'],
  ]);
}

function passwordSettings(): CorpusLine[] {
  return fixed('password', [
    ['PASSWORD_MIN_LENGTH', '12'],
    ['DB_PASSWORD_FILE', '/run/secrets/db'],
    ['POSTGRES_PASSWORD_FILE', '/run/secrets/postgres-password'],
    ['PASSWORD_RESET_TIMEOUT', '3600'],
    ['REQUIRE_PASSWORD', 'true'],
    ['JUPYTER_PASSWORD', ''],
    ['PASSWORD_HASH_ALGORITHM', 'argon2id'],
    ['PASSWORD_AUTH', 'md5'],
    ['POSTGRES_HOST_AUTH_METHOD', 'trust'],
    ['SECRET_NAME', 'hf-token'],
    ['AWS_SECRETS_MANAGER_REGION', 'us-east-1'],
    ['JWT_SECRET_ALGORITHM', 'HS256'],
    ['PASSWORD_POLICY', 'min:12,upper:1,digit:1'],
    ['SECRETS_DIR', '/workspace/.secrets'],
    ['PASSWORD_EXPIRY_DAYS', '90'],
    ['ENABLE_PASSWORD_LOGIN', 'false'],
    ['AUTH_PROVIDER', 'github-oauth'],
    ['DISABLE_AUTH', 'true'],
    ['AUTH', 'oauth2-proxy'],
    ['REDIS_AUTH_HOST', 'redis.internal:6379'],
  ]);
}

function modelsAndPaths(): CorpusLine[] {
  return fixed('model-path', [
    ['MODEL_NAME', 'meta-llama/Llama-3.1-8B-Instruct'],
    ['MODEL_KEY', 'meta-llama/Llama-3.1-8B-Instruct'],
    ['MODEL', 'mistralai/Mistral-7B-Instruct-v0.3'],
    ['TOKENIZER', 'Qwen/Qwen2.5-14B-Instruct-AWQ'],
    ['CACHE_KEY', '/workspace/models/cache/v2024-11-01'],
    ['CACHE_KEY', 'v2-2024-11-01-resnet50-imagenet'],
    ['SSH_KEY', '/root/.ssh/id_ed25519'],
    ['GOOGLE_APPLICATION_CREDENTIALS', '/workspace/credentials/service-account.json'],
    ['TLS_KEY_FILE', '/etc/ssl/private/server.key'],
    ['KEY_PATH', '~/.config/runpod/keys'],
    ['IMAGE', 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04'],
    ['START_CMD', 'python -m vllm.entrypoints.openai.api_server --model meta-llama/Llama-3.1-8B-Instruct'],
    ['S3_KEY', 'datasets/imagenet/train-00001-of-01024.tar'],
    ['TASK', 'sk-learn-classification-model-x'],
    ['HF_REPO', 'hf_internal_testing/tiny-random-bert'],
    ['WORKFLOW', 'rpa_uipath_invoice_extraction_v2'],
    ['LORA', 'stabilityai/stable-diffusion-xl-base-1.0'],
    ['DATASET', 'HuggingFaceH4/ultrachat_200k'],
    ['WORKDIR', '/workspace/my-project/src/app/main.py'],
    ['SERVICE_TOKEN_PATH', '/var/run/secrets/kubernetes.io/serviceaccount/token'],
    ['GREETING', 'xoxo-see-you-soon-at-the-meetup'],
    ['SUBNET_GROUP', 'SG.default.internal.cluster'],
    ['REGION', 'ASIA-PACIFIC-SOUTHEAST-1'],
    ['NPM_CONFIG_CACHE', 'npm_config_cache_directory_v2'],
  ]);
}

function settings(): CorpusLine[] {
  return fixed('config', [
    ['MAX_TOKENS', '4096'],
    ['MAX_NEW_TOKENS', '512'],
    ['TOKENIZERS_PARALLELISM', 'false'],
    ['TOKEN_EXPIRY', '3600'],
    ['KEY_ROTATION_DAYS', '90'],
    ['API_KEY_HEADER', 'X-Api-Key'],
    ['JWT_ALGORITHM', 'HS256'],
    ['TOKEN_TYPE', 'bearer'],
    ['HF_HUB_ENABLE_HF_TRANSFER', '1'],
    ['AUTH_PROVIDER', 'github'],
    ['SECRET_KEY', '1234567890123456789012'],
    ['SEED', '42'],
    ['GPU_MEMORY_UTILIZATION', '0.90'],
    ['SORT_KEY', 'created_at_descending_order'],
    ['PRIMARY_KEY', 'request_id'],
    ['PARTITION_KEY', 'tenant-region-2024-q4'],
  ]);
}

function data(): CorpusLine[] {
  const config = Buffer.from(JSON.stringify({ model: 'meta-llama/Llama-3.1-8B-Instruct', max_model_len: 8192, dtype: 'bfloat16' })).toString('base64');
  return fixed('base64-data', [
    ['ICON', `data:image/png;base64,${base64Bytes(between(300, 900))}`],
    ['LOGO', `data:image/svg+xml;base64,${base64Bytes(400)}`],
    ['FAVICON_DATA', `data:image/x-icon;base64,${base64Bytes(600)}`],
    ['CONFIG_B64', config],
    ['SAMPLE_AUDIO', `data:audio/wav;base64,${base64Bytes(1200)}`],
    ['WEIGHTS_PREVIEW', base64Bytes(256)],
    ['NONCE_SEED', hexBytes(8)],
    ['CHAT_TEMPLATE_B64', Buffer.from('{% for message in messages %}{{ message.content }}{% endfor %}').toString('base64')],
  ]);
}

/** Every negative line (about 220). */
export function negatives(): CorpusLine[] {
  return [...placeholders(), ...references(), ...hashes(), ...ids(), ...publicKeys(), ...urls(), ...passwordSettings(), ...modelsAndPaths(), ...settings(), ...data()];
}
