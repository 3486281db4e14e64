/**
 * Page count of a PDF without a PDF library: the page objects (`/Type /Page`) are counted in
 * the file's text; when they sit in compressed object streams (not so in Chromium's PDFs), the
 * largest `/Count` of a page tree node is used instead.
 */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  if (pages > 0) return pages;
  let count = 0;
  for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)) {
    count = Math.max(count, Number(m[1] ?? m[2] ?? 0));
  }
  return count;
}
