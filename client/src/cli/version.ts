/** The package version, for `--version` and the SARIF tool driver (esbuild inlines only this field). */
import { version } from '../../../package.json';

export const VERSION: string = version;
