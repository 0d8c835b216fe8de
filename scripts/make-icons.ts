/**
 * Writes manifest/color.png and manifest/outline.png from the shield glyph's geometry. Run it once after
 * changing the glyph (`npx ts-node --transpile-only scripts/make-icons.ts`) and commit the PNGs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/project-root';
import { drawColorIcon, drawOutlineIcon } from './icons/draw-icons';
import { encodePng } from './png/encode-png';

const manifestDir = join(PROJECT_ROOT, 'manifest');
for (const [file, image] of [
  ['color.png', drawColorIcon()],
  ['outline.png', drawOutlineIcon()],
] as const) {
  const path = join(manifestDir, file);
  writeFileSync(path, encodePng(image));
  console.log(`wrote ${path} (${image.width}×${image.height})`);
}
