import { describe, expect, it, vi } from 'vitest';
import type { PrinterInfo } from '../../../shared/bridge/contract';
import { ServiceError } from '../../../shared/bridge/envelope';
import type { DocumentKind } from '../../../shared/documents/types';
import type { RecordStatus } from '../../../shared/lifecycle';
import type { PdfRenderer, PrinterPort } from '../../../main/services/app';
import { countPdfPages, createPrintService, printHandlers, PRINT_MESSAGES, type PrintServiceDeps } from '../../../main/services/print';
import { FIXTURE_PROFILE, VALID_VALUES } from '../../fixtures/documents';

/** A tiny stand-in PDF with `pages` page objects. */
const fakePdf = (pages: number) =>
  new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj <</Type /Pages /Count ${pages}>> endobj\n` +
      Array.from({ length: pages }, (_, i) => `${i + 2} 0 obj <</Type /Page /Parent 1 0 R>> endobj\n`).join('') +
      '%%EOF',
  );

const printer = (name: string, status: PrinterInfo['status'] = 'idle', isDefault = false): PrinterInfo => ({ name, displayName: name, isDefault, status });

function setup(opts: { kind?: DocumentKind; status?: RecordStatus; printers?: PrinterInfo[] | null; refuse?: string; pdf?: PdfRenderer | null } = {}) {
  const kind = opts.kind ?? 'license';
  const render = vi.fn(async (_html: string) => fakePdf(2));
  const print = vi.fn(async (_pdf: Uint8Array, name: string, _title: string) => {
    if (opts.refuse) throw new Error(opts.refuse);
    return `${name}-7`;
  });
  const list = vi.fn(async () => opts.printers ?? []);
  let remembered: string | null = null;
  const deps: PrintServiceDeps = {
    records: {
      get: (id) => {
        if (id !== 'r1') throw new ServiceError('NOT_FOUND', '找不到该申请记录 / No application');
        return { id, kind, status: opts.status ?? 'approved', values: VALID_VALUES[kind], reviewedAt: '2026-12-03T02:00:00.000Z', certificateNo: null };
      },
    },
    pdf: opts.pdf === null ? undefined : (opts.pdf ?? { render }),
    printers: opts.printers === null ? undefined : ({ list, print } satisfies PrinterPort),
    remember: { get: () => remembered, set: (n) => (remembered = n) },
    profile: () => FIXTURE_PROFILE.name,
    now: () => new Date('2026-11-28T04:00:00Z'),
  };
  return { service: createPrintService(deps), render, print, list, remembered: () => remembered };
}

async function refusal(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ServiceError);
    return e as ServiceError;
  }
  throw new Error('expected a refusal');
}

const bilingual = (m: string) => expect(m).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);

describe('print service', () => {
  it('previews a form: base64 PDF, page count from the PDF, file name', async () => {
    const { service, render } = setup();
    const r = await service.preview('r1', 'form');
    expect(Buffer.from(r.pdfBase64, 'base64').toString('latin1')).toContain('%PDF-1.4');
    expect(r.pages).toBe(2);
    expect(r.fileName).toBe('外国人就业许可证书申请表-JOHN MICHAEL SMITH（史密斯）-2026-11-28.pdf');
    expect(render.mock.calls[0]?.[0]).toContain('《外国人就业许可证书》申请表');
  });

  it('the notice only once approved, never for recruitment', async () => {
    for (const status of ['draft', 'submitted', 'rejected'] as const) {
      const e = await refusal(setup({ status }).service.preview('r1', 'notice'));
      expect(e.code).toBe('INVALID_STATE');
      expect(e.message).toBe(PRINT_MESSAGES.noticeNotApproved);
      bilingual(e.message);
    }
    const e = await refusal(setup({ kind: 'recruitment' }).service.preview('r1', 'notice'));
    expect(e.code).toBe('INVALID_STATE');
    bilingual(e.message);
    const { service, render } = setup({ kind: 'hmt-permit' });
    await service.preview('r1', 'notice');
    expect(render.mock.calls[0]?.[0]).toContain('市或所在区（县级市）劳动就业服务管理机构');
  });

  it('a missing record is NOT_FOUND', async () => {
    expect((await refusal(setup().service.preview('nope', 'form'))).code).toBe('NOT_FOUND');
  });

  it('no PDF renderer → a plain message', async () => {
    const e = await refusal(setup({ pdf: null }).service.preview('r1', 'form'));
    expect(e.code).toBe('NOT_AVAILABLE');
    bilingual(e.message);
  });

  it('a failing renderer → a plain message', async () => {
    const pdf: PdfRenderer = { render: async () => Promise.reject(new Error('Target closed')) };
    const e = await refusal(setup({ pdf }).service.preview('r1', 'form'));
    expect(e.code).toBe('NOT_AVAILABLE');
    expect(e.message).toContain('Target closed');
    bilingual(e.message);
  });

  it('lists printers with the remembered one (only while it still exists)', async () => {
    const t = setup({ printers: [printer('A', 'idle', true), printer('B')] });
    expect(await t.service.printers()).toEqual({ printers: [printer('A', 'idle', true), printer('B')], remembered: null });
    await t.service.print('r1', 'form', 'B');
    expect((await t.service.printers()).remembered).toBe('B');
    const gone = setup({ printers: [printer('A')] });
    await gone.service.print('r1', 'form', 'A');
    expect((await gone.service.printers()).remembered).toBe('A');
  });

  it('prints and remembers the printer after a successful job', async () => {
    const t = setup({ printers: [printer('CUPS-PDF')] });
    expect(await t.service.print('r1', 'form', 'CUPS-PDF')).toEqual({ job: 'CUPS-PDF-7', printer: 'CUPS-PDF' });
    expect(t.remembered()).toBe('CUPS-PDF');
    expect(t.print.mock.calls[0]?.[2]).toBe('外国人就业许可证书申请表-JOHN MICHAEL SMITH（史密斯）-2026-11-28');
  });

  it('no printer at all: the plain message', async () => {
    for (const printers of [[], null]) {
      const e = await refusal(setup({ printers }).service.print('r1', 'form', 'X'));
      expect(e.code).toBe('NOT_AVAILABLE');
      expect(e.message).toBe('没有可用的打印机，请先在系统中添加打印机 / No printer is available; add one in the system settings first');
    }
  });

  it('an unknown printer, an offline printer, a refused job: each said plainly; nothing remembered', async () => {
    const unknown = setup({ printers: [printer('A')] });
    const e1 = await refusal(unknown.service.print('r1', 'form', 'B'));
    expect(e1.code).toBe('INVALID_INPUT');
    bilingual(e1.message);

    const offline = setup({ printers: [printer('A', 'offline')] });
    const e2 = await refusal(offline.service.print('r1', 'form', 'A'));
    expect(e2.code).toBe('NOT_AVAILABLE');
    expect(e2.message).toContain('脱机');
    bilingual(e2.message);
    expect(offline.print).not.toHaveBeenCalled();

    const refused = setup({ printers: [printer('A')], refuse: '打印任务被拒绝：Destination "A" is not accepting jobs. / The print job was refused: Destination "A" is not accepting jobs.' });
    const e3 = await refusal(refused.service.print('r1', 'form', 'A'));
    expect(e3.code).toBe('NOT_AVAILABLE');
    expect(e3.message).toContain('not accepting jobs');
    bilingual(e3.message);
    expect(refused.remembered()).toBeNull();
  });

  it('a failing printer list is a plain refusal', async () => {
    const t = setup({ printers: [] });
    t.list.mockRejectedValueOnce(new Error('CUPS 打印服务未运行 / The CUPS print service is not running'));
    const e = await refusal(t.service.printers());
    expect(e.code).toBe('NOT_AVAILABLE');
    expect(e.message).toBe('CUPS 打印服务未运行 / The CUPS print service is not running');
  });

  it('printHandlers answers the three channels', async () => {
    const t = setup({ printers: [printer('A')] });
    const h = printHandlers(t.service);
    expect((await h['print:preview']({ id: 'r1', document: 'form' })).pages).toBe(2);
    expect((await h['print:printers']({})).printers).toHaveLength(1);
    expect(await h['print:print']({ id: 'r1', document: 'notice', printer: 'A' })).toEqual({ job: 'A-7', printer: 'A' });
  });
});

describe('countPdfPages', () => {
  it('counts page objects, not the page tree', () => {
    expect(countPdfPages(fakePdf(1))).toBe(1);
    expect(countPdfPages(fakePdf(3))).toBe(3);
  });
  it('falls back to the page tree count when pages are in object streams', () => {
    expect(countPdfPages(new TextEncoder().encode('%PDF-1.5\n<< /Type /Pages /Kids [] /Count 4 >>'))).toBe(4);
  });
});

describe('refusal messages', () => {
  it('a bilingual port message keeps its two halves, prefixed with the printer', () => {
    expect(PRINT_MESSAGES.jobRefused('A', '打印任务被拒绝：x / The print job was refused: x')).toBe(
      '打印机「A」：打印任务被拒绝：x / Printer "A": The print job was refused: x',
    );
    expect(PRINT_MESSAGES.jobRefused('A', 'boom')).toBe('打印机「A」未接受打印任务：boom / The printer "A" refused the print job: boom');
  });

  it('the notice state is checked before the printers', async () => {
    const e = await refusal(setup({ status: 'draft', printers: [] }).service.print('r1', 'notice', 'A'));
    expect(e.code).toBe('INVALID_STATE');
  });
});
