/** Registering entered values with the log's redactor. */
import type { RunpodLog } from '../services';

/**
 * Registers a value the user entered so the log never writes it. A multi-line value (a key, a
 * certificate) also registers each substantial line, since an error could quote just one line.
 */
export function registerSensitive(log: RunpodLog, value: string): void {
  if (value.length === 0) return;
  log.addSensitive(value);
  if (!/[\r\n]/.test(value)) return;
  for (const line of value.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.length >= 8) log.addSensitive(trimmed);
  }
}
