/**
 * Deterministic env files that look like what RunPod users keep: sections with comments, model and
 * path settings, ports, quoted values (some multi-word, some with escapes), `export` lines, secret
 * references (canonical, a few embedded in URLs), blank lines. Keys are unique so the figures measure
 * scanning, not duplicate reporting.
 */

const MODELS = ['meta-llama/Llama-3.1-8B-Instruct', 'mistralai/Mistral-7B-v0.3', 'Qwen/Qwen2.5-14B', 'stabilityai/sdxl-turbo'];
const SECRETS = ['hf-token', 'openai_key', 'db_password', 'wandb/api-key', 's3.secret'];

/** A small linear congruential generator: the same file on every run and machine. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** An env file of exactly `lines` lines (LF). */
export function generateEnvFile(lines: number, seed = 7): string {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: string[] = [];
  let n = 0;
  while (out.length < lines) {
    const i = n++;
    const r = random();
    if (i % 25 === 0) {
      out.push(`# ---- section ${i / 25}: worker settings ----`);
      continue;
    }
    if (r < 0.06) out.push('');
    else if (r < 0.1) out.push(`# note ${i}: keep in sync with the template`);
    else if (r < 0.25) out.push(`MODEL_NAME_${i}=${pick(MODELS)}`);
    else if (r < 0.35) out.push(`PORT_${i}=${8000 + (i % 1000)}`);
    else if (r < 0.45) out.push(`export CACHE_DIR_${i}=/workspace/cache/${i} # inline comment`);
    else if (r < 0.55) out.push(`PROMPT_${i}="You are a helpful assistant.\\nAnswer briefly, item ${i}."`);
    else if (r < 0.62) out.push(`GREETING_${i}='single quoted ${i}'`);
    else if (r < 0.8) out.push(`SECRET_${i}={{ RUNPOD_SECRET_${pick(SECRETS)} }}`);
    else if (r < 0.85) out.push(`DATABASE_URL_${i}=postgres://app:{{ RUNPOD_SECRET_db_password }}@db.internal:5432/app`);
    else if (r < 0.9) out.push(`ENABLE_FLAG_${i}=true`);
    else out.push(`MAX_BATCH_${i}=${Math.floor(random() * 512)}`);
  }
  return out.join('\n') + '\n';
}

/** The secret list the extension would send for these files (one name missing, so some references are unknown). */
export const BENCH_SECRETS = SECRETS.slice(0, 4).map((name) => ({ name, description: `bench ${name}`, createdAt: '2026-09-01T12:00:00Z' }));

/**
 * An env file of exactly `lines` lines (LF) where one line in ten has a problem of every
 * kind the editor reports (duplicate and invalid keys, missing `=`, text after a closing quote, malformed,
 * non-canonical, unknown and embedded references, invalid names, hard-coded credentials), around
 * plain settings: about 1,000 problems at 10,000 lines. The keystroke benchmark types into its plain
 * values, where every answer is `unchanged` but the whole file's problems stand.
 */
export function generateProblemEnvFile(lines: number, seed = 11): string {
  const random = rng(seed);
  const out: string[] = [];
  /** A line with a problem of kind `kind % 12`; `i` is the line's index (keys stay unique otherwise). */
  const problem = (kind: number, i: number): string => {
    switch (kind % 12) {
      case 0:
        return `MODEL_NAME_${i - 9}=duplicate of an earlier key`;
      case 1:
        return `${i}_STARTS_WITH_A_DIGIT=1`;
      case 2:
        return `THIS LINE HAS NO EQUALS SIGN ${i}`;
      case 3:
        // Not an unclosed quote: each would close at the next one, making one value of the lines between.
        return `QUOTED_${i}="value" then text after the closing quote`;
      case 4:
        return `MALFORMED_${i}={{ RUNPOD_SECRET_hf-token`;
      case 5:
        return `SPACING_${i}={{RUNPOD_SECRET_hf-token}}`;
      case 6:
        return `TYPO_${i}={{ RUNPOD_SECRET_hf-tokn }}`;
      case 7:
        return `EMBEDDED_${i}=https://{{ RUNPOD_SECRET_hf-token }}@host/${i}`;
      case 8:
        return `BAD_NAME_${i}={{ RUNPOD_SECRET_RUNPOD_reserved }}`;
      case 9:
        return `HF_TOKEN_${i}=hf_${fakeToken(random, 34)}`;
      case 10:
        return `PREFIX_${i}={{ RUNPOD_SECRETS_hf-token }}`;
      default:
        return `DB_PASSWORD_${i}=${fakeToken(random, 24)}`;
    }
  };
  let problems = 0;
  for (let i = 0; out.length < lines; i++) {
    if (i % 10 === 5) out.push(problem(problems++, i));
    else if (i % 25 === 0) out.push(`# ---- section ${i / 25} ----`);
    else out.push(`MODEL_NAME_${i}=meta-llama/Llama-3.1-8B-Instruct`);
  }
  return out.join('\n') + '\n';
}

