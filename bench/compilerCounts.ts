/**
 * What V8's optimising compiler did in a server process, counted from V8's own log (`--log-code
 * --log-deopt`, one file per isolate: the server's thread and the index's walk thread). Counts, not
 * times: they stay the same on a loaded machine, where the CPU split of the cold index drifts by
 * tens of milliseconds. A function compiled by TurboFan more than once was deoptimised in between
 * (a "wrong map", or code that depended on an allocation decision V8 changed): compiler work done
 * twice, which is what this looks for (BENCHMARKS.md, the workspace index).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The node flags that write the log this reads into `dir`. `--log-deopt` also prints each deopt on
 * stdout, the server's JSON-RPC channel (the client then never hears it): redirected into `dir` too.
 */
export function compilerLogArgs(dir: string): string[] {
  return ['--log-code', '--log-deopt', `--logfile=${join(dir, 'v8.log')}`, '--redirect-code-traces', `--redirect-code-traces-to=${join(dir, 'traces.txt')}`];
}

export interface IsolateCompilation {
  /** The bundle the isolate ran (`server.js`, `indexWalker.js`): the one most of its optimised functions come from. */
  bundle: string;
  /** TurboFan compilations, and the distinct functions they compiled. */
  compilations: number;
  functions: number;
  /** The functions compiled more than once: `name` -> times. */
  repeated: Map<string, number>;
  /** Deoptimisations by reason (`wrong map`, `code dependencies`, ...). */
  deopts: Map<string, number>;
}

/** One entry per isolate log V8 wrote into `dir` (`isolate-<address>-<pid>-v8.log`). */
export function readCompilerLogs(dir: string): IsolateCompilation[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('v8.log'))
    .map((name) => countLog(readFileSync(join(dir, name), 'utf8')));
}

function countLog(log: string): IsolateCompilation {
  const compiled = new Map<string, number>();
  const deopts = new Map<string, number>();
  const bundles = new Map<string, number>();
  for (const line of log.split('\n')) {
    // V8 escapes commas inside fields (\x2C), so a plain split keeps the columns.
    const fields = line.split(',');
    if (fields[0] === 'code-creation' && fields[1] === 'JS' && fields[fields.length - 1] === '*') {
      // code-creation,JS,kind,time,address,size,"name file:line:column",shared info,state ('*': TurboFan)
      const name = fields[6]!.replace(/ \S*\/([^/]+:\d+:\d+)$/, ' $1');
      compiled.set(name, (compiled.get(name) ?? 0) + 1);
      const bundle = /([^/ ]+\.js):\d+:\d+$/.exec(name)?.[1];
      if (bundle) bundles.set(bundle, (bundles.get(bundle) ?? 0) + 1);
    } else if (fields[0] === 'code-deopt') {
      // code-deopt,time,size,address,inlining id,offset,kind,"<position>",reason
      const reason = fields[8] ?? '?';
      deopts.set(reason, (deopts.get(reason) ?? 0) + 1);
    }
  }
  const repeated = new Map([...compiled].filter(([, times]) => times > 1));
  const bundle = [...bundles].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '?';
  return { bundle, compilations: [...compiled.values()].reduce((s, n) => s + n, 0), functions: compiled.size, repeated, deopts };
}

/** One isolate's counts as a table cell: `84 compilations of 78 functions; again: factsOf 3x, ...; deopts: wrong map 2, ...`. */
export function describeCompilation(c: IsolateCompilation): string {
  const again = [...c.repeated].sort((a, b) => b[1] - a[1]).map(([name, times]) => `${name.split(' ')[0] || '(anonymous)'} ${times}x`);
  const deopts = [...c.deopts].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${reason} ${n}`);
  return `${c.compilations} compilations of ${c.functions} functions; compiled again: ${again.join(', ') || 'none'}; deopts: ${deopts.join(', ') || 'none'}`;
}
