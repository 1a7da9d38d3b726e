/**
 * What the text of a credential looks like, judged on a range of a string without copying it:
 * generated (random) text, readable text (words: model names, paths, slugs), placeholders
 * (`your-token-here`, `xxxx`, `changeme`, `<password>`) and passwords people make up. Every
 * function is one pass over its range, so the credential rule stays linear in the value.
 */

export const LOWER = 1;
export const UPPER = 2;
export const DIGIT = 4;
export const SYMBOL = 8;

/** LOWER, UPPER, DIGIT, or SYMBOL for any other printable ASCII; 0 for blanks, controls and non-ASCII. */
export function classOf(c: number): number {
  if (c >= 97 && c <= 122) return LOWER;
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 48 && c <= 57) return DIGIT;
  return c > 32 && c < 127 ? SYMBOL : 0;
}

export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Shannon entropy in bits per character of `s[start, end)` (ASCII only; others count as one bucket). */
const counts = new Uint32Array(129); // reused: this runs for every candidate of every value
export function entropy(s: string, start: number, end: number): number {
  counts.fill(0);
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    counts[c < 128 ? c : 128]!++;
  }
  const n = end - start;
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const k = counts[i]!;
    if (k) {
      const p = k / n;
      h -= p * Math.log2(p);
    }
  }
  return h;
}

/**
 * The 100 most frequent letter pairs of English text. Words (model names, paths, slugs, prose) are
 * mostly made of them; random text hits them by chance (100 of 676 pairs, 15%).
 */
const COMMON_PAIRS = (() => {
  const table = new Uint8Array(26 * 26);
  const pairs =
    'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns di fo ho pe ec pr no ct us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na ul ni ts mo ow pa im mi ai sh';
  for (let i = 0; i < pairs.length; i += 3) table[(pairs.charCodeAt(i) - 97) * 26 + pairs.charCodeAt(i + 1) - 97] = 1;
  return table;
})();

/**
 * True when `s[start, end)` reads as words rather than generated text: at least 8 adjacent letter
 * pairs that are common in English, making up half of all letter pairs, and a change between lower
 * case, upper case and digits at no more than a third of the adjacent pairs with a letter (random
 * text changes class at about half of them). Measured on uniformly random tokens, 400,000 per
 * alphabet and length: one case of letters only, 16 characters, 1 in 400 reads as words; one case
 * with digits (base32, upper-case hex-like keys) 1 in 1,000 to 30,000; mixed case with digits 1 in
 * 25,000 at 16 characters and never from 32. Hence formats of capitals and digits skip this test.
 */
export function isReadable(s: string, start: number, end: number): boolean {
  let letterPairs = 0;
  let common = 0;
  let pairs = 0;
  let changes = 0;
  let prev = 0;
  let prevClass = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    const k = classOf(c);
    if (k === SYMBOL || k === 0) {
      prevClass = 0;
      continue;
    }
    // Pairs of digits say nothing about words (`2024`, a Slack id): only pairs with a letter count.
    if (prevClass && (k !== DIGIT || prevClass !== DIGIT)) {
      pairs++;
      if (k !== prevClass) changes++;
      if (k !== DIGIT && prevClass !== DIGIT) {
        letterPairs++;
        common += COMMON_PAIRS[((prev | 32) - 97) * 26 + (c | 32) - 97]!;
      }
    }
    prev = c;
    prevClass = k;
  }
  return common >= 8 && 2 * common >= letterPairs && 3 * changes <= pairs;
}

/** Short words that mark a placeholder, compared in lower case with whole words of the value. */
const PLACEHOLDER_WORDS = new Set(['your', 'here', 'change', 'insert', 'dummy', 'sample', 'todo', 'fixme', 'fake', 'enter', 'goes', 'demo', 'none', 'null', 'empty', 'mask', 'masked']);
const LONGEST_PLACEHOLDER_WORD = 7;
/** Long words that mark a placeholder anywhere, even run together (`...EXAMPLEKEY`). */
const PLACEHOLDER_INFIXES = ['example', 'placeholder', 'changeme', 'replace', 'redacted', 'undefined'];
const MAX_PLACEHOLDER = 256;

