/**
 * The secret commands, registered in one call from activate(). One file per command; each exports
 * `register(services)` and pushes its disposables into the extension context.
 */
import type { Services } from '../services';
import * as copyReference from './copyReference';
import * as create from './create';
import * as createFromValue from './createFromValue';
import * as deleteSecret from './delete';
import * as editDescription from './editDescription';
import * as editValue from './editValue';
import * as insertReference from './insertReference';
import * as rename from './rename';
import * as rotate from './rotate';
import * as showHistory from './history';
import * as valueInput from './valueInput';
import * as view from './view';

/**
 * Registers Create, Edit Secret Value, Edit Description, View, Delete, Copy Reference, Insert
 * Reference, Rename, Rotate, Show History, the quick-fix command `runpod.secrets.createFromValue`
 * and the value box's From file… key (`runpod.secrets.valueFromFile`).
 */
export function registerSecretCommands(services: Services): void {
  for (const command of [create, createFromValue, editValue, editDescription, view, deleteSecret, copyReference, insertReference, rename, rotate, showHistory, valueInput]) {
    command.register(services);
  }
}