/** Letters and digits that look random (and are not any real credential). */
function fakeToken(random: () => number, length: number): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let s = '';
  for (let k = 0; k < length; k++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

/** A Hub listing (`.runpod/hub.json`) with `entries` env entries: inputs with defaults, whole and embedded references (some to unknown names), escaped strings, numbers. */
export function generateHubJson(entries: number): string {
  const env: unknown[] = [];
  for (let i = 0; i < entries; i++) {
    const key = `VAR_${i}`;
    switch (i % 5) {
      case 0:
        env.push({ key, value: `{{ RUNPOD_SECRET_secret-${i % 40} }}` });
        break;
      case 1:
        env.push({ key, input: { name: `Setting ${i}`, type: 'string', description: `What setting ${i} controls, in a sentence or two.`, default: `model-${i}/variant` } });
        break;
      case 2:
        env.push({ key, value: `postgres://app:{{ RUNPOD_SECRET_db-${i % 7} }}@db:5432/app` });
        break;
      case 3:
        env.push({ key, input: { name: `Count ${i}`, type: 'number', default: i } });
        break;
      default:
        env.push({ key, value: i % 2 ? 'caf\u00e9 "quoted" value' : `/runpod-volume/models/${i}` });
    }
  }
  const hub = {
    title: 'Benchmark worker',
    description: 'Generated for npm run bench',
    type: 'serverless',
    category: 'language',
    config: { runsOn: 'GPU', containerDiskInGb: 20, presets: [{ name: 'Default', defaults: { VAR_1: 'x' } }], env },
  };
  return JSON.stringify(hub, null, 2);
}

/** The secret list for the JSON files: `secret-0` to `secret-39`; the `db-*` names are unknown. */
export const JSON_BENCH_SECRETS = Array.from({ length: 40 }, (_, i) => ({ name: `secret-${i}` }));

/** A `*.runpod.json` template body with `keys` env variables (plain values, references, escapes). */
export function generateRunpodJson(keys: number): string {
  const env: Record<string, string> = {};
  for (let i = 0; i < keys; i++) {
    const r = i % 4;
    env[`KEY_${i}`] = r === 0 ? `{{ RUNPOD_SECRET_secret-${i % 50} }}` : r === 1 ? `value ${i}` : r === 2 ? `/workspace/"models"/${i}\\cache` : `port-${8000 + (i % 1000)}`;
  }
  return JSON.stringify({ name: 'benchmark template', imageName: 'runpod/worker:latest', containerDiskInGb: 20, ports: '8000/http', env }, null, 2);
}

/** A `runpod.toml` whose `[project.env_vars]` holds `vars` variables (basic, literal and multi-line strings, references). */
export function generateRunpodToml(vars: number): string {
  const out = ['title = "Benchmark worker"', '', '[project]', 'name = "bench"', 'base_image = "runpod/base:0.6.2"', 'gpu_count = 1', '', '[project.env_vars]'];
  for (let i = 0; i < vars; i++) {
    const r = i % 4;
    if (r === 0) out.push(`SECRET_${i} = "{{ RUNPOD_SECRET_secret-${i % 50} }}"`);
    else if (r === 1) out.push(`PATH_${i} = '/workspace/models/${i}'`);
    else if (r === 2) out.push(`PROMPT_${i} = "You are helpful.\\nItem ${i} \\u00e9"`);
    else out.push(`NOTE_${i} = """\nmulti-line {{ RUNPOD_SECRET_db-${i % 7} }}\nvalue ${i}"""`);
  }
  out.push('', '[runtime]', 'python_version = "3.10"', '');
  return out.join('\n');
}
