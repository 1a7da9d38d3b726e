/** The spy on blocking file calls (test/helpers/blockingReads.ts) sees every one node:fs has, not a chosen few. */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockingCallsOf } from '../helpers/blockingReads';

describe('blockingCallsOf', () => {
  it('names each *Sync call of node:fs made while it runs', async () => {
    const { blocking } = await blockingCallsOf(async () => {
      fs.existsSync('/');
      fs.lstatSync('/');
      fs.realpathSync('/');
      fs.accessSync('/');
      fs.closeSync(fs.openSync('/', 'r'));
    });
    expect(blocking.sort()).toEqual(['accessSync', 'closeSync', 'existsSync', 'lstatSync', 'openSync', 'realpathSync']);
  });

  it('names none when the run makes none', async () => {
    expect((await blockingCallsOf(async () => fs.promises.stat('/'))).blocking).toEqual([]);
  });
});
