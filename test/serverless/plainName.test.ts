/** A name from the account in a notification can neither form a link nor act on the screen. */
import { describe, expect, it } from 'vitest';
import { plainName } from '../../client/src/ui/plainName';

describe('plainName', () => {
  it('breaks [text](target) so VS Code renders no link, command: targets included', () => {
    expect(plainName('sd [docs](command:runpod.secrets.delete?%5B%22hf-token%22%5D)')).toBe('sd [docs] (command:runpod.secrets.delete?%5B%22hf-token%22%5D)');
    expect(plainName('[a]  (https://evil.example)')).toBe('[a] (https://evil.example)');
  });

  it('keeps ordinary names as they are and puts control characters on show, on one line', () => {
    expect(plainName('llama-worker (prod)')).toBe('llama-worker (prod)');
    expect(plainName('a\nb\x1b[2J\u202e')).toBe('a b\\u001b[2J\\u202e');
  });
});
