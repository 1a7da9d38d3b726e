/**
 * The one reader of `*.runpod.json` files, for the editor's Launch Pod and Push Template and the
 * command line's `pods launch --template-file`: JSON with comments, exact positions, and messages
 * that never quote the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { droppedFieldsText, fieldOffset, parseTemplateFile, toLaunchTemplate, toTemplateInput } from '../../client/src/launch/templateFile';
import { OLDER_FIELDS } from '../../client/src/launch/olderFields';
import { analyze } from '../../server/src/template/index';
import { MAX_NESTING } from '../../server/src/template/readers/tooDeep';

const good = `{
  // comments are tolerated, as in the editor
  "$schema": "../schemas/runpod-template.schema.json",
  "name": "pytorch-train",
  "image": "runpod/pytorch:2.4.0",
  "disk": 50,
  "ports": ["8888/http"],
  "gpu": { "id": "NVIDIA GeForce RTX 4090", "count": 2 },
  "cloud": "COMMUNITY",
  "args": "--serve",
  "env": { "HF_TOKEN": "{{ RUNPOD_SECRET_hf-token }}", "MODEL": "llama" },
}`;

function parsed(text: string) {
  const result = parseTemplateFile(text);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.body;
}

describe('parseTemplateFile', () => {
  it('strips $schema and keeps every other field', () => {
    const body = parsed(good);
    expect(body.name).toBe('pytorch-train');
    expect(body.image).toBe('runpod/pytorch:2.4.0');
    expect(body.env).toEqual({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODEL: 'llama' });
    expect(body.rest).not.toHaveProperty('$schema');
    expect(Object.keys(body.rest).sort()).toEqual(['args', 'cloud', 'disk', 'gpu', 'ports']);
  });

  it('reports bad JSON with line and column, without throwing', () => {
    const result = parseTemplateFile('{\n  "name": "x",\n  "image": \n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toEqual({ message: 'Not valid JSON: value expected at line 4, column 1.', offset: 29, line: 4, column: 1 }); // the closing brace
  });

  it(`refuses a file nested deeper than the check's bound (${MAX_NESTING}), with or without comments, instead of overflowing the stack`, () => {
    const deep = (levels: number, comment = '') => `{${comment}"gpu": ${'['.repeat(levels)}${']'.repeat(levels)}}`;
    // The object and MAX_NESTING - 1 arrays: as deep as `check` reads.
    expect(parseTemplateFile(deep(MAX_NESTING - 1)).ok).toBe(true);
    for (const text of [deep(MAX_NESTING), deep(100_000), deep(100_000, '/* [[[ */'), `{"a": "[[[[", ${deep(100_000).slice(1)}`]) {
      const result = parseTemplateFile(text);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      // The first container past the bound: the object is level 1, so the MAX_NESTING-th `[` of "gpu".
      const first = text.indexOf('"gpu": [') + '"gpu": '.length + MAX_NESTING - 1;
      expect(result.errors).toEqual([{ message: expect.stringMatching(/^The JSON is nested too deeply to read .*1000 levels.* at line 1, column \d+\.$/), offset: first, line: 1, column: first + 1 }]);
    }
    expect(analyze(deep(100_000), 'runpod-json', { state: 'unknown', secrets: [] }).problems.map((p) => p.message)).toEqual([expect.stringContaining('nested too deeply')]);
  });

  it('counts depth as the parser nests, not by brackets: stray `]` it skips after an error do not hide 100,000 levels, and the refusal is where `check` marks it', () => {
    // In an object, jsonc-parser skips `]]` as a bad property name and nests on at `"a": [`; a flat
    // bracket count went down there, called the file shallow and the parse overflowed the stack.
    const text = `{"gpu": ${'{]],"a":['.repeat(50_000)}`;
    const result = parseTemplateFile(text);
    expect(result.ok).toBe(false);
    const check = analyze(text, 'runpod-json', { state: 'unknown', secrets: [] }).problems;
    expect(check).toEqual([expect.objectContaining({ code: 'syntax-error', message: expect.stringMatching(/^The JSON is nested too deeply to read \(arrays and objects more than 1000 levels/) })]);
    if (!result.ok) expect(result.errors).toEqual([expect.objectContaining({ offset: check[0]!.span.start, message: expect.stringMatching(/^The JSON is nested too deeply to read \(arrays and objects more than 1000 levels inside each other\) at line 1, column \d+\.$/) })]);
  });

  it('counts columns in UTF-16 units and lines across CRLF, and tolerates a BOM', () => {
    const result = parseTemplateFile('\ufeff{\r\n  "name": "é😀", "env": {"A": 1}\r\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ offset: 34, line: 2, column: 31, message: expect.stringMatching(/^env values must be strings .* at line 2, column 31\.$/) });
    expect(parseTemplateFile('\ufeff{"name": "n"}').ok).toBe(true);
  });

  it('points each field error at its value', () => {
    const text = '{\n  "image": 3,\n  "env": {\n    "OK": "x",\n    "PORT": 8080\n  }\n}';
    const result = parseTemplateFile(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.column, text.slice(e.offset, e.offset + 4)])).toEqual([
      [2, 12, '3,\n '],
      [5, 13, '8080'],
    ]);
  });

  it.each([
    ['[]', /one JSON object/],
    ['"text"', /one JSON object/],
    ['', /Not valid JSON/],
    ['{"name": "  "}', /"name" must be a non-empty string/],
    ['{"name": "a", "env": ["A=1"]}', /"env" must be an object/],
    ['{"name": "a", "env": {"PORT": 8080}}', /env values must be strings/],
    ['{"name": "a", "image": 3}', /"image" must be a non-empty string/],
  ])('rejects %s with a clear message', (text, message) => {
    const result = parseTemplateFile(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join(' ')).toMatch(message);
  });

  it("refuses a field of RunPod's older APIs (REST v1, GraphQL), at its key, naming the REST v2 field this file uses", () => {
    const text = '{\n  "name": "old",\n  "imageName": "runpod/base:1",\n  "containerDiskInGb": 20\n}';
    const result = parseTemplateFile(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      `"imageName" is a field of RunPod's older APIs (REST v1, GraphQL): this file uses "image" (REST v2) at line 3, column 3.`,
      `"containerDiskInGb" is a field of RunPod's older APIs (REST v1, GraphQL): this file uses "disk" (REST v2) at line 4, column 3.`,
    ]);
    // Every entry of the table is refused, even beside its new name.
    for (const { old } of OLDER_FIELDS) expect(parseTemplateFile(JSON.stringify({ name: 'n', image: 'i', [old]: 1 })).ok, old).toBe(false);
  });

  it("names REST v2's shape for env as a list of {key, value} and ports as one string (the older GraphQL shapes)", () => {
    const messages = (text: string) => {
      const result = parseTemplateFile(text);
      return result.ok ? [] : result.errors.map((e) => e.message);
    };
    expect(messages('{"name": "a", "env": [{"key": "A", "value": "1"}]}')).toEqual([
      // Not the file's own key or value: messages never quote the file.
      '"env" must be an object of NAME: "value" strings (REST v2; not the older list of {"key", "value"} entries) at line 1, column 22.',
    ]);
    expect(messages('{"name": "a", "ports": "8888/http,22/tcp"}')).toEqual(['"ports" must be a list of strings, for example ["8888/http", "22/tcp"] (REST v2; not one comma-separated string) at line 1, column 24.']);
    expect(messages('{"name": "a", "ports": ["8888/http"]}')).toEqual([]);
  });

  it('a launch may take its name from elsewhere: "name" is optional when reading', () => {
    expect(parsed('{"image": "x"}')).toEqual({ image: 'x', env: {}, rest: {} });
  });

  it('keeps __proto__ a plain key in env and in the other fields', () => {
    const body = parsed('{"name": "n", "env": {"__proto__": "x"}, "__proto__": {"a": 1}}');
    expect(Object.keys(body.env)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(body.env)).toBe(Object.prototype);
    expect(Object.keys(body.rest)).toEqual(['__proto__']);
  });

  // The file may be a symlink to a credential, or carry escape sequences meant for a terminal.
  it('refuses an env key the editor marks invalid, at the key, in the diagnostic\'s words (never the key)', () => {
    const text = '{"name": "n", "image": "i", "env": {"A": "1", "": "2", "HF-HOME": "3", "pw:Vx7Nq2Kp9Lm4Tz": "4"}}';
    const result = parseTemplateFile(text);
    const diagnostics = analyze(text, 'runpod-json', { state: 'unknown', secrets: [] }).problems.filter((p) => p.code === 'invalid-key');
    expect(diagnostics).toHaveLength(3);
    expect(result).toEqual({
      ok: false,
      errors: diagnostics.map((d) => expect.objectContaining({ offset: d.span.start - 1, message: `${d.message.replace(/\.$/, '')} at line 1, column ${d.span.start}.` })),
    });
    if (!result.ok) for (const e of result.errors) expect(e.message).not.toContain('Vx7Nq2Kp9Lm4Tz');
  });

  it('never quotes the file in a message, whatever the file holds', () => {
    const planted = 'sk_live_PLANTEDsecret0123456789';
    const pieces = fc.constantFrom('{', '}', '[', ']', '"', ':', ',', ' ', '\n', '//', '/*', 'name', 'env', 'image', '1', 'true', '\u001b[2K', planted, `"${planted}"`);
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const result = parseTemplateFile(parts.join(''));
        if (result.ok) return;
        for (const e of result.errors) {
          expect(e.message).not.toContain('PLANTED');
          expect(e.message).not.toContain('\u001b');
          expect(e.message).toMatch(/ at line \d+, column \d+\.$/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('toTemplateInput', () => {
  it('leaves out Pod-only fields (RunPod would answer 422) and says which', () => {
    const pushed = toTemplateInput(parsed(good));
    if (!pushed.ok) throw new Error(pushed.message);
    const { input, leftOut } = pushed;
    expect(leftOut.sort()).toEqual(['cloud', 'gpu']);
    expect(input).toEqual({
      name: 'pytorch-train',
      image: 'runpod/pytorch:2.4.0',
      disk: 50,
      ports: ['8888/http'],
      args: '--serve',
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODEL: 'llama' },
    });
    expect(input).not.toHaveProperty('$schema');
  });

  it('refuses a field the template schema does not know, in the words and with the "did you mean" of Launch Pod and Deploy Endpoint: RunPod would answer 422', () => {
    for (const text of ['{"name": "n", "image": "i", "startSSh": true}', '{"name": "n", "image": "i", "dataCenterId": ["EU-RO-1"]}', '{"name": "n", "image": "i", "diskSize": 5}']) {
      const launch = toLaunchTemplate(parsed(text));
      expect(launch.ok).toBe(false);
      expect(toTemplateInput(parsed(text))).toEqual(launch);
    }
  });

  it('a field set to null is left out, but "registry": null, which clears an account template\'s credential (runpod-api.md: id or null); a Pod-only null is no field left out', () => {
    const pushed = toTemplateInput(parsed('{"name": "n", "image": "i", "ports": null, "args": null, "startSsh": null, "registry": null, "cloud": null}'));
    expect(pushed).toEqual({ ok: true, input: { name: 'n', image: 'i', env: {}, registry: null }, leftOut: [] });
  });
});

describe('toLaunchTemplate', () => {
  it('gpu and cloud kept, template-only fields named as dropped', () => {
    const result = toLaunchTemplate(parsed(good));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.template.gpu).toEqual({ id: 'NVIDIA GeForce RTX 4090', count: 2 });
    expect(result.template.cloud).toBe('COMMUNITY');
    expect(result.dropped).toEqual(['args']);
    expect(result.template).not.toHaveProperty('$schema');
    const more = toLaunchTemplate(parsed('{"name": "n", "image": "i", "args": "--x", "category": "NVIDIA", "env": {}}'));
    expect(more.ok && more.dropped).toEqual(['args', 'category']);
  });

  it('names every template field it leaves out, `"serverless": false` among them, none sent', () => {
    const result = toLaunchTemplate(parsed('{"name": "n", "image": "i", "serverless": false, "public": false, "allowedCudaVersions": ["12.8"], "registry": "r1", "cloud": "SECURE"}'));
    expect(result.ok && result.dropped).toEqual(['serverless', 'public', 'allowedCudaVersions', 'registry']);
    expect(result.ok && result.template).toEqual({ env: {}, name: 'n', image: 'i', cloud: 'SECURE' });
  });

  it('a field set to null is left out of the Pod (RunPod\'s schema would refuse it with 422), not sent as null', () => {
    const result = toLaunchTemplate(parsed('{"name": "n", "image": "i", "ports": null, "mounts": null, "dataCenterIds": null, "startSsh": null, "disk": null}'));
    expect(result).toEqual({ ok: true, template: { env: {}, name: 'n', image: 'i' }, dropped: [] });
    // "gpu": null asks for no GPU type either: the wizard asks for one, as for a file without "gpu".
    expect(toLaunchTemplate(parsed('{"name": "n", "image": "i", "gpu": null}'))).toEqual({ ok: true, template: { env: {}, name: 'n', image: 'i' }, dropped: [] });
  });

  it('"cpu", "cloud" and "templateId" set to null ask for nothing (templateFile.ts asksFor), as in Deploy Endpoint: no CPU Pod, the default cloud, no template', () => {
    for (const field of ['cpu', 'cloud', 'templateId']) {
      expect(toLaunchTemplate(parsed(`{"name": "n", "image": "i", "${field}": null}`)), field).toEqual({ ok: true, template: { env: {}, name: 'n', image: 'i' }, dropped: [] });
    }
    // Beside a GPU, "cpu": null is no second compute choice.
    expect(toLaunchTemplate(parsed('{"name": "n", "image": "i", "gpu": {"id": "g"}, "cpu": null}'))).toEqual({ ok: true, template: { env: {}, name: 'n', image: 'i', gpu: { id: 'g', count: 1 } }, dropped: [] });
  });

  it('a field set to null is no dropped field: `"registry": null` asks for no credential, so no note says one is lost', () => {
    const result = toLaunchTemplate(parsed('{"name": "n", "image": "i", "registry": null, "args": null, "serverless": false}'));
    expect(result.ok && result.dropped).toEqual(['serverless']);
    expect(result.ok && result.template).toEqual({ env: {}, name: 'n', image: 'i' });
  });

  it('refuses a field the template schema does not know, naming it and the known field it likely is: a typo would launch a paid Pod without it', () => {
    const refused = (text: string) => toLaunchTemplate(parsed(text));
    expect(refused('{"image": "i", "dataCenterId": ["EU-RO-1"]}')).toEqual({ ok: false, field: 'dataCenterId', message: '"dataCenterId" is no field of a template or Pod body; did you mean "dataCenterIds"?' });
    expect(refused('{"image": "i", "startSSh": true}')).toEqual({ ok: false, field: 'startSSh', message: '"startSSh" is no field of a template or Pod body; did you mean "startSsh"?' });
    expect(refused('{"image": "i", "diskSize": 5}')).toEqual({ ok: false, field: 'diskSize', message: '"diskSize" is no field of a template or Pod body.' });
    // A key is file content: shown by the one name rule, escapes visible, and cut short.
    const hostile = refused(`{"image": "i", "\\u001b[2J${'x'.repeat(500)}": 1}`);
    expect(hostile.ok).toBe(false);
    if (hostile.ok) return;
    expect(hostile.message).toMatch(/^"\\u001b\[2Jx+…" is no field of a template or Pod body\.$/);
    expect(hostile.message.length).toBeLessThan(120);
  });

  it('says that a registry credential is not sent with a Pod create, so a private image may fail to pull', () => {
    expect(droppedFieldsText(['args'])).toBe('not sent (fields a Pod create does not take): args');
    expect(droppedFieldsText(['args', 'registry'])).toBe(
      'not sent (fields a Pod create does not take): args, registry; a Pod create takes no registry credential, so a private image may fail to pull',
    );
  });

  it.each<[string, string | string[], string]>([
    ['{"name": "w", "image": "i", "serverless": true}', 'serverless', 'this is a serverless template ("serverless": true): it makes an endpoint, not a Pod. Deploy it with RunPod: Deploy Endpoint (runpod-check endpoints deploy on the command line).'],
    ['{"cloud": "MOON"}', 'cloud', '"cloud" must be SECURE or COMMUNITY.'],
    ['{"gpu": {"id": "g", "count": 0}}', 'gpu', '"gpu" must be {"id": string, "count"?: positive integer}.'],
    // An empty or blank GPU type id names no GPU: refused at the id, as the editor's schema marks it.
    ['{"gpu": {"id": ""}}', ['gpu', 'id'], '"gpu" must name a GPU type: its "id" is empty.'],
    ['{"gpu": {"id": " \\t", "count": 2}}', ['gpu', 'id'], '"gpu" must name a GPU type: its "id" is empty.'],
    ['{"templateId": 7}', 'templateId', '"templateId" must be a non-empty string.'],
    // The editor spread `true` into {} and "abc" into {"0": "a", ...}; the command line sent them as written.
    ...['true', 'false', '"abc"', '[]', '4'].map((cpu): [string, string, string] => [`{"cpu": ${cpu}}`, 'cpu', '"cpu" must be an object ({} for RunPod\'s default).']),
  ])('refuses %s with a sentence, not a throw, naming the field to open the file at', (text, field, reason) => {
    expect(toLaunchTemplate(parsed(text))).toEqual({ ok: false, message: reason, field });
  });

  it('fieldOffset: the key of the field (or of a path into objects) the reader keeps (the last of a duplicate), past a BOM; 0 for none', () => {
    const text = '\ufeff{ "cloud": "SECURE",\n  "cloud": "MOON" }';
    expect(fieldOffset(text, 'cloud')).toBe(text.lastIndexOf('"cloud"'));
    expect(fieldOffset(text, 'gpu')).toBe(0);
    expect(fieldOffset('{ "env": { "cloud": 1 } }', 'cloud')).toBe(0);
    expect(fieldOffset('[', 'cloud')).toBe(0);
    const hub = '{ "config": { "runsOn": "GPU" }, "config": { "runsOn": "CPU" } }';
    expect(fieldOffset(hub, ['config', 'runsOn'])).toBe(hub.lastIndexOf('"runsOn"'));
    expect(fieldOffset(hub, ['config', 'gpuIds'])).toBe(0);
    expect(fieldOffset('{ "config": "x" }', ['config', 'runsOn'])).toBe(0);
  });
});
