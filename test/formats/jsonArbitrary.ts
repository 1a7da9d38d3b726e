/** Random JSON values for the property tests of the JSON walks and jsonAccepts, strings drawn from `text`. */
import fc from 'fast-check';

export function jsonValue(text: fc.Arbitrary<string>, extra: fc.Arbitrary<unknown> = fc.constantFrom(true, false, null)): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      extra,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(text, tie('value'), { maxKeys: 4 }),
    ),
  })).value;
}
