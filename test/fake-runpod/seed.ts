/** Demo data for a fresh data folder: a few secrets and templates that reference them. */
import type { Ctx } from './context';
import { addSecret } from './secrets';
import { addEndpoint } from './serverless';
import { addTemplate } from './templates';

/** Fills an empty state. The values are obviously fake and exist only so pods can resolve them. */
export function seed(ctx: Ctx): void {
  addSecret(ctx, { name: 'hf-token', value: 'hf_fakeDemoToken000000000000000000', description: 'Hugging Face read token' });
  addSecret(ctx, { name: 'openai-key', value: 'sk-fake-demo-000000000000000000000000', description: 'OpenAI API key for evals' });
  addSecret(ctx, { name: 'db_password', value: 'fake-demo-db-password', description: null });
  addTemplate(ctx, {
    name: 'pytorch-train',
    image: 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04',
    disk: 50,
    env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', HF_HOME: '/workspace/hf' },
    ports: ['8888/http', '22/tcp'],
    mounts: { persistent: { size: 20, path: '/workspace' } },
    startJupyter: true,
    allowedCudaVersions: ['12.4', '12.8'],
  });
  addTemplate(ctx, {
    name: 'vllm-serve',
    image: 'vllm/vllm-openai:v0.6.3',
    args: '--model meta-llama/Llama-3.1-8B-Instruct',
    env: {
      HUGGING_FACE_HUB_TOKEN: '{{ RUNPOD_SECRET_hf-token }}',
      OPENAI_API_KEY: '{{ RUNPOD_SECRET_openai-key }}',
      DATABASE_URL: 'postgres://app:{{ RUNPOD_SECRET_db_password }}@db:5432/app',
    },
    ports: ['8000/http'],
  });
  const sdWorker = addTemplate(ctx, {
    name: 'sd-worker',
    image: 'runpod/worker-sdxl:3.0.0',
    env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' },
    serverless: true,
  });
  addEndpoint(ctx, { name: 'sd-endpoint', templateId: sdWorker.id, gpu: { pools: ['ADA_24'] }, workers: { min: 1, max: 3 } });
  // Someone else's public template: readable by id, not in the account's list, not editable.
  addTemplate(ctx, { name: 'runpod-ubuntu', image: 'runpod/base:0.6.2-cuda12.4.1', env: {}, public: true }, 'other');
}
