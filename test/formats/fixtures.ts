/**
 * Realistic RunPod files for the format tests: a Hub listing with presets and inputs, its tests
 * file, a v2 template and a Pod body kept as JSON, and a legacy runpod.toml. Fake names and fake
 * token shapes only.
 */
import type { SecretCatalog } from '../../server/src/template/types';

export const CATALOG: SecretCatalog = {
  state: 'fresh',
  secrets: [
    { name: 'hf-token', description: 'Hugging Face read token', createdAt: '2026-09-01T12:00:00Z', valueLastUpdatedAt: '2026-09-02T08:00:00Z' },
    { name: 'db_password', description: null, createdAt: '2026-08-01T00:00:00Z' },
  ],
  fetchedAt: '2026-11-20T10:00:00Z',
};
export const UNKNOWN_CATALOG: SecretCatalog = { state: 'unknown', secrets: CATALOG.secrets };

/** A fake Hugging Face token shape, not a real credential. */
export const FAKE_HF_TOKEN = 'hf_aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3z';

export const HUB_JSON = `{
  "title": "vLLM worker",
  "description": "OpenAI-compatible LLM endpoint",
  "type": "serverless",
  "category": "language",
  "iconUrl": "https://example.com/icon.png",
  "config": {
    "runsOn": "GPU",
    "containerDiskInGb": 20,
    "gpuCount": 1,
    "allowedCudaVersions": ["12.4", "12.3"],
    "presets": [
      { "name": "Llama 3 8B", "defaults": { "MODEL_NAME": "meta-llama/Meta-Llama-3-8B-Instruct" } }
    ],
    "env": [
      {
        "key": "MODEL_NAME",
        "input": { "name": "Model", "type": "string", "description": "Hugging Face model id", "default": "openchat/openchat-3.5-0106" }
      },
      { "key": "HF_TOKEN", "value": "{{ RUNPOD_SECRET_hf-tokn }}" },
      {
        "key": "DB_PASSWORD",
        "input": { "name": "Database password", "type": "string", "default": "{{RUNPOD_SECRET_db_password}}" }
      },
      { "key": "MAX_MODEL_LEN", "input": { "name": "Max length", "type": "number", "default": 4096 } },
      { "key": "OPENAI_KEY", "value": "{{ runpod_secret_openai }}" },
      { "key": "HF-HOME", "value": "/runpod-volume" },
      { "key": "HF_TOKEN", "value": "${FAKE_HF_TOKEN}" }
    ]
  }
}
`;

export const TESTS_JSON = `{
  "tests": [
    { "name": "basic", "input": { "prompt": "Hello" }, "timeout": 10000 }
  ],
  "config": {
    "gpuTypeId": "NVIDIA GeForce RTX 4090",
    "gpuCount": 1,
    "env": [
      { "key": "MODEL_NAME", "value": "facebook/opt-125m" },
      { "key": "HF_TOKEN", "value": "{{ RUNPOD_SECRET_hf-token }}" },
      { "key": "API_KEY", "value": "{{ RUNPOD_SECRET_api }}" }
    ],
    "allowedCudaVersions": ["12.4"]
  }
}
`;

/** A Pod request body kept as JSON, from a template with env overrides. */
export const POD_JSON = `{
  // Launch from the team template, with our own token.
  "name": "llm-dev",
  "templateId": "abc123xyz",
  "gpuTypeIds": ["NVIDIA GeForce RTX 4090"],
  "gpuCount": 1,
  "env": {
    "HF_TOKEN": "{{ RUNPOD_SECRET_hf-token }}",
    "DB_URL": "postgres://app:{{ RUNPOD_SECRET_db_password }}@db:5432/app",
    "OPENAI_API_KEY": "{{ RUNPOD_SECRET_opnai }}",
    "GREETING": "caf\\u00e9 {{ RUNPOD_SECRET_hf-tokn }}",
    "QUOTED": "say \\"hi\\" {{ RUNPOD_SECRET_quoted }}",
    "HF_TOKEN": "${FAKE_HF_TOKEN}"
  },
  "ports": ["8888/http", "22/tcp"]
}
`;

export const RUNPOD_TOML = `title = "My worker"

[project]
name = "my-worker"
base_image = "runpod/base:0.6.2-cuda12.2.0"
gpu_types = ["NVIDIA GeForce RTX 4090"]
gpu_count = 1
volume_mount_path = "/runpod-volume"
ports = "8080/http, 22/tcp"
container_disk_size_gb = 20

[project.env_vars]
POD_INACTIVITY_TIMEOUT = "120"
HF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}"
DB_PASSWORD = '{{ RUNPOD_SECRET_db_pasword }}'
NOTE = """
caf\\u00e9 {{RUNPOD_SECRET_note}}"""
OPENAI_API_KEY = "${FAKE_HF_TOKEN}"

[runtime]
python_version = "3.10"
handler_path = "src/handler.py"
`;
