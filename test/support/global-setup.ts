import { setUpTree } from './transpiled-tree';

/** Once per jest run, before the workers start: the JavaScript tree the spawned bots run. */
export default function globalSetup(): void {
  setUpTree();
}
