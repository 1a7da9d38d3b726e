/**
 * Everything of Launch Pod in one call from activate(): the Launch Pod, Push Template and Pod
 * action commands, the Pods view, and the CodeLens on template files.
 */
import * as launchPod from '../commands/launchPod';
import * as podActions from '../commands/podActions';
import * as pushTemplate from '../commands/pushTemplate';
import type { Services } from '../services';
import { registerPodsView } from '../views/podsView';
import { registerCodeLens } from './codeLens';

/** Registers runpod.launchPod, runpod.pushTemplate, runpod.pods.{stop,start,terminate,refresh}, the Pods view and the CodeLens. */
export function registerLaunch(services: Services): void {
  launchPod.register(services);
  pushTemplate.register(services);
  podActions.register(services);
  registerPodsView(services);
  registerCodeLens(services.context);
}
