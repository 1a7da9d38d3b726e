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
