import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { checkIcon } from '../../../scripts/package-app';
import { crc32 } from '../../../scripts/png/crc32';
import { encodePng, PNG_SIGNATURE } from '../../../scripts/png/encode-png';
import { decodeRgba, readPng } from '../../../scripts/png/read-png';
import { PROJECT_ROOT } from '../../../src/project-root';

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A PNG written the way other tools write them: any colour type, each row with its own filter. */
function pngWithFilters(
  width: number,
  height: number,
  colorType: number,
  channels: number,
  samples: Uint8Array,
  filters: number[],
): Buffer {
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const filter = filters[y % filters.length] as number;
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const at = (yy: number, xx: number) => (yy < 0 || xx < 0 ? 0 : (samples[yy * stride + xx] as number));
      const a = at(y, x - channels);
      const b = at(y - 1, x);
      const c = at(y - 1, x - channels);
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter] as number;
      raw[y * (stride + 1) + 1 + x] = (at(y, x) - predicted) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = colorType;
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 32×32 RGBA: a filled square of `glyph` colour on `background`. */
function square(
  glyph: [number, number, number, number],
  background: [number, number, number, number],
): Buffer {
  const pixels = new Uint8Array(32 * 32 * 4);
  for (let i = 0; i < 32 * 32; i++) {
    const x = i % 32;
    const y = Math.floor(i / 32);
    pixels.set(x >= 8 && x < 24 && y >= 8 && y < 24 ? glyph : background, i * 4);
  }
  return encodePng({ width: 32, height: 32, pixels });
}

const WHITE: [number, number, number, number] = [255, 255, 255, 255];
const CLEAR: [number, number, number, number] = [0, 0, 0, 0];

describe('the committed icons', () => {
  it('are a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const manifest = join(PROJECT_ROOT, 'manifest');
    expect(checkIcon('color', 'color.png', readFileSync(join(manifest, 'color.png')))).toEqual([]);
    expect(checkIcon('outline', 'outline.png', readFileSync(join(manifest, 'outline.png')))).toEqual([]);
  });
});

describe('icon checks', () => {
  it('accept a white glyph on transparent and refuse one at the wrong size', () => {
    expect(checkIcon('outline', 'outline.png', square(WHITE, CLEAR))).toEqual([]);
    expect(checkIcon('color', 'color.png', square(WHITE, CLEAR))).toEqual([
      'color.png: the color icon must be 192×192 pixels, it is 32×32',
    ]);
  });

  it('refuse an outline icon on an opaque background', () => {
    expect(checkIcon('outline', 'outline.png', square(WHITE, [255, 255, 255, 255]))).toEqual([
      'outline.png: the outline icon has no transparent pixels; its background must be transparent',
    ]);
  });

  it('refuse an outline icon drawn in a colour', () => {
    expect(checkIcon('outline', 'outline.png', square([31, 78, 121, 255], CLEAR))).toEqual([
      'outline.png: 256 visible pixels are not white; the outline icon must be white only',
    ]);
  });

  it('refuse an outline icon that shows nothing', () => {
    expect(checkIcon('outline', 'outline.png', square(CLEAR, CLEAR))).toEqual([
      'outline.png: the outline icon is fully transparent; it shows nothing',
    ]);
  });

  it('refuse an outline icon saved without an alpha channel', () => {
    const rgb = pngWithFilters(32, 32, 2, 3, new Uint8Array(32 * 32 * 3).fill(255), [0]);
    expect(checkIcon('outline', 'outline.png', rgb)).toEqual([
      'outline.png: the outline icon has no transparency (save it as a PNG with an alpha channel)',
    ]);
  });

  it('refuse a file that is not a PNG and a PNG damaged in transit', () => {
    expect(checkIcon('color', 'color.png', Buffer.from('GIF89a...'))).toEqual(['color.png: not a PNG file']);
    const damaged = Buffer.from(square(WHITE, CLEAR));
    damaged[20] = (damaged[20] as number) ^ 0xff; // inside IHDR's data
    expect(checkIcon('outline', 'outline.png', damaged)).toEqual([
      'outline.png: damaged PNG (bad CRC in chunk IHDR)',
    ]);
  });
});

describe('PNG reading', () => {
  it('undoes every row filter other tools use (None, Sub, Up, Average, Paeth)', () => {
    const width = 7;
    const height = 10;
    const samples = new Uint8Array(width * height * 4).map((_, i) => (i * 37 + (i >> 3) * 11) & 0xff);
    const png = pngWithFilters(width, height, 6, 4, samples, [0, 1, 2, 3, 4]);

    const read = readPng(png);
    if (!read.ok) throw new Error(read.reason);
    expect(decodeRgba(read.png)).toEqual({ width, height, pixels: samples });
  });

  it('reads grey+alpha as white where the grey is 255', () => {
    const samples = new Uint8Array(2 * 2 * 2).fill(255);
    samples[1] = 0;
    const read = readPng(pngWithFilters(2, 2, 4, 2, samples, [1]));
    if (!read.ok) throw new Error(read.reason);
    expect(Array.from(decodeRgba(read.png)!.pixels)).toEqual([
      255, 255, 255, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    ]);
  });
});
