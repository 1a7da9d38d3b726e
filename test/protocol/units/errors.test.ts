import { describe, expect, it } from 'vitest';
import { describeError, guard } from '../../../server/src/lsp/errors';

describe('error reporting without document contents', () => {
  it('omits the message of non-engine errors, which may quote the parsed text', () => {
    const line = describeError(new SyntaxError('Unexpected token in HF_TOKEN=hf_abcdefghijklmnop'));
    expect(line).toMatch(/^SyntaxError/);
    expect(line).not.toContain('hf_abcdefghijklmnop');
  });

  it("keeps engine TypeError messages (they name code) and stack frames", () => {
    let error: unknown;
    try {
      (undefined as unknown as { x: number }).x;
    } catch (e) {
      error = e;
    }
    const line = describeError(error);
    expect(line).toMatch(/^TypeError: Cannot read properties of undefined/);
    expect(line).toMatch(/\n\s+at /);
  });

  it('elides what an engine message quotes: a property name or a string may come from the document', () => {
    const caught = (f: () => void): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const reading = describeError(caught(() => (undefined as unknown as Record<string, number>)['ghp_Kq3TokenFromTheDocument']));
    expect(reading).toMatch(/^TypeError: Cannot read properties of undefined \(reading '…'\)/);
    const onString = describeError(
      caught(() => {
        const value: unknown = 'hf_secretValue123';
        (value as Record<string, number>)['x'] = 1; // modules are strict: a TypeError quoting the string
      }),
    );
    expect(onString).toMatch(/^TypeError: Cannot create property '…' on string '…'/);
    for (const line of [reading, onString]) expect(line).not.toMatch(/ghp_Kq3|hf_secretValue/);
  });

  it('guard answers the fallback and logs once when the handler throws', async () => {
    const logs: string[] = [];
    const handler = guard('hover', null, (m) => logs.push(m), (): string | null => {
      throw new Error('value: hunter2');
    });
    expect(await handler()).toBeNull();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('hover failed');
    expect(logs[0]).not.toContain('hunter2');
  });
});
