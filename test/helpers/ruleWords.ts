/**
 * What the word "letter" in a rule's words lets through, as a reader takes it: "ASCII letter(s)"
 * means A-Z and a-z, "letter(s)" alone means any letter (Unicode \p{L}: `É`, `ß`, `ж`). Tests read a
 * rule back from its words with it, so words that claim letters in general for a rule that takes
 * only ASCII fail: `KÉY=1` refused with "Use letters, digits..." would leave the user guessing.
 */
export function letterOfWords(words: string): (c: string) => boolean {
  if (!/letter/i.test(words)) throw new Error(`the words say nothing of letters: ${words}`);
  return /ASCII letter/.test(words) ? (c) => /^[A-Za-z]$/.test(c) : (c) => /^\p{L}$/u.test(c);
}
