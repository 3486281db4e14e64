/**
 * Hostile xlsx files for the import's tests and bench, written here byte by byte where exceljs
 * would not write them: a zip whose parts are given (stored or deflated, sizes declared honestly
 * or not), a zip bomb, and the 1,048,575-row workbook through exceljs's streaming writer.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export interface RawPart {
  name: string;
  /** the part's bytes, or chunks produced on demand (a bomb is never held in memory) */
  data: Buffer | (() => Iterable<Buffer>);
  /** store instead of deflate */
  stored?: boolean;
  /** the uncompressed size written in the zip's headers, when it should lie */
  declaredSize?: number;
}

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  method: number;
}

function localHeader(w: Written): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x0800, 6);
  h.writeUInt16LE(w.method, 8);
  h.writeUInt32LE(w.crc >>> 0, 14);
  h.writeUInt32LE(w.compressed, 18);
  h.writeUInt32LE(w.size, 22);
  h.writeUInt16LE(w.name.length, 26);
  return Buffer.concat([h, w.name]);
}

function centralHeader(w: Written): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(0x0800, 8);
  h.writeUInt16LE(w.method, 10);
  h.writeUInt32LE(w.crc >>> 0, 16);
  h.writeUInt32LE(w.compressed, 20);
  h.writeUInt32LE(w.size, 24);
  h.writeUInt16LE(w.name.length, 28);
  h.writeUInt32LE(w.offset, 42);
  return Buffer.concat([h, w.name]);
}

/** Writes a zip of `parts` to `file` (deflated as a stream: a bomb's few hundred MiB never sit in memory). */
export async function writeZip(file: string, parts: readonly RawPart[]): Promise<void> {
  const fd = fs.openSync(file, 'w');
  try {
    let offset = 0;
    const written: Written[] = [];
    for (const part of parts) {
      let crc = 0;
      let size = 0;
      const counted = function* () {
        for (const c of Buffer.isBuffer(part.data) ? [part.data] : part.data()) {
          crc = zlib.crc32(c, crc);
          size += c.length;
          yield c;
        }
      };
      const out: Buffer[] = [];
      if (part.stored) for (const c of counted()) out.push(c);
      else for await (const c of Readable.from(counted(), { objectMode: false }).pipe(zlib.createDeflateRaw({ level: 9 }))) out.push(c as Buffer);
      const data = Buffer.concat(out);
      const w: Written = { name: Buffer.from(part.name), crc, compressed: data.length, size: part.declaredSize ?? size, offset, method: part.stored ? 0 : 8 };
      const header = localHeader(w);
      fs.writeSync(fd, header);
      fs.writeSync(fd, data);
      offset += header.length + data.length;
      written.push(w);
    }
    const cd = Buffer.concat(written.map(centralHeader));
    fs.writeSync(fd, cd);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(written.length, 8);
    end.writeUInt16LE(written.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    fs.writeSync(fd, end);
  } finally {
    fs.closeSync(fd);
  }
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a one-sheet workbook around `sheet` (the worksheet XML part, given by the caller). */
export function workbookParts(sheet: RawPart, options: { subject?: string; sheetName?: string; sharedStrings?: RawPart } = {}): RawPart[] {
  const parts: RawPart[] = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${xmlEscape(options.sheetName ?? 'Sheet1')}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    sheet,
  ];
  if (options.subject !== undefined) {
    parts.push({
      name: 'docProps/core.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:subject>${xmlEscape(options.subject)}</dc:subject></cp:coreProperties>`,
      ),
    });
  }
  if (options.sharedStrings) parts.push(options.sharedStrings);
  return parts;
}

const SHEET_HEAD = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"><sheetData>`);
const SHEET_TAIL = Buffer.from('</sheetData></worksheet>');

/** A worksheet part of `count` copies of `row(i)` (an XML <row> element), produced in chunks. */
export function sheetOfRows(count: number, row: (i: number) => string): RawPart {
  return {
    name: 'xl/worksheets/sheet1.xml',
    data: function* () {
      yield SHEET_HEAD;
      for (let i = 0; i < count; i += 1000) {
        let s = '';
        for (let j = i; j < Math.min(count, i + 1000); j++) s += row(j);
        yield Buffer.from(s);
      }
      yield SHEET_TAIL;
    },
  };
}

/** `bytes` bytes of `fill`, in 1 MiB chunks. */
export function* filler(bytes: number, fill = ' '): Generator<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024, fill);
  for (let left = bytes; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
}

/**
 * The 1,048,575-row workbook of the report (rows 2 … 1,048,576, a name in each, under the header
 * `header`), written with exceljs's streaming writer: a few MB.
 */
export async function writeMillionRowXlsx(file: string, header: readonly string[], subject: string, rows = 1_048_575, sheetName = '外国人就业许可证书申请表'): Promise<void> {
  const out = fs.createWriteStream(file);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: false });
  wb.subject = subject;
  const ws = wb.addWorksheet(sheetName);
  ws.addRow([...header]).commit();
  const nameColumn = Math.max(0, header.indexOf('外文姓名'));
  for (let i = 0; i < rows; i++) {
    const values: string[] = [];
    values[nameColumn] = `SMITH ${i % 100}`;
    ws.addRow(values).commit();
    // let the zip catch up now and then (the writer does not push back)
    if (i % 5000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  ws.commit();
  await wb.commit();
  if (!out.closed) await once(out, 'close');
}
