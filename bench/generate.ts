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
