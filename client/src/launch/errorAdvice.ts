/**
 * What to tell the user when a Launch Pod, Push Template or Deploy call fails, and which buttons to offer.
 * The API client's messages already say what happened and runpod/errorKinds.ts what fixes each
 * kind; this adds only what depends on the step (what was not created), the button for that fix,
 * and RunPod's rejected fields.
 */
import { errorKindFacts, type Remedy } from '../runpod/errorKinds';
import { isRunpodApiError } from '../runpod/errors';
import { isClientChanged } from '../auth/accountBound';
import { thenSentence } from '../runpod/wording';

/** Buttons the notification offers; the adapter maps each to a command or a wizard step. */
export type AdviceAction = 'pick-another-gpu' | 'open-billing' | 'retry' | 'edit-retry' | 'show-log' | 'set-api-key' | 'open-pods' | 'refresh-pods' | 'open-endpoints';

export interface Advice {
  /** One paragraph for the notification. */
  message: string;
  /** Extra lines (RunPod's field errors) for a modal's detail or the log. */
  details: string[];
  /**
   * The details go to the log only: RunPod's own words would add a second instruction that
   * disagrees with the message's (no capacity: "Please refresh and try again" after "pick another GPU").
   */
  detailsInLogOnly?: true;
  actions: AdviceAction[];
  /** Modal when the user must act before anything else makes sense. */
  modal: boolean;
}

/**
 * Where the failure happened; changes the wording and whether a retry is safe. 'deploy-checks',
 * 'launch-checks', 'push-checks' and 'update-checks' are a flow's reads and secret checks before its
 * write: nothing was sent to create or change anything.
 */
export type Phase =
  | 'create-pod'
  | 'follow'
  | 'push-checks'
  | 'push-template'
  | 'read'
  | 'pod-action'
  | 'launch-checks'
  | 'deploy-checks'
  | 'deploy-endpoint'
  | 'update-endpoint'
  | 'update-checks'
  | 'follow-endpoint';

/**
 * What a phase's failure leaves unmade, said so nobody looks for a half-made Pod or endpoint:
 * `always` for the checks before any write (whatever stopped them), else only after a failure that
 * means RunPod did not act (no capacity, 402, 429 or not sent).
 */
const UNTOUCHED: Partial<Record<Phase, { sentence: string; always: boolean }>> = {
  'launch-checks': { sentence: ' Nothing was launched.', always: true },
  'deploy-checks': { sentence: ' Nothing was created.', always: true },
  'push-checks': { sentence: ' Nothing was changed.', always: true },
  'update-checks': { sentence: ' Nothing was changed.', always: true },
  'create-pod': { sentence: ' Nothing was created.', always: false },
  'deploy-endpoint': { sentence: ' Nothing was created.', always: false },
  'push-template': { sentence: ' Nothing was changed.', always: false },
  'update-endpoint': { sentence: ' Nothing was changed.', always: false },
};

/** The creates a wizard made (launch/ui/createRounds.ts): a refused one can be edited and sent again. */
const KEPT_FOR_EDIT: ReadonlySet<Phase> = new Set(['create-pod', 'deploy-endpoint']);

/** What a refused wizard create keeps (createRounds.ts keeps the answers whether or not it is retried). */
const KEPT_SENTENCE = ' Nothing was created; every choice is kept for Edit and Retry or the next run.';

/** A URL people use to add funds; opened only on the user's click. */
export const BILLING_URL = 'https://www.runpod.io/console/user/billing';

/**
 * Maps any thrown value to advice. Unknown errors get a generic sentence, never a stack. `subject`
 * names what a deploy was making (the endpoint's name, made safe by the caller's display), or the
 * action a Pod action tried (`stop`).
 */
export function adviceFor(error: unknown, phase: Phase, subject?: string): Advice {
  const advice = adviceAt(error, phase, lead(phase, subject));
  const untouched = UNTOUCHED[phase];
  return untouched?.always && !isClientChanged(error) ? { ...advice, message: beforeFieldList(advice.message, untouched.sentence) } : advice;
}

const FIX_FIELDS = ' Fix these fields:';

/** `message` with `sentence` added, before the "Fix these fields:" that introduces the details. */
function beforeFieldList(message: string, sentence: string): string {
  return message.endsWith(FIX_FIELDS) ? `${thenSentence(message.slice(0, -FIX_FIELDS.length), sentence)}${FIX_FIELDS}` : thenSentence(message, sentence);
}

