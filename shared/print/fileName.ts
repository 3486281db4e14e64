/** The file name a printout is saved under (另存为PDF) and the job title it is printed with. */

/** Characters no file system accepts in a name, and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/**
 * `外国人就业许可证书申请表-JOHN MICHAEL SMITH-2026-11-28.pdf`: the title without 《》, the
 * person, the date; unsafe characters replaced, at most 120 characters before `.pdf`.
 */
export function printFileName(title: string, person: string, date: string): string {
  const parts = [title.replace(/[《》]/g, ''), person, date]
    .map((p) => p.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
  const base = parts.join('-').replace(/^\.+/, '').slice(0, 120) || 'permit-desk';
  return `${base}.pdf`;
}
