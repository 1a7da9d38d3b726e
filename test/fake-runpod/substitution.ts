/**
 * What RunPod does with secret references when a Pod boots, stated here on its own (the fake is
 * RunPod's stand-in and must not borrow the client's rules; test/fake-runpod/substitution.test.ts
 * holds the two to the same answers). From RunPod's documentation and observed behaviour:
 * `{{ RUNPOD_SECRET_<name> }}`, exactly one space inside each pair of braces and a name RunPod can
 * hold, is replaced by the secret's value, wherever it sits in the value. Substitution is a lookup
 * of the account's secrets, not the rule for new names: a secret made before the rule changed
 * (`2fa_seed`, `RUNPOD_KEY`) is substituted too. A name the account does not have stays as the
 * literal placeholder (and is recorded). Any other spelling is left alone.
 */

/**
 * The one form that is substituted. The name class is the characters any secret name was ever
 * made of (letters, digits, `_ . - /`), without the first-character and prefix rules new names have.
 */
const REFERENCE = /\{\{ RUNPOD_SECRET_([a-zA-Z0-9_.\-/]+) \}\}/g;

/**
 * Substitutes the references of one env value.
 * @param valueOf the secret's value by name, undefined when the account has no such secret
 * @returns the value the container sees, and the names that did not resolve
 */
export function substituteReferences(value: string, valueOf: (name: string) => string | undefined): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const substituted = value.replace(REFERENCE, (literal, name: string) => {
    const resolved = valueOf(name);
    if (resolved === undefined) unresolved.push(name);
    return resolved ?? literal;
  });
  return { value: substituted, unresolved };
}