function adviceAt(error: unknown, phase: Phase, lead: string): Advice {
  if (isClientChanged(error)) {
    // Nothing to retry or fix here: the flow must start again under the account now active.
    const message =
      phase === 'follow' || phase === 'follow-endpoint'
        ? `${lead}: ${error.to !== undefined ? `the active RunPod account changed to ${error.to}` : "the RunPod account's API key or the API URL changed"}; it belongs to account ${error.from}.`
        : error.message;
    return { message, details: [], actions: [], modal: false };
  }
  if (!isRunpodApiError(error)) {
    const text = error instanceof Error && error.message ? error.message : 'An unexpected error occurred.';
    return { message: `${lead}: ${text}`, details: [], actions: ['show-log'], modal: false };
  }
  const details = [...error.details];
  const fix = REMEDY_ACTION[errorKindFacts(error.kind)?.remedy ?? 'report'];
  switch (error.kind) {
    // The client's message already says what happened and what to do (runpod/messages.ts): a 429
    // with its wait, a request held back because a window is used up (no 429 happened), a 402.
    // The phase adds only what the request did not do, and which button fits.
    case 'no-capacity':
      return { message: withUntouched(`${lead}: ${error.message}`, phase), details, detailsInLogOnly: true, actions: phase === 'create-pod' ? [fix] : [], modal: false };
    case 'insufficient-balance':
    case 'rate-limited':
      // A create is never repeated blindly: Retry is the user's decision, after the wait.
      return { message: withUntouched(`${lead}: ${error.message}`, phase), details, actions: [fix], modal: false };
    case 'validation': {
      // The client's message says that RunPod rejected it (and RunPod's words); the field list is the details'.
      const message = details.length ? `${lead}: RunPod rejected the request.${FIX_FIELDS}` : `${lead}: ${error.message}`;
      // A wizard's create (createRounds.ts): RunPod made nothing (4xx), and its choices are kept either way.
      if (!KEPT_FOR_EDIT.has(phase)) return { message, details, actions: [fix], modal: true };
      return { message: beforeFieldList(message, KEPT_SENTENCE), details, actions: ['edit-retry', fix], modal: true };
    }
    case 'unauthorized':
    case 'forbidden':
      return { message: `${lead}: ${error.message}`, details, actions: [fix], modal: false };
    case 'timeout':
    case 'network':
    case 'server':
      return {
        message: `${lead}: ${error.message}`,
        details,
        // An ambiguous write must be checked before any retry: offer the Pods view, not Retry.
        actions: error.mayHaveSucceeded ? [...ambiguousCheck(phase), 'show-log'] : ['retry', 'show-log'],
        modal: false,
      };
    default:
      // A write RunPod accepted whose answer cannot be read (bad-response) may have acted: where to look first.
      return { message: `${lead}: ${error.message}`, details, actions: [...(error.mayHaveSucceeded ? ambiguousCheck(phase) : []), fix], modal: false };
  }
}

/**
 * Where to look after a write whose outcome is unknown (RunPod may have acted): the list it shows
 * in. A Pod action's is listed again first: the Pod the view shows is the one from before it.
 */
const AMBIGUOUS_CHECK: Partial<Record<Phase, AdviceAction>> = {
  'create-pod': 'open-pods',
  'pod-action': 'refresh-pods',
  'deploy-endpoint': 'open-endpoints',
  'update-endpoint': 'open-endpoints',
};

function ambiguousCheck(phase: Phase): AdviceAction[] {
  const check = AMBIGUOUS_CHECK[phase];
  return check ? [check] : [];
}

/** After a failure that means RunPod did not act: what the phase's request therefore did not do (UNTOUCHED). */
function withUntouched(message: string, phase: Phase): string {
  const untouched = UNTOUCHED[phase];
  return untouched && !untouched.always ? thenSentence(message, untouched.sentence) : message;
}

function lead(phase: Phase, subject: string | undefined): string {
  switch (phase) {
    case 'create-pod':
    case 'launch-checks':
      return 'Could not launch the Pod';
    case 'follow':
      return 'Could not follow the Pod (it was created)';
    case 'push-checks':
    case 'push-template':
      return 'Could not push the template';
    case 'pod-action':
      return `Could not ${subject ?? 'act on'} the Pod`;
    case 'deploy-checks':
    case 'deploy-endpoint':
      return subject !== undefined ? `Could not deploy endpoint ${subject}` : 'Could not deploy the endpoint';
    case 'update-endpoint':
    case 'update-checks':
      return 'Could not update the endpoint';
    case 'follow-endpoint':
      return 'Could not follow the endpoint (it carries on)';
    default:
      return 'RunPod request failed';
  }
}

/** The button for each fix (errorKinds.ts); the cases above decide when a phase offers it. */
const REMEDY_ACTION: Record<Remedy, AdviceAction> = {
  'set-key': 'set-api-key',
  'key-access': 'set-api-key',
  'check-config': 'show-log',
  'check-connection': 'retry',
  wait: 'retry',
  'add-funds': 'open-billing',
  'other-gpu': 'pick-another-gpu',
  'fix-request': 'show-log',
  refresh: 'show-log',
  retry: 'retry',
  report: 'show-log',
};

/** Labels of the buttons, shared by notifications and tests. */
export const ACTION_LABELS: Record<AdviceAction, string> = {
  'pick-another-gpu': 'Pick another GPU',
  'open-billing': 'Add funds',
  retry: 'Retry',
  'edit-retry': 'Edit and Retry',
  'show-log': 'Show Output',
  'set-api-key': 'Set API Key',
  'open-pods': 'Show Pods',
  'refresh-pods': 'Refresh Pods',
  'open-endpoints': 'Show Endpoints',
};
