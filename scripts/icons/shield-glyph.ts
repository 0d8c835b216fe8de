/**
 * The Security Desk glyph, a shield with a keyhole, as geometry in a unit square (x right, y down, both
 * 0..1), so one definition draws both the 192px colour icon and the 32px outline icon.
 */
const CENTRE_X = 0.5;
const HALF_WIDTH = 0.4;
const TOP = 0.07;
const TOP_DIP = 0.05;
const SHOULDER = 0.46;
const BOTTOM = 0.95;

export function insideShield(x: number, y: number): boolean {
  const dx = Math.abs(x - CENTRE_X);
  if (dx > HALF_WIDTH || y > BOTTOM) return false;
  // The top edge dips slightly towards the middle, like a heater shield's.
  if (y < TOP + TOP_DIP * (1 - (dx / HALF_WIDTH) ** 2)) return false;
  if (y <= SHOULDER) return true;
  const t = (y - SHOULDER) / (BOTTOM - SHOULDER);
  return dx <= HALF_WIDTH * (1 - t ** 1.7);
}

const KEY_CENTRE_Y = 0.4;
const KEY_RADIUS = 0.105;
const KEY_STEM_BOTTOM = 0.7;

export function insideKeyhole(x: number, y: number): boolean {
  const dx = x - CENTRE_X;
  const dy = y - KEY_CENTRE_Y;
  if (dx * dx + dy * dy <= KEY_RADIUS * KEY_RADIUS) return true;
  if (y < KEY_CENTRE_Y || y > KEY_STEM_BOTTOM) return false;
  // The stem widens downwards, as a keyhole's does.
  const t = (y - KEY_CENTRE_Y) / (KEY_STEM_BOTTOM - KEY_CENTRE_Y);
  return Math.abs(dx) <= 0.045 + 0.03 * t;
}

/** Left half of the shield: the colour icon shades the right half to give the shield some depth. */
export function onLeftHalf(x: number): boolean {
  return x < CENTRE_X;
}
