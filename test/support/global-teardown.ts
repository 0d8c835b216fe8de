import { tearDownTree } from './transpiled-tree';

export default function globalTeardown(): void {
  tearDownTree();
}