/**
 * True when `s[start, end)` holds a placeholder: a long placeholder word anywhere, or short ones
 * (`your`, `here`, `none`) or a run of four or more x's either standing alone between separators
 * (`your_api_key_here`, `hf_xxxx`) or at least twice run together (`YourTokenGoesHere`). Random
 * text spells a short word inside a long run now and then (`...e7goesWX...`), never twice.
 * Words are split at anything but letters and where lower case turns to upper case.
 */
function hasPlaceholderWord(s: string, start: number, end: number): boolean {
  // ChangeMe, ...EXAMPLEKEY; placeholders are short, so a long range is not copied for this.
  if (end - start >= 7 && end - start <= MAX_PLACEHOLDER) {
    const lower = s.slice(start, end).toLowerCase();
    if (PLACEHOLDER_INFIXES.some((w) => lower.includes(w))) return true;
  }
  let runTogether = 0;
  let i = start;
  while (i < end) {
    const k = classOf(s.charCodeAt(i));
    if (k !== LOWER && k !== UPPER) {
      i++;
      continue;
    }
    // A word: upper-case letters then lower-case ones (`Your`, `HERE`, `here`); `HFToken` is HF + Token.
    let j = i;
    while (j < end && classOf(s.charCodeAt(j)) === UPPER) j++;
    if (j < end && classOf(s.charCodeAt(j)) === LOWER) {
      if (j - i > 1) j--; // the last capital starts the next word
      while (j < end && classOf(s.charCodeAt(j)) === LOWER) j++;
    }
    if (isPlaceholderWord(s, i, j)) {
      const alone = (i === start || !isAlnum(s.charCodeAt(i - 1))) && (j === end || !isAlnum(s.charCodeAt(j)));
      if (alone || ++runTogether === 2) return true;
    }
    i = j;
  }
  return false;
}

function isPlaceholderWord(s: string, start: number, end: number): boolean {
  let xs = 0;
  for (let i = start; i < end; i++) if ((s.charCodeAt(i) | 32) === 120 /* x */) xs++;
  if (xs === end - start && xs >= 4) return true;
  return end - start >= 4 && end - start <= LONGEST_PLACEHOLDER_WORD && PLACEHOLDER_WORDS.has(s.slice(start, end).toLowerCase());
}

/** True when most adjacent pairs count up (`123456`, `abcdef`): typed, not generated. */
function isSequential(s: string, start: number, end: number): boolean {
  let up = 0;
  for (let i = start + 1; i < end; i++) if (s.charCodeAt(i) === s.charCodeAt(i - 1) + 1) up++;
  return 2 * up >= end - start - 1;
}

export interface GeneratedOptions {
  /** Fewest letters and digits the range must hold. */
  minAlnum: number;
  /** Require letters and digits, or both cases in 16 letters or more (for values with no known format). */
  mixedClasses?: boolean;
  /** Skip the readability test (a format whose random part can never be words). */
  skipReadable?: boolean;
}

/**
 * Entropy a generated range of `n` characters has at least: 3 bits per character from 32 up, less
 * below (16 random hex digits fall under 3 bits one time in seven, under 2.5 one time in 700).
 */
function minEntropy(n: number): number {
  return n >= 32 ? 3 : 2 + n / 32;
}

/**
 * True when `s[start, end)` looks generated: enough letters and digits, enough entropy per
 * character, no placeholder word, no counting sequence, and not readable as words.
 */
