/**
 * The strict reader of ~/.runpod/config.toml (the subset runpodctl and the Python SDK write), and
 * where the file is looked for. Problems name lines, never their text.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFileLocation, configKeyEntries, readRunpodConfig } from '../../client/src/auth/runpodConfigFile';
import { parseRunpodConfig } from '../../client/src/auth/runpodConfigToml';

const KEY = 'rpa_0123456789ABCDEFGHIJKLMNOPQRSTUV';
const OTHER = 'rpa_ZYXWVUTSRQPONMLKJIHGFEDCBA98765';

/** Every problem message, for checking nothing of the file is quoted. */
const messages = (text: string) => parseRunpodConfig(text).problems.map((p) => p.message).join('\n');

describe('parseRunpodConfig', () => {
  it("reads runpodctl's top-level apikey and each [table]'s api_key, with comments, blanks, CRLF and a BOM", () => {
    const text = `\uFEFF# runpodctl\r\napikey = "${KEY}"\r\napiurl = "https://api.runpod.io/graphql"\r\n\r\n[default]   # profile\r\napi_key='${OTHER}'\r\nretries = 3\r\nenabled = true\r\n\r\n[ team-2 ]\r\napi_key = "${KEY}"  # trailing\r\n[empty]\r\n`;
    const config = parseRunpodConfig(text);
    expect(config.problems).toEqual([]);
    expect(config.topLevel).toEqual({ line: 2, value: KEY });
    expect(config.profiles).toEqual([
      { name: 'default', line: 5, apiKey: { line: 6, value: OTHER } },
      { name: 'team-2', line: 10, apiKey: { line: 11, value: KEY } },
      { name: 'empty', line: 12 },
    ]);
    expect(configKeyEntries(config).map((e) => [e.table, e.key])).toEqual([
      [undefined, KEY],
      ['default', OTHER],
      ['team-2', KEY],
    ]);
  });

  it('decodes basic-string escapes; api_key outside a table and apikey inside one are not ours', () => {
    const config = parseRunpodConfig(`api_key = "x"\n[p]\napikey = "${KEY}"\napi_key = "rpa_\\u0041BC\\\\d0123456789"\n`);
    expect(config.topLevel).toBeUndefined();
    expect(config.profiles[0]!.apiKey?.value).toBe('rpa_ABC\\d0123456789');
  });

  it('stops at what it cannot follow: a [prod] inside a multi-line string is never a table', () => {
    const text = `[default]\nnote = """\n[prod]\napi_key = "${KEY}"\n"""\n`;
    const config = parseRunpodConfig(text);
    expect(config.profiles.map((p) => p.name)).toEqual(['default']);
    expect(config.problems).toEqual([{ line: 2, message: 'a multi-line string; the rest of the file was not read' }]);
    for (const stop of ['x = [1,\n2]', 'x = { a = 1 }', 'just some words', '"quoted" = "k"', 'a.b = "k"', `k = "${KEY}`, `k = "${KEY}" trailing`]) {
      const after = parseRunpodConfig(`${stop}\n[late]\napi_key = "${KEY}"\n`);
      expect(after.profiles, stop).toEqual([]);
      expect(after.problems[0]?.message, stop).toMatch(/the rest of the file was not read$/);
    }
  });

  it('keys under a refused header belong to no profile; a table defined twice keeps the first', () => {
    const config = parseRunpodConfig(`[a.b]\napi_key = "${KEY}"\n[[arr]]\napi_key = "${KEY}"\n[p]\napi_key = "${KEY}"\n[p]\napi_key = "${OTHER}"\n`);
    expect(config.profiles).toEqual([{ name: 'p', line: 5, apiKey: { line: 6, value: KEY } }]);
    expect(config.problems.map((p) => p.line)).toEqual([1, 3, 7]);
  });

  it('a key set twice, not a string, or with characters no key has is unusable, and said so by line', () => {
    const config = parseRunpodConfig(`apikey = 12345\n[a]\napi_key = "${KEY}"\napi_key = "${OTHER}"\n[b]\napi_key = "has space inside"\n`);
    expect(config.topLevel).toEqual({ line: 1, value: undefined, unusable: 'not-a-string' });
    expect(config.profiles[0]!.apiKey).toEqual({ line: 3, value: undefined, unusable: 'set-twice' });
    expect(config.profiles[1]!.apiKey).toEqual({ line: 6, value: undefined, unusable: 'malformed' });
    expect(configKeyEntries(config).every((e) => e.key === undefined)).toBe(true);
  });

  it('never quotes the file: whatever the line holds, problems carry line numbers and fixed words', () => {
    const hostile = [
      `${KEY} = oops`,
      `api_key = "${KEY}\u001b[31m"`,
      `[${KEY}.x]`,
      `apikey = """${KEY}"""`,
      `x = "${KEY}" ${OTHER}`,
      `apikey = ${KEY}`,
      `[p]\napi_key = "${KEY}\u0007"`,
    ];
    for (const text of hostile) {
      const shown = messages(text);
      expect(shown, text).not.toContain(KEY.slice(4, 16));
      expect(shown).not.toContain('\u001b');
    }
  });

  it('stays linear on a long line (a bounded file of 64 KiB at most reaches it)', () => {
    const config = parseRunpodConfig(`[p]\napi_key = "${'a'.repeat(60_000)}`);
    expect(config.profiles[0]!.apiKey).toBeUndefined();
    expect(config.problems).toHaveLength(1);
  });
});

