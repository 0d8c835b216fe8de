import { decodeRgba, readPng } from '../png/read-png';

export type IconRole = 'color' | 'outline';

const SIZE: Record<IconRole, number> = { color: 192, outline: 32 };
// Anti-aliased edges stay white with partial alpha, so "white" allows only a hair of rounding.
const WHITE_MIN = 250;

function outlinePixelProblems(file: string, pixels: Uint8Array): string[] {
  let transparent = 0;
  let visible = 0;
  let notWhite = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const alpha = pixels[i + 3] as number;
    if (alpha === 0) {
      transparent++;
      continue;
    }
    visible++;
    if (
      (pixels[i] as number) < WHITE_MIN ||
      (pixels[i + 1] as number) < WHITE_MIN ||
      (pixels[i + 2] as number) < WHITE_MIN
    ) {
      notWhite++;
    }
  }
  const problems: string[] = [];
  if (transparent === 0)
    problems.push(`${file}: the outline icon has no transparent pixels; its background must be transparent`);
  if (visible === 0) problems.push(`${file}: the outline icon is fully transparent; it shows nothing`);
  if (notWhite > 0)
    problems.push(`${file}: ${notWhite} visible pixels are not white; the outline icon must be white only`);
  return problems;
}

/**
 * Teams' icon rules: colour 192×192; outline 32×32, white on a transparent background. Size and
 * transparency come from the PNG header; the white-only rule is checked on the pixels when they are in a
 * layout we decode (8-bit, non-interlaced), which is what design tools export for icons.
 */
export function checkIcon(role: IconRole, file: string, bytes: Buffer): string[] {
  const read = readPng(bytes);
  if (!read.ok) return [`${file}: ${read.reason}`];
  const { png } = read;
  const size = SIZE[role];
  const problems: string[] = [];
  if (png.width !== size || png.height !== size) {
    problems.push(
      `${file}: the ${role} icon must be ${size}×${size} pixels, it is ${png.width}×${png.height}`,
    );
  }
  if (role === 'outline') {
    const hasAlpha = png.colorType === 4 || png.colorType === 6 || png.hasTransparencyChunk;
    if (!hasAlpha) {
      problems.push(`${file}: the outline icon has no transparency (save it as a PNG with an alpha channel)`);
    } else {
      const image = decodeRgba(png);
      if (image) problems.push(...outlinePixelProblems(file, image.pixels));
    }
  }
  return problems;
}
