/**
 * An analysis's variables and references one at a time, for the outline (symbols.ts), which stops
 * at 10,000 variables: from an analysis that reads them as the caller goes (`Analysis.eachVariable`,
 * an env document read incrementally) no more is read than the caller takes, and nothing is kept;
 * from any other, its lists. The index's facts (workspace/facts.ts) walk `analysis.eachVariable()`
 * themselves.
 */
import type { Analysis, VariableWithReferences } from './types';

type Readable = Pick<Analysis, 'variables' | 'references' | 'eachVariable'>;

/**
 * Each variable with the references in its value. References are in document order, as are
 * variables, and each lies in its variable's value: one walk over both pairs them.
 */
export function* eachVariableWithReferences(analysis: Readable): Iterable<VariableWithReferences> {
  if (analysis.eachVariable) {
    yield* analysis.eachVariable();
    return;
  }
  const refs = analysis.references;
  const variables = analysis.variables;
  let r = 0;
  for (let i = 0; i < variables.length; i++) {
    const variable = variables[i]!;
    const value = variable.valueSpan;
    while (r < refs.length && refs[r]!.span.start < value.start) r++;
    let end = r;
    while (end < refs.length && refs[end]!.span.start <= value.end) end++;
    yield { variable, references: refs.slice(r, end) };
  }
}
