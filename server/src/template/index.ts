/**
 * Public API of the pure template core: text in, plain data out, offsets are UTF-16 code unit
 * indices into the document. Nothing here imports the editor or the protocol library.
 */
import { readEnv } from './readers/env';
import type { EnvVariable, Problem } from './types';

export * from './types';
export {
  validateSecretName,
  referenceNameProblem,
  formatReference,
  closestName,
  isSecretNameChar,
  hasSecretNameCharsOnly,
  SECRET_REFERENCE_PREFIX,
  SECRET_NAME_MAX_LENGTH,
  isEnvKey,
  ENV_KEY_RULE,
} from './names';
export { analyze } from './analyze';
export { complete } from './complete';
export { hover, type HoverClock } from './hover';
export { codeActions } from './codeActions';
export { eachSymbol, offersSymbols, symbols } from './symbols';
export { findReferencesInValue, type FindReferencesOptions } from './references';
export {
  substitutionOf,
  substitutionOfKind,
  substitutionLabel,
  noncanonicalMessage,
  EMBEDDED_MESSAGE,
  type ReferenceKind,
  type Substitution,
  type SubstitutionVerdict,
} from './substitution';
export { suggestSecretName } from './rules/credentials';
export { checkEnvEntries, invalidKeyMessage, readVarsText, type CredentialHit, type EnvEntryCheck, type VarsText } from './envEntries';
export { readerFor, type Reader, type ReadResult } from './readers';
export { keyLabel, MAX_POD_ENV_VARIABLES, variableLimitText } from './rules/keys';
export { rotationProblems, withRotationDue, type RotationPolicy } from './rules/rotation';
export {
  DEFAULT_ROTATION_DAYS,
  MAX_ROTATION_DAYS,
  describeValueAge,
  isRotationDue,
  normalizeRotationDays,
  valueAgeDays,
  valueSetAt,
  type ValueSetAt,
} from './valueAge';

/**
 * Parses a whole env file into its variables (Launch Pod merge, the CLI). Later definitions of a
 * key are kept in the list; a consumer building an object lets the last one win. `key` and `value`
 * are plain fields; spans and `valueOffsets` are computed on first read (getters), so copy them
 * explicitly instead of spreading a variable (`JSON.stringify` works through `toJSON`).
 * @returns variables in document order and the syntax problems met (the parse always completes)
 */
export function parseEnv(text: string): { variables: EnvVariable[]; problems: Problem[] } {
  return readEnv(text);
}
