/**
 * Values shaped to make a credential detector slow: each repeats a unit that starts or half-starts
 * a format (a token prefix, an unterminated JWT, PEM header or URL authority), or is one endless
 * token. A backtracking or re-scanning detector takes quadratic time on them; a linear one costs a
 * small multiple of one pass over the value. Used by the worst-case test and by `npm run bench`.
 */

/** `unit` repeated to exactly `length` characters. */
function fill(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Each shape as [name, value of `length` characters]. */
export function adversarialValues(length: number): [string, string][] {
  const rest = (head: string, unit: string): string => head + fill(unit, length - head.length);
  return [
    ['one letter', fill('a', length)],
    ['one endless token of mixed case and digits', fill('aB3-', length)],
    ['Hugging Face prefixes', fill('hf_', length)],
    ['OpenAI prefixes', fill('sk-', length)],
    ['Slack prefixes with digits', fill('xoxb-1-', length)],
    ['JWT headers', fill('eyJ', length)],
    ['JWT headers and dots', fill('eyJa.', length)],
    ['PEM headers', fill('-----BEGIN ', length)],
    ['a PEM private-key header, then no end', rest('-----BEGIN PRIVATE KEY-----', 'A')],
    ['private-key headers over low-entropy bodies', fill(`-----BEGIN PRIVATE KEY-----${'a'.repeat(200)}`, length)],
    ['URL marks', fill('://', length)],
    ['a URL authority full of colons, no @', rest('a://', ':')],
    ['a URL authority full of @, no colon', rest('a://', '@')],
    ['URL userinfo again and again', fill('a://b:c@', length)],
    ['a 1 MB scheme', `${fill('a', length - 8)}://u:p@h`],
    ['Slack webhook paths', fill('hooks.slack.com/services/', length)],
    ['expansions', fill('${', length)],
    ['placeholder words run together', fill('YourTokenHere', length)],
    ['upper-case AWS-like runs', fill('AKIA', length)],
    ['path-like tokens with no dot, one after another', fill('/aaaaaaaaaaaaaaaaaaaa ', length)],
  ];
}
