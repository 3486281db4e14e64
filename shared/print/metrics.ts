/**
 * Text measurement for the print layout, without a browser: how wide a text is in the printouts'
 * faces (Latin in a Times-metric face — Times New Roman and Liberation Serif share their metrics —
 * Chinese full-width) and where it breaks into lines in a cell of a given width. The templates lay
 * every line out themselves, so a row's height and a page's content are known before Chromium sees
 * the HTML; the measurements err on the wide side (SAFETY) so that a line never wraps again.
 */

/** Advance widths of ASCII 0x20–0x7e in Times-Roman, in 1/1000 em. */
const TIMES_ASCII = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, // space … /
  500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // 0 … ?
  921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // @ … O
  556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // P … _
  333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // ` … o
  500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // p … ~
] as const;

/** Measured widths are multiplied by this before comparing with a cell: a margin for kerning and hinting. */
const SAFETY = 1.06;

/** 1 pt in mm. */
export const PT_MM = 25.4 / 72;

/** Whether a character is set full width (CJK ideographs, kana, full-width forms and punctuation). */
export function isFullWidth(cp: number): boolean {
  return cp >= 0x1100 && (cp <= 0x115f || cp >= 0x2e80);
}

/** Width of one character in 1/1000 em. */
function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x20 && cp <= 0x7e) return TIMES_ASCII[cp - 0x20] ?? 600;
  if (isFullWidth(cp)) return 1000;
  return 600;
}

/** Width of a text in mm at `pt` points, the safety margin included. */
export function textWidthMm(text: string, pt: number): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch);
  return (units / 1000) * pt * PT_MM * SAFETY;
}

/** A piece a line may not break inside: a Latin word, one CJK character, or a run of spaces. */
function tokens(paragraph: string): string[] {
  return paragraph.match(/[\s\u3000]+|[\u1100-\u115f\u2e80-\uffff]|[^\s\u3000\u1100-\u115f\u2e80-\uffff]+/gu) ?? [];
}

/** Characters that may not begin a line (they stay with the character before them). */
const NO_LINE_START = /^[，。、；：？！）》」』】〕,.;:?!)\]}%]$/u;

/** Longest text laid out (a stored value is far shorter: the schemas cap fields at 1000 characters). */
export const MAX_TEXT = 4000;

/**
 * The lines a text takes in a cell `widthMm` wide at `pt` points: paragraphs at the line breaks
 * of the text, each wrapped at spaces and between Chinese characters, a word longer than the line
 * broken where it must. Empty text → no line; an empty paragraph → an empty line. Linear in the
 * text's length; a text beyond MAX_TEXT characters is cut there.
 */
export function wrapLines(text: string, widthMm: number, pt: number): string[] {
  const lines: string[] = [];
  if (text.trim() === '') return lines;
  const width = Math.max(widthMm, pt * PT_MM * 2);
  const space = textWidthMm(' ', pt);
  const source = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  for (const paragraph of source.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    let used = 0;
    let pendingSpace = false;
    const push = () => {
      lines.push(line);
      line = '';
      used = 0;
      pendingSpace = false;
    };
    const append = (token: string, w: number) => {
      if (pendingSpace && line !== '') {
        line += ' ';
        used += space;
      }
      pendingSpace = false;
      line += token;
      used += w;
    };
    for (const token of tokens(paragraph.trim())) {
      if (/^[\s\u3000]+$/u.test(token)) {
        pendingSpace = line !== '';
        continue;
      }
      const w = textWidthMm(token, pt);
      if (used + (pendingSpace ? space : 0) + w <= width) {
        append(token, w);
        continue;
      }
      if (NO_LINE_START.test(token) && line !== '' && !pendingSpace) {
        // keep the punctuation with the character before it: carry that character over
        const chars = [...line];
        const last = chars.pop() ?? '';
        line = chars.join('');
        if (line.trim() !== '') push();
        else line = '';
        used = 0;
        append(last, textWidthMm(last, pt));
        append(token, w);
        continue;
      }
      if (line !== '') push();
      pendingSpace = false;
      if (w <= width) {
        append(token, w);
        continue;
      }
      // a word wider than the line: break it where it must
      for (const ch of token) {
        const cw = textWidthMm(ch, pt);
        if (line !== '' && used + cw > width) push();
        append(ch, cw);
      }
    }
    push();
  }
  return lines;
}
