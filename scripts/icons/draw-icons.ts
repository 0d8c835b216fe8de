import type { RgbaImage } from '../png/encode-png';
import { insideKeyhole, insideShield, onLeftHalf } from './shield-glyph';

type Rgba = readonly [number, number, number, number];

/** The accent colour; manifest.json's accentColor is the same blue, so the icon and its tile match. */
export const ACCENT: Rgba = [0x1f, 0x4e, 0x79, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const PALE_BLUE: Rgba = [0xd6, 0xe6, 0xf5, 255];
const TRANSPARENT_WHITE: Rgba = [255, 255, 255, 0];

// 6×6 samples per pixel smooth the edges without an image library.
const SAMPLES = 6;

/**
 * Renders size×size pixels; `glyphBox` is the side of the square, centred, that the unit-square glyph is
 * drawn into, and `colourAt` picks a sample's colour from glyph coordinates (undefined = outside the box).
 */
function render(size: number, glyphBox: number, colourAt: (x: number, y: number) => Rgba): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const margin = (size - glyphBox) / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES - margin) / glyphBox;
          const y = (py + (sy + 0.5) / SAMPLES - margin) / glyphBox;
          const [cr, cg, cb, ca] = colourAt(x, y);
          // Weighting colour by alpha keeps transparent samples from darkening the edges.
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      pixels[i] = a === 0 ? 255 : Math.round(r / a);
      pixels[i + 1] = a === 0 ? 255 : Math.round(g / a);
      pixels[i + 2] = a === 0 ? 255 : Math.round(b / a);
      pixels[i + 3] = Math.round(a / (SAMPLES * SAMPLES));
    }
  }
  return { width: size, height: size, pixels };
}

/** 192×192, full colour on the accent blue; the glyph keeps inside Teams' 120px safe area. */
export function drawColorIcon(): RgbaImage {
  return render(192, 112, (x, y) => {
    if (!insideShield(x, y) || insideKeyhole(x, y)) return ACCENT;
    return onLeftHalf(x) ? WHITE : PALE_BLUE;
  });
}

/** 32×32, white glyph on a transparent background, as Teams requires of the outline icon. */
export function drawOutlineIcon(): RgbaImage {
  return render(32, 32, (x, y) => (insideShield(x, y) && !insideKeyhole(x, y) ? WHITE : TRANSPARENT_WHITE));
}