describe('where the config is read', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-config-'));
    dirs.push(dir);
    return dir;
  };

  it('~/.runpod/config.toml under HOME, shown with ~; RUNPOD_CONFIG_FILE replaces it', () => {
    expect(configFileLocation({ HOME: '/home/u' })).toEqual({ path: path.join('/home/u', '.runpod', 'config.toml'), display: path.join('~', '.runpod', 'config.toml') });
    expect(configFileLocation({ HOME: '/home/u', RUNPOD_CONFIG_FILE: '/etc/rp.toml' })).toEqual({ path: '/etc/rp.toml', display: '/etc/rp.toml' });
  });

  it('the path for messages is one line of visible escapes, whatever RUNPOD_CONFIG_FILE or HOME hold; the path read is as given', () => {
    const file = '/tmp/a\nb\u001b[2J\u202ec\u200d.toml';
    expect(configFileLocation({ HOME: '/home/u', RUNPOD_CONFIG_FILE: file })).toEqual({ path: file, display: '/tmp/a\\u000ab\\u001b[2J\\u202ec\\u200d.toml' });
    const home = '/home/\u001b]52;c;x\u0007u';
    expect(configFileLocation({ HOME: home }).display).toBe(path.join('~', '.runpod', 'config.toml'));
    expect(configFileLocation({ HOME: '/h', RUNPOD_CONFIG_FILE: `${home}/x.toml` }).display).toBe('/home/\\u001b]52;c;x\\u0007u/x.toml');
  });

  it('missing is not an error; a folder, /dev/zero through a link and a file over 64 KiB are refused without their content', () => {
    const home = tmp();
    expect(readRunpodConfig({ HOME: home }).kind).toBe('missing');
    fs.mkdirSync(path.join(home, '.runpod', 'config.toml'), { recursive: true });
    expect(readRunpodConfig({ HOME: home })).toMatchObject({ kind: 'refused', reason: 'a folder, not a file' });
    const dir = tmp();
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.toml'));
    expect(readRunpodConfig({ HOME: home, RUNPOD_CONFIG_FILE: path.join(dir, 'zero.toml') })).toMatchObject({ kind: 'refused' });
    fs.writeFileSync(path.join(dir, 'big.toml'), `apikey = "${KEY}"\n#${'x'.repeat(64 * 1024)}\n`);
    const big = readRunpodConfig({ HOME: home, RUNPOD_CONFIG_FILE: path.join(dir, 'big.toml') });
    expect(big).toMatchObject({ kind: 'refused', reason: 'larger than 65536 bytes' });
    expect(JSON.stringify(big)).not.toContain(KEY);
  });

  it('a link to a regular file is followed (dotfile managers link their files)', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'real.toml'), `[default]\napi_key = "${KEY}"\n`);
    fs.mkdirSync(path.join(dir, '.runpod'));
    fs.symlinkSync(path.join(dir, 'real.toml'), path.join(dir, '.runpod', 'config.toml'));
    const read = readRunpodConfig({ HOME: dir });
    expect(read.kind === 'ok' && configKeyEntries(read.config)[0]?.key).toBe(KEY);
  });
});
