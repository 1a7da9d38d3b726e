/**
 * A `.runpod/hub.json` entry `{ "key", "input" }` with no default is a required input: the deployer
 * fills it, so the Pod gets the key. The environment rules count it as defined; the value rules,
 * having no value to judge, never see it.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type SecretCatalog } from '../../../server/src/template';
import { analyzeReferences } from '../../../server/src/template/analyze';
import { flatReferences } from '../../../server/src/template/variableReferences';
import { indexedFacts } from '../../../server/src/lsp/indexedFacts';
import { environmentProblems, type EnvironmentDeclaration, type EnvironmentSource } from '../../../server/src/template/environments';
import { factsOf } from '../../../server/src/template/workspace/facts';
import { keysInsertion } from '../../../server/src/template/environments/keyInsertion';
import { definedKeys } from '../../../server/src/template/environments/definedKeys';
import { ref } from './helpers';

const UNKNOWN: SecretCatalog = { state: 'unknown', secrets: [] };
const DECLARED: EnvironmentDeclaration[] = [
  { name: 'dev', files: ['dev/.runpod/hub.json'] },
  { name: 'prod', files: ['prod/.runpod/hub.json'] },
];
const hub = (entries: string) => `{ "config": { "env": [ ${entries} ] } }`;
const input = (key: string) => `{ "key": "${key}", "input": { "name": "${key}", "type": "string" } }`;
const PROD = hub(`{ "key": "HF_TOKEN", "value": "${ref('hf-token')}" }`);

function hubSource(path: string, text: string): EnvironmentSource {
  return { path, text, analysis: analyze(text, 'hub-json', UNKNOWN) };
}

function missing(path: string, files: Record<string, string>): string[] {
  const all = Object.entries(files).map(([p, text]) => hubSource(p, text));
  return environmentProblems(all.find((s) => s.path === path)!, all, UNKNOWN, DECLARED)
    .filter((p) => p.code === 'missing-in-environment')
    .map((p) => p.message);
}

describe('Hub inputs without a default', () => {
  it('define their key for the environment rules, on either side', () => {
    const files = { 'dev/.runpod/hub.json': hub(input('HF_TOKEN')), 'prod/.runpod/hub.json': PROD };
    expect(missing('dev/.runpod/hub.json', files)).toEqual([]);
    expect(missing('prod/.runpod/hub.json', files)).toEqual([]);
  });
  it('only their own key: another input leaves the key missing', () => {
    const files = { 'dev/.runpod/hub.json': hub(input('MODEL')), 'prod/.runpod/hub.json': PROD };
    expect(missing('dev/.runpod/hub.json', files)).toEqual([expect.stringContaining('`HF_TOKEN` is defined for prod'), '`MODEL` is missing in prod (prod/.runpod/hub.json); dev defines it here.']);
  });
  it('are no variables (no value rule judges them), and the index keeps their key in document order', () => {
    const text = hub(`${input('HF_TOKEN')}, { "key": "MODEL", "value": "m" }, ${input('PORT')}`);
    const analysis = analyze(text, 'hub-json', UNKNOWN);
    expect(analysis.variables.map((v) => v.key)).toEqual(['MODEL']);
    expect(analysis.problems).toEqual([]);
    expect(analysis.inputKeys!.map((k) => text.slice(k.keySpan.start, k.keySpan.end))).toEqual(['HF_TOKEN', 'PORT']);
    expect(factsOf(analysis).keys.map((k) => k.key)).toEqual(['HF_TOKEN', 'MODEL', 'PORT']);
  });
  it('keep the decoded key of an escaped "key", with the span of what is written', () => {
    const text = hub(`{ "key": "HF_\\u0054OKEN", "input": { "type": "string" } }, { "key": "", "input": {} }`);
    const keys = analyze(text, 'hub-json', UNKNOWN).inputKeys!;
    expect(keys.map((k) => k.key)).toEqual(['HF_TOKEN', '']);
    expect(keys.map((k) => text.slice(k.keySpan.start, k.keySpan.end))).toEqual(['HF_\\u0054OKEN', '']);
  });
  it("the workspace index's read keeps the same input keys as an open document's analysis", () => {
    const text = hub(`${input('HF_TOKEN')}, { "key": "MODEL", "value": "m" }, ${input('PORT')}`);
    for (const kind of ['hub-json', 'tests-json'] as const) {
      const read = analyzeReferences(text, kind);
      expect(read.inputKeys).toEqual(analyze(text, kind, UNKNOWN).inputKeys);
      const indexed = indexedFacts(text, { variables: read.variables, references: flatReferences(read.references), inputKeys: read.inputKeys }, read.cut);
      expect(indexed.keys.names).toEqual(factsOf(analyze(text, kind, UNKNOWN)).keys.map((k) => k.key));
    }
  });
  it('say on their key which environment lacks it, as a variable does (only the file lacking it said so)', () => {
    const files = { 'dev/.runpod/hub.json': hub(`${input('MODEL')}, { "key": "HF_TOKEN", "value": "${ref('hf-token')}" }, ${input('PORT')}`), 'prod/.runpod/hub.json': PROD };
    expect(missing('dev/.runpod/hub.json', files)).toEqual(['`MODEL` is missing in prod (prod/.runpod/hub.json); dev defines it here.', '`PORT` is missing in prod (prod/.runpod/hub.json); dev defines it here.']);
    const all = Object.entries(files).map(([p, text]) => hubSource(p, text));
    const dev = all[0]!;
    const spans = environmentProblems(dev, all, UNKNOWN, DECLARED).filter((p) => p.code === 'missing-in-environment').map((p) => dev.text.slice(p.span.start, p.span.end));
    expect(spans).toEqual(['MODEL', 'PORT']);
  });

  it('defined on disk as a required input, a key gets no Add KEY edit (the index said it was missing; the file read now defines it)', () => {
    expect(keysInsertion(hub(input('HF_TOKEN')), 'hub-json', [{ key: 'HF_TOKEN', value: '' }])).toBeUndefined();
    // Another input leaves a place for the key.
    expect(keysInsertion(hub(input('MODEL')), 'hub-json', [{ key: 'HF_TOKEN', value: '' }])).toBeDefined();
    // The one rule both read: variables and required inputs, valid keys only.
    const text = hub(`${input('HF_TOKEN')}, { "key": "MODEL", "value": "m" }, { "key": "not a key", "value": "v" }`);
    expect([...definedKeys(analyze(text, 'hub-json', UNKNOWN))].sort()).toEqual(['HF_TOKEN', 'MODEL']);
  });

  it('an input with a default is a variable as before; tests.json has no inputs', () => {
    const withDefault = hub(`{ "key": "HF_TOKEN", "input": { "default": "x" } }`);
    expect(analyze(withDefault, 'hub-json', UNKNOWN).variables.map((v) => v.key)).toEqual(['HF_TOKEN']);
    expect(analyze(withDefault, 'hub-json', UNKNOWN).inputKeys ?? []).toEqual([]);
    expect(analyze(hub(input('HF_TOKEN')), 'tests-json', UNKNOWN).inputKeys ?? []).toEqual([]);
  });
});
