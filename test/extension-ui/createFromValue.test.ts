import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../client/src/commands/createFromValueLogic';

describe('createFromValue: arguments', () => {
  const range = { start: { line: 1, character: 9 }, end: { line: 1, character: 20 } };

  it('accepts the code action object and the positional form', () => {
    expect(parseArgs([{ uri: 'file:///a.env', range, suggestedName: 'hf-token' }])).toEqual({ uri: 'file:///a.env', range, suggestedName: 'hf-token' });
    expect(parseArgs(['file:///a.env', range, 'hf-token'])).toEqual({ uri: 'file:///a.env', range, suggestedName: 'hf-token' });
    expect(parseArgs([{ uri: 'file:///a.env', range }])?.suggestedName).toBe('');
  });

  it('rejects malformed arguments instead of crashing', () => {
    expect(parseArgs([])).toBeUndefined();
    expect(parseArgs([null])).toBeUndefined();
    expect(parseArgs([{ uri: 'file:///a.env' }])).toBeUndefined();
    expect(parseArgs([{ uri: 3, range }])).toBeUndefined();
    expect(parseArgs([{ uri: 'file:///a.env', range: { start: { line: 'x', character: 0 }, end: range.end } }])).toBeUndefined();
  });
});
