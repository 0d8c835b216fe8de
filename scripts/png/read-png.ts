import { inflateSync } from 'node:zlib';
import { crc32 } from './crc32';
import { PNG_SIGNATURE, type RgbaImage } from './encode-png';

export interface PngFile {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
  interlaced: boolean;
  /** A tRNS chunk: how palette, grey and RGB images mark transparent colours. */
  hasTransparencyChunk: boolean;
  imageData: Buffer;
}

export type ReadPngResult = { ok: true; png: PngFile } | { ok: false; reason: string };

const VALID_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** Reads a PNG's chunks (checking every CRC) without decoding pixels; any damage is a reason, not a throw. */
export function readPng(bytes: Buffer): ReadPngResult {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE))
    return { ok: false, reason: 'not a PNG file' };
  let offset = 8;
  let header: Omit<PngFile, 'hasTransparencyChunk' | 'imageData'> | undefined;
  let hasTransparencyChunk = false;
  const idat: Buffer[] = [];
  let ended = false;
  while (!ended) {
    if (offset + 12 > bytes.length) return { ok: false, reason: 'truncated PNG (no IEND chunk)' };
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length) return { ok: false, reason: `truncated PNG (chunk ${type} runs past the end)` };
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length)) {
      return { ok: false, reason: `damaged PNG (bad CRC in chunk ${type})` };
    }
    if (!header && type !== 'IHDR') return { ok: false, reason: 'damaged PNG (IHDR is not the first chunk)' };
    if (type === 'IHDR') {
      if (length !== 13) return { ok: false, reason: 'damaged PNG (IHDR has the wrong length)' };
      header = {
        width: data.readUInt32BE(0),
        height: data.readUInt32BE(4),
        bitDepth: data[8] as number,
        colorType: data[9] as number,
        interlaced: data[12] === 1,
      };
      if (!VALID_DEPTHS[header.colorType]?.includes(header.bitDepth)) {
        return {
          ok: false,
          reason: `damaged PNG (colour type ${header.colorType} at bit depth ${header.bitDepth})`,
        };
      }
    } else if (type === 'tRNS') hasTransparencyChunk = true;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    offset = end;
  }
  if (!header) return { ok: false, reason: 'damaged PNG (no IHDR chunk)' };
  if (idat.length === 0) return { ok: false, reason: 'damaged PNG (no image data)' };
  return { ok: true, png: { ...header, hasTransparencyChunk, imageData: Buffer.concat(idat) } };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Decodes the pixels of an 8-bit, non-interlaced grey, grey+alpha, RGB or RGBA PNG into RGBA; other
 * layouts (palette, 16-bit, interlaced) give undefined, and callers fall back to header-level checks.
 */
export function decodeRgba(png: PngFile): RgbaImage | undefined {
  const channels = CHANNELS[png.colorType];
  if (channels === undefined || png.bitDepth !== 8 || png.interlaced || png.hasTransparencyChunk)
    return undefined;
  const { width, height } = png;
  const stride = width * channels;
  let raw: Buffer;
  try {
    raw = inflateSync(png.imageData);
  } catch {
    return undefined;
  }
  if (raw.length < (stride + 1) * height) return undefined;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const source = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const value = raw[source + x] as number;
      const left = x >= channels ? (rows[row + x - channels] as number) : 0;
      const up = y > 0 ? (rows[row - stride + x] as number) : 0;
      const upLeft = y > 0 && x >= channels ? (rows[row - stride + x - channels] as number) : 0;
      let predicted: number;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) predicted = paeth(left, up, upLeft);
      else return undefined;
      rows[row + x] = (value + predicted) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    const grey = channels <= 2;
    pixels[i * 4] = rows[s] as number;
    pixels[i * 4 + 1] = rows[grey ? s : s + 1] as number;
    pixels[i * 4 + 2] = rows[grey ? s : s + 2] as number;
    pixels[i * 4 + 3] =
      channels === 2 ? (rows[s + 1] as number) : channels === 4 ? (rows[s + 3] as number) : 255;
  }
  return { width, height, pixels };
}
