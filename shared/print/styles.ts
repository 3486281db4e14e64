/**
 * The look shared by every printout: A4 portrait, Chinese in a 宋体 (Song/Ming) face and Latin
 * letters and digits in a Times-like face, as Chinese official forms set them; black rules, and the
 * page footer the PDF renderers stamp on every page.
 */

/**
 * Chinese: a 宋体 (Song/Ming) face — Windows (SimSun), macOS (Songti SC), Linux (AR PL UMing, then
 * Noto Serif CJK), Adobe's name, then any serif. UMing comes before Noto on Linux because it is
 * the closer match to SimSun and because Chromium's PDF step embeds its TrueType outlines faster
 * than Noto's CFF ones (about 30 ms a document; `npm run bench`).
 * Body text uses the regular weight; titles in 黑体 (TITLE_STACK).
 */
export const CJK_STACK = `"SimSun","宋体","Songti SC","AR PL UMing CN","Noto Serif CJK SC","Noto Serif CJK","Source Han Serif SC",serif`;
/**
 * Every printed text: Latin letters and digits in a Times-like face where there is one; Chromium
 * falls back glyph by glyph, so Chinese comes from CJK_STACK.
 */
export const FONT_STACK = `"Times New Roman","Liberation Serif","Nimbus Roman",${CJK_STACK}`;

/**
 * Titles and area heads in 黑体, the bold face of Chinese official print: SimHei on Windows, Heiti
 * on macOS, Droid Sans Fallback on Linux, each a TrueType face Chromium embeds cheaply (then the
 * body's faces). Not font-weight: 宋体 has no bold, and both a synthesized bold and Noto's CFF bold
 * are embedded by Chromium's PDF step as Type 3 glyphs: four times the file, ~150 ms a document.
 */
export const TITLE_STACK = `"SimHei","黑体","Heiti SC","STHeiti","Droid Sans Fallback",${CJK_STACK}`;

/** Page margins in millimetres (the footer sits in the bottom margin). */
export const PAGE_MARGINS_MM = { top: 12, right: 15, bottom: 15, left: 15 } as const;

/** The same margins as CSS lengths, for Playwright's `page.pdf({ margin })`. */
export const PAGE_MARGINS_CSS = {
  top: `${PAGE_MARGINS_MM.top}mm`,
  right: `${PAGE_MARGINS_MM.right}mm`,
  bottom: `${PAGE_MARGINS_MM.bottom}mm`,
  left: `${PAGE_MARGINS_MM.left}mm`,
} as const;

/** The same margins in inches, for Electron's `printToPDF({ margins })`. */
export const PAGE_MARGINS_INCH = {
  top: PAGE_MARGINS_MM.top / 25.4,
  right: PAGE_MARGINS_MM.right / 25.4,
  bottom: PAGE_MARGINS_MM.bottom / 25.4,
  left: PAGE_MARGINS_MM.left / 25.4,
} as const;

/** Chromium's header template: empty (the title is part of the page itself). */
export const PAGE_HEADER_TEMPLATE = '<span></span>';

/**
 * Chromium's footer template (Playwright `page.pdf`, Electron `printToPDF`): 第 N 页 共 M 页.
 * Chromium fills the pageNumber and totalPages spans; templates need explicit font sizes.
 */
export const PAGE_FOOTER_TEMPLATE =
  `<div style="width:100%;margin:0 15mm;font-size:8pt;line-height:1;text-align:center;color:#000;` +
  `font-family:${FONT_STACK.replace(/"/g, "'")};">` +
  '第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>';

/** CSS every printout starts with. */
export const BASE_CSS = `
@page { size: A4 portrait; margin: ${PAGE_MARGINS_CSS.top} ${PAGE_MARGINS_CSS.right} ${PAGE_MARGINS_CSS.bottom} ${PAGE_MARGINS_CSS.left}; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; }
h1, h2, h3, th, b, strong { font-weight: normal; }
.doc-title, .title-bold { font-family: ${TITLE_STACK}; font-weight: normal; }
body {
  font-family: ${FONT_STACK};
  font-size: 10pt; line-height: 1.3; color: #000;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
  overflow-wrap: anywhere; word-break: normal;
}
.en { font-size: 6.5pt; line-height: 1.15; color: #222; }
.doc-title { text-align: center; font-size: 17pt; letter-spacing: 1pt; margin: 0; line-height: 1.3; }
.doc-title-en { text-align: center; font-size: 9pt; margin: 0.5mm 0 0; }
.doc-meta { display: flex; justify-content: space-between; align-items: flex-end; font-size: 8.5pt; margin: 2.5mm 0 1.2mm; }
.doc-meta .en { font-size: 6.5pt; }
`;
