/** Scripted answers of Launch Pod's steps after the template: no env file, RTX 4090 × 1 on Community, named `name`, Launch. */
import { fake as editor, ui } from './vscodeFake';

export function scriptLaunchAfterTemplate(name: string): void {
  ui.quickPickScript.push(
    (p) => p.choose(/No env file/),
    (p) => p.choose(/Continue/),
  );
  scriptLaunchFromGpu(name);
}

/** The steps from the GPU on: RTX 4090 × 1 on Community, named `name`, Launch. */
export function scriptLaunchFromGpu(name: string): void {
  ui.quickPickScript.push(
    (p) => p.choose(/RTX 4090/),
    (p) => p.choose(/^1\b/),
    (p) => p.choose(/Community/),
    (p) => p.choose(/Launch/),
  );
  editor.inputScript.push((box) => {
    box.type(name);
    box.accept();
  });
}
