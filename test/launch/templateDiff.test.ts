/**
 * The words of the Push Template confirmation: what an update changes on the account template,
 * by field name and env key only, and "up to date" when nothing would change.
 */
import { describe, expect, it } from 'vitest';
import { summarizeTemplateUpdate } from '../../client/src/launch/templateDiff';
import type { Template } from '../../client/src/runpod/types';

const account: Template = {
  id: 'abc123',
  name: 'pytorch-train',
  image: 'runpod/pytorch:2.4.0',
  disk: 50,
  env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', HF_HOME: '/workspace/hf' },
  ports: ['8888/http', '22/tcp'],
  mounts: { persistent: { size: 20, path: '/workspace' } },
  startSsh: true,
};

describe('summarizeTemplateUpdate', () => {
  it('names added, changed and removed env keys and changed fields, never a value', () => {
    const result = summarizeTemplateUpdate(account, {
      image: 'runpod/pytorch:2.4.0',
      env: { HF_TOKEN: 'hf_plainTokenValue1234567890', DATABASE_PASSWORD: '{{ RUNPOD_SECRET_db_password }}' },
      ports: ['8888/http'],
    });
    expect(result).toEqual({ upToDate: false, summary: 'image unchanged; env: +DATABASE_PASSWORD, HF_TOKEN (secret hf-token -> plain value), -HF_HOME; ports changed' });
    for (const value of ['hf_plain', 'RUNPOD_SECRET', '/workspace', '8888']) expect(result.summary).not.toContain(value);
  });

  it('is up to date when every field the file sends equals the account\'s (object keys in any order)', () => {
    const result = summarizeTemplateUpdate(account, {
      image: 'runpod/pytorch:2.4.0',
      env: { HF_HOME: '/workspace/hf', HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' },
      mounts: { persistent: { path: '/workspace', size: 20 } },
      disk: 50,
    });
    expect(result).toEqual({ upToDate: true, summary: 'image unchanged; env unchanged' });
  });

  it('fields the file does not send are left alone and not mentioned', () => {
    expect(summarizeTemplateUpdate(account, { image: 'runpod/pytorch:2.5.0', env: account.env })).toEqual({
      upToDate: false,
      summary: 'image changed; env unchanged',
    });
  });

  it('a field the account template lacks, and a new value of a scalar field, count as changed', () => {
    expect(summarizeTemplateUpdate(account, { image: account.image, env: account.env, disk: 80, category: 'NVIDIA', startSsh: true })).toEqual({
      upToDate: false,
      summary: 'image unchanged; env unchanged; disk changed; category changed',
    });
  });

  it('a long env list names eight keys and counts the rest', () => {
    const env = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`K${i}`, 'v']));
    const { summary } = summarizeTemplateUpdate({ ...account, env: {} }, { env });
    expect(summary).toBe('env: +K0, +K1, +K2, +K3, +K4, +K5, +K6, +K7 and 3 more');
  });

  it('an env key named like an Object prototype property is compared as a plain key', () => {
    expect(summarizeTemplateUpdate({ ...account, env: {} }, { env: { constructor: '1', toString: '2' } }).summary).toBe('env: +constructor, +toString');
  });
});

describe('a changed env key', () => {
  const changed = (before: string, after: string) => summarizeTemplateUpdate({ ...account, env: { WANDB_KEY: before } }, { env: { WANDB_KEY: after } }).summary;

  it('says which secret it read and which it reads now: a reference is no credential', () => {
    expect(changed('{{ RUNPOD_SECRET_wandb-key }}', '{{ RUNPOD_SECRET_wandb-key-2 }}')).toBe('env: WANDB_KEY (secret wandb-key -> secret wandb-key-2)');
  });

  it('never shows a plain value, which may be a credential: it says "plain value"', () => {
    const hidden = ['wandb_live_1234567890abcdef', 'wandb_live_fedcba0987654321'];
    expect(changed(hidden[0]!, hidden[1]!)).toBe('env: WANDB_KEY (plain value, changed)');
    expect(changed(hidden[0]!, '{{ RUNPOD_SECRET_wandb-key }}')).toBe('env: WANDB_KEY (plain value -> secret wandb-key)');
    expect(changed('{{ RUNPOD_SECRET_wandb-key }}', hidden[1]!)).toBe('env: WANDB_KEY (secret wandb-key -> plain value)');
    // Text around a reference may be a credential too: only the secret is named.
    expect(changed('{{ RUNPOD_SECRET_wandb-key }}', `${hidden[1]}{{ RUNPOD_SECRET_wandb-key }}`)).toBe('env: WANDB_KEY (secret wandb-key -> text with secret wandb-key)');
  });

  it('a reference respaced reads the same secret: the change is named, the text is not shown', () => {
    expect(changed('{{RUNPOD_SECRET_wandb-key}}', '{{ RUNPOD_SECRET_wandb-key }}')).toBe('env: WANDB_KEY (secret wandb-key, changed)');
  });
});

describe('the account template a broken or hostile server lists', () => {
  it("its env keys are named by the label rule: one line in Push Template's confirmation, no escape sequence acting", () => {
    const hostile = { ...account, env: { 'A\n\nReviewed by your admin: safe to push.': 'x', 'B\u001b[2K\u202e': 'y' } };
    const { summary } = summarizeTemplateUpdate(hostile, { env: {} });
    expect(summary).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(summary).toBe('env: -A Reviewed by your admin: safe to push., -B\\u001b[2K\\u202e');
  });
});
