/**
 * The runpod.toml reader attacked with worst values through the server over stdio: each document
 * gets its answer (a syntax-error at the spot, and the references that can still be read), and the
 * server stays alive and answers the next request. No time is asserted: a hang fails on the
 * client's wait bound, a crash on `alive`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRESH, uri } from '../../protocol/fixtures';
import { LspClient, ensureServerBuilt } from '../../protocol/lspClient';

const NOPE = '{{ RUNPOD_SECRET_nope }}';
const HEAD = `[project.env_vars]\nA = "${NOPE}"\n`;

describe('runpod.toml worst values over stdio', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
  });
  afterAll(() => client.stop());

  /** Opens `text` as runpod.toml; returns each diagnostic's code, message start and marked text. */
  async function answer(text: string): Promise<[string, string][]> {
    const u = uri('runpod.toml');
    const doc = await client.open(u, 'toml', text);
    const diagnostics = await client.diagnostics(u);
    await client.close(u);
    expect(client.alive).toBe(true);
    return diagnostics.map((d) => [String(d.code), doc.getText(d.range).slice(0, 10)]);
  }

  it.each([
    ['arrays nested 100,000 deep', `${HEAD}B = ${'['.repeat(100_000)}\n`, '['],
    ['inline tables nested 100,000 deep', `${HEAD}B = ${'{ a = '.repeat(100_000)}1\n`, '{'],
    ['a 5 MB line: an unclosed string', `${HEAD}B = "${'x'.repeat(5 * 1024 * 1024)}\n`, 'x'],
    ['an unterminated multi-line string over 100,000 lines', `${HEAD}B = """${'line\n'.repeat(100_000)}`, '\n'],
    ['a NUL byte in a string', `${HEAD}B = "a\u0000b"\n`, '\u0000'],
    ['a NUL byte where a key starts', `${HEAD}\u0000 = "b"\n`, '\u0000'],
    ['a trailing comma in an inline table', `[project]\nenv_vars = { A = "${NOPE}", }\n`, ','],
    // TOML 1.1 only, refused by RunPod's TOML 1.0 readers; the values around it are still read.
    ['an inline table spread over lines', `[project]\nenv_vars = {\n  A = "${NOPE}",\n  B = "x"\n}\n`, '{'],
    ['the \\e escape', `[project.env_vars]\nA = "${NOPE}\\e"\n`, '\\'],
    ['the \\xHH escape', `[project.env_vars]\nA = "\\x41${NOPE}"\n`, '\\'],
    ['a local time without seconds', `${HEAD}[other]\nt = 07:32\n`, '2'], // marked after the minutes, where the seconds belong (at the line end: its last character)
  ])('%s: a syntax-error at the spot and the readable reference', async (_name, text, marked) => {
    const got = await answer(text);
    expect(got).toContainEqual(['unknown-secret', 'nope']);
    expect(got.filter(([code]) => code === 'syntax-error')).toEqual([['syntax-error', marked]]);
  });

  it('a BOM and lone CR line breaks are read as RunPod reads them: no syntax error', async () => {
    expect(await answer(`\ufeff${HEAD}`)).toEqual([['unknown-secret', 'nope']]);
    expect(await answer(`[project.env_vars]\rA = "${NOPE}"\rB = "x"\r`)).toEqual([['unknown-secret', 'nope']]);
  });
});
