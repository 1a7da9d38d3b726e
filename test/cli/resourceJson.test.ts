/**
 * list --json redacts a plain credential in every env-like member RunPod echoes back (resourceJson.ts):
 * an `env` object with a non-string value among its strings, and an `env` sent as [{key, value}], not
 * only an all-string object; a key outside the env-key rule (it may be a value) is never printed.
 */
import { describe, expect, it } from 'vitest';
import { resourceJson } from '../../client/src/cli/resourceJson';
import { analyze, symbols } from '../../server/src/template';

const PLANTED = 'hf_PLANTEDplainValue0123456789abcdefXYZ';

describe('resourceJson', () => {
  it("a nested endpoint template's env with a non-string value: its credential is redacted, the rest kept", () => {
    const endpoint = { id: 'ep1', template: { name: 't', env: { HF_TOKEN: PLANTED, WORKERS: 3, MODEL: 'llama' } } };
    const out = resourceJson([endpoint]);
    expect(out).not.toContain(PLANTED);
    expect(JSON.parse(out)).toEqual([{ id: 'ep1', template: { name: 't', env: { HF_TOKEN: '[redacted]', WORKERS: 3, MODEL: 'llama' } } }]);
  });

  it('an env as [{key, value}]: the credential redacted, order and other fields kept', () => {
    const out = resourceJson({ template: { env: [{ key: 'HF_TOKEN', value: PLANTED }, { key: 'MODEL', value: 'llama' }] } });
    expect(out).not.toContain(PLANTED);
    expect(JSON.parse(out)).toEqual({ template: { env: [{ key: 'HF_TOKEN', value: '[redacted]' }, { key: 'MODEL', value: 'llama' }] } });
  });

  it('a key outside the env-key rule is shown as (invalid name), as the preflight shows it', () => {
    // A value pasted where the name goes (`TOKEN hf_...`): not an env key.
    const pasted = `TOKEN ${PLANTED}`;
    const out = resourceJson({ env: { [pasted]: '1', [`${pasted}2`]: '2', OK: '3' }, list: { env: [{ key: pasted, value: '1' }] } });
    expect(out).not.toContain(PLANTED);
    expect(JSON.parse(out)).toEqual({ env: { '(invalid name)': '1', '(invalid name 2)': '2', OK: '3' }, list: { env: [{ key: '(invalid name)', value: '1' }] } });
  });

  it('an empty key is named (empty key), as the outline names it (keys.ts keyLabel, one rule)', () => {
    expect(JSON.parse(resourceJson({ env: { '': '1', A: '2' } }))).toEqual({ env: { '(empty key)': '1', A: '2' } });
    expect(symbols(analyze('{"env": {"": "1", "A b": "2"}}', 'runpod-json', { state: 'unknown', secrets: [] })).map((s) => s.name)).toEqual(['(empty key)', '(invalid name)']);
  });

  it('a key named __proto__ stays a key', () => {
    expect(JSON.parse(resourceJson({ env: JSON.parse('{"__proto__":"x","A":1}') as object }))).toEqual(JSON.parse('{"env":{"__proto__":"x","A":1}}'));
  });
});
