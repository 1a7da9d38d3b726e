/**
 * Why a container failed, read from one log line, for the causes this extension can fix: a secret
 * reference RunPod left literal, and an image the registry would not hand out. Pure; the line is
 * only matched, never shown here (the caller neutralises it).
 */
import { findReferencesInValue, SECRET_NAME_MAX_LENGTH } from '../../../server/src/template/index';

export type LogExplanation =
  | {
      kind: 'unresolved-reference';
      /** The secret names whose reference the line shows unsubstituted, in order, once each. */
      names: string[];
      message: string;
    }
  | { kind: 'image-pull-auth'; message: string };

/**
 * What registries and container runtimes print when a pull is refused for want of credentials
 * (Docker Hub, GHCR, ECR, GCR, containerd, Kubernetes events).
 */
const PULL_AUTH_ERRORS: readonly RegExp[] = [
  /pull access denied/i,
  /unauthorized: authentication required/i,
  /denied: requested access to the resource is denied/i,
  /no basic auth credentials/i,
  /unauthorized: incorrect username or password/i,
  /\b(pull|pulling|manifest|image|registry)\b.{0,200}\b(401 Unauthorized|403 Forbidden|unauthorized|authorization failed|access denied)/i,
];

const PULL_ERROR_MAX_CHARS = 4096;
const MAX_NAMES = 10;

/**
 * Explains a log line, or returns undefined when it is not one of the known causes.
 * A line that still holds a secret reference means RunPod did not substitute it: the secret did
 * not exist when the container started, or the reference is not in the form RunPod substitutes.
 */
export function explainLogLine(line: string): LogExplanation | undefined {
  if (line.includes('{{')) {
    // Names as long as a secret name can be, a few of them: a hostile line cannot make the note huge.
    const found = findReferencesInValue(line).map((ref) => ref.name).filter((name) => name !== '' && name.length <= SECRET_NAME_MAX_LENGTH);
    const names = [...new Set(found)].slice(0, MAX_NAMES);
    if (names.length > 0) {
      const listed = names.map((n) => `"${n}"`).join(', ');
      return {
        kind: 'unresolved-reference',
        names,
        message:
          `This line shows a secret reference as literal text: RunPod did not substitute ${listed}. ` +
          `The secret did not exist when the container started, or the reference is not written {{ RUNPOD_SECRET_name }}. ` +
          'Create the secret (or fix the reference), then restart the Pod; a worker gets it when it next starts.',
      };
    }
  }
  // Registry errors are short lines: looking at the start keeps a 1 MiB line cheap to explain.
  const head = line.slice(0, PULL_ERROR_MAX_CHARS);
  if (PULL_AUTH_ERRORS.some((pattern) => pattern.test(head))) {
    return {
      kind: 'image-pull-auth',
      message:
        'The registry refused to hand out the container image. If the image is private, give the template a registry ' +
        'credential (its "registry" field) whose user name and token can pull it; if it is public, check the image name.',
    };
  }
  return undefined;
}
