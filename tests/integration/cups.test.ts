/**
 * Printing through CUPS in browser mode: a form rendered by headless Chromium is sent with the
 * browser-mode printer port (lp) to a CUPS-PDF queue, and the PDF that CUPS-PDF writes is
 * checked by page count, A4 page size and a page-image comparison with the PDF that was sent
 * (the printed copy's CJK text layer is re-encoded, so its text is not read).
 *
 * Needs CUPS with a CUPS-PDF queue (.ci/run sets it up):
 *   apt-get install -y cups printer-driver-cups-pdf && cupsd
 *   lpadmin -p CUPS-PDF -v cups-pdf:/ -E -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
 * Without lpstat this test fails (it does not skip).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPdfRenderer } from '../../main/host/chromiumPdf';
import { cupsPrinters } from '../../main/host/cupsPrinters';
import { countPdfPages } from '../../main/services/print';
import { renderFormHtml } from '../../shared/print/form';
import { FIXTURE_TODAY, VALID_VALUES } from '../fixtures/documents';
import { blockAverage, meanAbsDiff, pdfInfo, readPng, renderPagePng } from '../helpers/poppler';
import { tempDir } from '../helpers/tmp';

const QUEUE = process.env.PERMIT_DESK_CUPS_QUEUE || 'CUPS-PDF';
const WAIT_MS = 25_000;
/**
 * Ghostscript re-renders the glyphs (Type 3 bitmaps, lighter anti-aliasing): pages are compared
 * as 4×4 block averages. Same page ≈ 3; two different forms (license vs recruitment) ≈ 9.
 */
const MAX_IMAGE_DIFF = 5;
const BLOCK = 4;

const SETUP_HINT =
  'Install and start CUPS with a CUPS-PDF queue: apt-get install -y cups printer-driver-cups-pdf; cupsd; ' +
  `lpadmin -p ${QUEUE} -v cups-pdf:/ -E -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd (see .ci/run)`;

/** Where CUPS-PDF writes: the `Out` of /etc/cups/cups-pdf.conf (default ${HOME}/PDF), plus the usual fallbacks. */
function outputDirs(): string[] {
  const home = os.homedir();
  const user = os.userInfo().username;
  const dirs = new Set<string>();
  try {
    const conf = fs.readFileSync('/etc/cups/cups-pdf.conf', 'utf8');
    const out = /^\s*Out\s+(.+)$/m.exec(conf)?.[1]?.trim();
    if (out) dirs.add(out.replace(/\$\{HOME\}/g, home).replace(/\$\{USER\}/g, user));
  } catch {
    // no config: the defaults below
  }
  dirs.add(path.join(home, 'PDF'));
  dirs.add('/var/spool/cups-pdf/ANONYMOUS');
  dirs.add(path.join('/var/spool/cups-pdf', user));
  return [...dirs];
}

/** CUPS-PDF names its output `<title>-job_<n>.pdf`; wait until it is there and complete. */
async function waitForOutput(jobNumber: string): Promise<string> {
  const suffix = `-job_${jobNumber}.pdf`;
  const deadline = Date.now() + WAIT_MS;
  let lastSize = -1;
  while (Date.now() < deadline) {
    for (const dir of outputDirs()) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(dir);
      } catch {
        continue;
      }
      const name = names.find((n) => n.endsWith(suffix));
      if (!name) continue;
      const file = path.join(dir, name);
      const size = fs.statSync(file).size;
      // written completely once the size holds still and the file ends with %%EOF
      if (size > 0 && size === lastSize && fs.readFileSync(file).subarray(-1024).toString('latin1').includes('%%EOF')) return file;
      lastSize = size;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`CUPS-PDF wrote no *${suffix} within ${WAIT_MS / 1000} s in ${outputDirs().join(', ')}`);
}

const renderer = chromiumPdfRenderer();
const tmp = tempDir('permit-desk-cups-');
const printed: string[] = [];

beforeAll(() => {
  const probe = spawnSync('lpstat', ['-r'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (probe.error) throw new Error(`lpstat is not available (${probe.error.message}): CUPS is not installed. ${SETUP_HINT}`);
  if (!/scheduler is running/.test(probe.stdout)) throw new Error(`the CUPS scheduler is not running (${(probe.stdout + probe.stderr).trim()}). ${SETUP_HINT}`);
});

afterAll(async () => {
  await renderer.close();
  tmp.cleanup();
  for (const f of printed) fs.rmSync(f, { force: true });
});

describe('printing through CUPS (browser mode)', () => {
  it(`lists the ${QUEUE} queue`, async () => {
    const printers = await cupsPrinters().list();
    const queue = printers.find((p) => p.name === QUEUE);
    expect(queue, `no ${QUEUE} queue among ${JSON.stringify(printers)}. ${SETUP_HINT}`).toBeDefined();
    expect(queue?.status).not.toBe('offline');
  });

  it('prints a form: the printed PDF is A4, has the pages sent and looks like them', async () => {
    const pdf = await renderer.render(renderFormHtml('license', VALID_VALUES.license, { printedOn: FIXTURE_TODAY, reference: 'CUPSTEST' }));
    const sent = path.join(tmp.dir, 'sent.pdf');
    fs.writeFileSync(sent, pdf);

    const job = await cupsPrinters().print(pdf, QUEUE, `permit-desk-cups-test-${process.pid}`);
    expect(job).toMatch(new RegExp(`^${QUEUE}-\\d+$`));
    const out = await waitForOutput(job.slice(QUEUE.length + 1));
    printed.push(out);

    const info = pdfInfo(out);
    expect(info.pages).toBe(countPdfPages(pdf));
    expect(Math.abs(info.width - 595.28)).toBeLessThan(1.5);
    expect(Math.abs(info.height - 841.89)).toBeLessThan(1.5);

    const a = path.join(tmp.dir, 'sent.png');
    const b = path.join(tmp.dir, 'printed.png');
    renderPagePng(sent, a);
    renderPagePng(out, b);
    const diff = meanAbsDiff(blockAverage(readPng(a), BLOCK), blockAverage(readPng(b), BLOCK));
    expect(diff, `printed page differs from the sent one (mean |Δ| ${diff.toFixed(2)})`).toBeLessThan(MAX_IMAGE_DIFF);
  }, 60_000);

  it('a refused job and an unknown queue are plain messages', async () => {
    await expect(cupsPrinters().print(new Uint8Array([37, 80, 68, 70]), 'No_Such_Queue_PD', 'x')).rejects.toThrow(
      /^打印任务被拒绝：.* \/ The print job was refused: .*does not exist/,
    );
    await expect(cupsPrinters({ lp: '/nonexistent/lp' }).print(new Uint8Array([1]), QUEUE, 'x')).rejects.toThrow(
      '未找到 CUPS 打印命令 lp，请安装 CUPS / The CUPS print command lp was not found; install CUPS',
    );
    await expect(cupsPrinters({ lpstat: '/nonexistent/lpstat' }).list()).rejects.toThrow(/lpstat/);
  });
});
