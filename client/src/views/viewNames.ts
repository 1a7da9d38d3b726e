/**
 * The RunPod views by the names package.json gives them (contributes.views.runpod[].name), for a
 * message that sends the user to one: "in the Serverless view" named a view that does not exist.
 * The manifest test holds the two together.
 */
export const VIEW_NAMES = { 'runpod.secrets': 'Secrets', 'runpod.pods': 'Pods', 'runpod.endpoints': 'Endpoints' } as const;
