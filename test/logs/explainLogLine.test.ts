/**
 * Explaining a failed boot from a log line: a secret reference left literal names the secret; a
 * registry that refused the pull points at the template's registry credential.
 */
import { describe, expect, it } from 'vitest';
import { explainLogLine } from '../../client/src/logs/explainLogLine';

describe('explainLogLine', () => {
  it('names the secret of a reference RunPod did not substitute, in any position and spacing, once each', () => {
    expect(explainLogLine('HF_TOKEN={{ RUNPOD_SECRET_hf-tokn }}')).toMatchObject({ kind: 'unresolved-reference', names: ['hf-tokn'] });
    expect(explainLogLine('huggingface_hub.errors.HfHubHTTPError: 401: invalid token "{{RUNPOD_SECRET_hf_token}}"')).toMatchObject({ names: ['hf_token'] });
    expect(explainLogLine('DB=…{{ RUNPOD_SECRET_db-host }}… and {{ RUNPOD_SECRET_db-host }} {{ RUNPOD_SECRET_pw }}')).toMatchObject({ names: ['db-host', 'pw'] });
    const explained = explainLogLine('X={{ RUNPOD_SECRET_hf-tokn }}');
    expect(explained?.message).toMatch(/RunPod did not substitute "hf-tokn"/);
    expect(explained?.message).toMatch(/Create the secret/);
  });

  it('names at most 10 secrets, none longer than a secret name can be', () => {
    const line = Array.from({ length: 50 }, (_, i) => `{{ RUNPOD_SECRET_s${i} }}`).join(' ') + ` {{ RUNPOD_SECRET_${'a'.repeat(5000)} }}`;
    const explained = explainLogLine(line);
    expect(explained).toMatchObject({ kind: 'unresolved-reference', names: Array.from({ length: 10 }, (_, i) => `s${i}`) });
    expect(explained!.message.length).toBeLessThan(1000);
  });

  it('points at the registry credential for an image pull refused by the registry', () => {
    const lines = [
      'Error response from daemon: pull access denied for acme/private, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied',
      'failed to pull image "ghcr.io/acme/app:1": rpc error: code = Unknown desc = failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized',
      'unauthorized: authentication required',
      'no basic auth credentials',
      'Error: image pull failed: unauthorized: incorrect username or password',
    ];
    for (const line of lines) expect(explainLogLine(line)).toMatchObject({ kind: 'image-pull-auth', message: expect.stringMatching(/registry credential/) });
  });

  it('says nothing about ordinary lines, user templating, or a 401 that is not about an image', () => {
    for (const line of ['heartbeat 3: up 3s', 'rendering {{ .Values.name }}', 'GET /api/users 401 Unauthorized', '', '{{ }}']) {
      expect(explainLogLine(line)).toBeUndefined();
    }
  });
});