export function looksGenerated(s: string, start: number, end: number, options: GeneratedOptions): boolean {
  let alnum = 0;
  let letters = 0;
  let classes = 0;
  for (let i = start; i < end; i++) {
    const k = classOf(s.charCodeAt(i));
    classes |= k;
    if (k === LOWER || k === UPPER) letters++;
    if (k === LOWER || k === UPPER || k === DIGIT) alnum++;
  }
  if (alnum < options.minAlnum) return false;
  if (options.mixedClasses) {
    const lettersAndDigits = letters > 0 && (classes & DIGIT) !== 0;
    const bothCases = letters >= 16 && (classes & (LOWER | UPPER)) === (LOWER | UPPER);
    if (!lettersAndDigits && !bothCases) return false;
  }
  return (
    entropy(s, start, end) >= minEntropy(end - start) &&
    !isSequential(s, start, end) &&
    !hasPlaceholderWord(s, start, end) &&
    (options.skipReadable === true || !isReadable(s, start, end))
  );
}

/** Values everyone knows or that stand for nothing: never a secret worth moving. */
const DEFAULTS = new Set(['password', 'passwd', 'pass', 'secret', 'admin', 'root', 'guest', 'test', 'default', 'changeme', 'postgres', 'mysql', 'redis', 'user', 'username', 'none', 'null', 'empty', 'true', 'false']);

/**
 * True when `s[start, end)` stands in for a secret rather than being one: empty, one character
 * repeated (`****`), an ellipsis, a name in brackets (`<password>`, `[TOKEN]`, `%KEY%`), an
 * expansion or reference (`${X}`, `$(cmd)`, `$X`, `{{ ... }}`), a placeholder word, or a default
 * everyone knows (`password`, `guest`).
 */
export function isPlaceholder(s: string, start: number, end: number): boolean {
  if (end <= start) return true;
  const first = s.charCodeAt(start);
  const last = s.charCodeAt(end - 1);
  let same = true;
  for (let i = start + 1; i < end && same; i++) same = s.charCodeAt(i) === first;
  if (same) return true;
  const bracketed = (first === 60 /* < */ && last === 62) || (first === 91 /* [ */ && last === 93) || (first === 123 /* { */ && last === 125);
  if (bracketed && end - start <= 64) return true;
  if (first === 37 /* % */ && last === 37 && isVariableName(s, start + 1, end - 1)) return true; // %API_KEY%
  if (first === 36 /* $ */ && isVariableName(s, start + 1, end)) return true; // $DB_PASSWORD
  for (let i = start; i < end - 1; i++) {
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    if ((c === 36 && (d === 123 || d === 40)) || (c === 123 && d === 123) || (c === 46 && d === 46)) return true; // ${ $( {{ ..
  }
  if (hasPlaceholderWord(s, start, end)) return true;
  return end - start <= 10 && DEFAULTS.has(s.slice(start, end).toLowerCase());
}

/** An upper-case environment variable name (`DB_PASSWORD`), as in a `$NAME` expansion. */
function isVariableName(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || c === 95 || (i > start && c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** Passwords are at least this long; shorter values under a password key are settings or flags. */
export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 256;

/**
 * True when `value` looks like a password someone made up (`Cluster@171$`, `summer2024!`): 8 to 256
 * printable characters with no blank, letters together with digits or symbols, and not a
 * placeholder, a path or a URL. Only asked for values under a password-like key.
 */
export function looksLikePassword(value: string): boolean {
  const n = value.length;
  if (n < MIN_PASSWORD_LENGTH || n > MAX_PASSWORD_LENGTH) return false;
  let classes = 0;
  for (let i = 0; i < n; i++) {
    const k = classOf(value.charCodeAt(i));
    if (k === 0) return false; // blanks: a command or prose, not a password
    classes |= k;
  }
  if ((classes & (LOWER | UPPER)) === 0 || (classes & (DIGIT | SYMBOL)) === 0) return false;
  const c0 = value.charCodeAt(0);
  if (c0 === 47 /* / */ || value.startsWith('~/') || value.startsWith('./') || value.startsWith('../') || value.includes('://')) return false;
  return !isPlaceholder(value, 0, n);
}
