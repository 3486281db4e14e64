/**
 * A cheap look at a JSON text before JSON.parse: how deep it nests and how many object keys and
 * array elements it holds. One pass over the bytes, no allocation, so that a message built to be
 * expensive (a million keys, a thousand levels) is refused before any parsing or validation.
 * Works on UTF-8 bytes: every byte JSON's structure uses is ASCII and never part of a multi-byte
 * character.
 */

export interface ShapeLimits {
  /** object keys plus array elements, counted over the whole message */
  maxItems: number;
  /** nesting of objects and arrays */
  maxDepth: number;
}

export type ShapeVerdict = { ok: true } | { ok: false; reason: 'depth' | 'items' };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/**
 * Counts containers and separators outside strings. A malformed text is not judged here
 * (JSON.parse refuses it next); only its cost is bounded.
 */
export function checkJsonShape(bytes: Uint8Array, limits: ShapeLimits): ShapeVerdict {
  let depth = 0;
  let items = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    switch (c) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_BRACE:
      case OPEN_BRACKET:
        if (++depth > limits.maxDepth) return { ok: false, reason: 'depth' };
        // the first member or element (an empty container over-counts by one: harmless)
        if (++items > limits.maxItems) return { ok: false, reason: 'items' };
        break;
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        depth--;
        break;
      case COMMA:
        if (++items > limits.maxItems) return { ok: false, reason: 'items' };
        break;
      default:
        break;
    }
  }
  return { ok: true };
}
