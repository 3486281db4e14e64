/**
 * 【导出】 of 人员名册: every person matching the roster page's search (all pages, the roster's
 * order) as xlsx, one sheet per person type with the person fields in form order, then the
 * current permit (number and expiry) and when the person was last changed.
 */
import type { FieldDef } from '../../../shared/documents/types';
import { exportTaskLabel } from '../../../shared/bridge/channels/data';
import { PERSON_TYPES, PERSON_TYPE_LABELS, personFields, type PersonType } from '../../../shared/roster/person';
import type { Core } from '../index';
import { rosterOf } from '../roster/handlers';
import { peopleOf } from '../roster/rosterService';
import { chinaDateTime } from './excelExport';
import { countryLabel } from './columns';
import { writeXlsxStreamed } from './xlsxWriter';

const PAGE = 500;

function cellText(field: FieldDef, value: string | undefined): string {
  if (!value) return '';
  // not 已上传, which on these pages means sent to the bureau
  if (field.type === 'photo') return '已附照片（见本系统） / photo attached (in the desk)';
  if (field.type === 'attachment') return '已附（见本系统） / attached (in the desk)';
  if (field.type === 'country') return countryLabel(value);
  return value;
}

/**
 * Writes the people matching the roster search to `destPath` as xlsx, streamed, one sheet after
 * the other. Who is exported (and each one's current permit) is fixed when the export starts;
 * each person is then read and written in turn (exportXlsx explains why).
 */
export async function exportRosterXlsx(
  core: Core,
  filter: { query: string; type?: PersonType | undefined },
  destPath: string,
): Promise<{ fileName: string; sizeBytes: number }> {
  const people = peopleOf(core);
  const roster = rosterOf(core);
  const chosen: { id: string; type: PersonType; permit: { number: string; expiry: string } | null }[] = [];
  for (let p = 1; ; p++) {
    const page = roster.list(filter.query, filter.type, p, PAGE);
    for (const r of page.rows) chosen.push({ id: r.id, type: r.type, permit: r.permit ? { number: r.permit.number, expiry: r.permit.expiry } : null });
    if (page.rows.length < PAGE) break;
  }
  const task = core.tasks.start(exportTaskLabel('人员名册'), chosen.length);
  try {
    let done = 0;
    const sizeBytes = await writeXlsxStreamed(destPath, { title: '人员名册' }, async (book) => {
      for (const type of PERSON_TYPES) {
        if (filter.type && filter.type !== type) continue;
        const fields = personFields(type);
        const sheet = book.sheet(PERSON_TYPE_LABELS[type], [
          { header: '序号', width: 8 },
          ...fields.map((f) => ({ header: f.label, width: Math.min(40, Math.max(12, f.label.length * 2 + 4)) })),
          { header: '就业证号码', width: 18 },
          { header: '就业证有效期至', width: 14 },
          { header: '修改时间', width: 18 },
        ]);
        let n = 0;
        for (const { id, permit } of chosen.filter((c) => c.type === type)) {
          const person = people.get(id);
          if (person) {
            n++;
            sheet.add([n, ...fields.map((f) => cellText(f, person.values[f.key])), permit?.number ?? '', permit?.expiry ?? '', chinaDateTime(person.updatedAt)]);
          }
          if (++done % PAGE === 0) {
            task.progress(done);
            await sheet.catchUp();
          }
        }
        sheet.done();
      }
      task.progress(done);
    });
    task.finish('done');
    const stamp = chinaDateTime(core.now().toISOString()).replace(/[-: ]/g, '');
    return { fileName: `人员名册-导出-${stamp.slice(0, 8)}-${stamp.slice(8)}.xlsx`, sizeBytes };
  } catch (e) {
    task.finish('failed');
    throw e;
  }
}
