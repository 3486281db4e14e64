import { describe, expect, it } from 'vitest';
import { parseLpJobId, parseLpstat } from '../../../main/host/cupsPrinters';

// Captured from CUPS 2.4 (Debian 12) with LC_ALL=C.
const ONE_IDLE_DEFAULT = `printer CUPS-PDF is idle.  enabled since Sat Nov 28 04:27:44 2026
system default destination: CUPS-PDF
`;

const DISABLED_WITH_REASON = `printer CUPS-PDF is idle.  enabled since Sat Nov 28 04:27:44 2026
printer Office_HP disabled since Sat Nov 28 04:27:48 2026 -
	Paper jam
system default destination: CUPS-PDF
`;

const LONG_FORMAT = `printer CUPS-PDF is idle.  enabled since Sat Nov 28 04:27:44 2026
	Form mounted:
	Content types: any
	Printer types: unknown
	Description: CUPS-PDF
	Alerts: none
	Location: 
	Connection: direct
	Interface: /etc/cups/ppd/CUPS-PDF.ppd
printer Office_HP disabled since Sat Nov 28 04:27:48 2026 -
	Paper jam
	Description: HP LaserJet 3楼
	Alerts: none
no system default destination
`;

const PRINTING = `printer Brother_HL now printing Brother_HL-57.  enabled since Fri 27 Nov 2026 09:12:03 AM CST
printer Lobby is holding new jobs.  enabled since Fri 27 Nov 2026 09:12:03 AM CST
printer Weird is in an unknown mood
system default destination: Lobby/duplex
`;

describe('parseLpstat (lpstat -p -d, C locale)', () => {
  it('an idle default printer', () => {
    expect(parseLpstat(ONE_IDLE_DEFAULT)).toEqual([{ name: 'CUPS-PDF', displayName: 'CUPS-PDF', isDefault: true, status: 'idle' }]);
  });

  it('"disabled" is offline; reason lines are skipped', () => {
    expect(parseLpstat(DISABLED_WITH_REASON)).toEqual([
      { name: 'CUPS-PDF', displayName: 'CUPS-PDF', isDefault: true, status: 'idle' },
      { name: 'Office_HP', displayName: 'Office_HP', isDefault: false, status: 'offline' },
    ]);
  });

  it('-l: the description becomes the display name; no default', () => {
    expect(parseLpstat(LONG_FORMAT)).toEqual([
      { name: 'CUPS-PDF', displayName: 'CUPS-PDF', isDefault: false, status: 'idle' },
      { name: 'Office_HP', displayName: 'HP LaserJet 3楼', isDefault: false, status: 'offline' },
    ]);
  });

  it('printing, holding, unknown; a default with an instance', () => {
    expect(parseLpstat(PRINTING)).toEqual([
      { name: 'Brother_HL', displayName: 'Brother_HL', isDefault: false, status: 'printing' },
      { name: 'Lobby', displayName: 'Lobby', isDefault: true, status: 'idle' },
      { name: 'Weird', displayName: 'Weird', isDefault: false, status: 'unknown' },
    ]);
  });

  it('no printers → an empty list', () => {
    expect(parseLpstat('no system default destination\n')).toEqual([]);
    expect(parseLpstat('')).toEqual([]);
  });
});

describe('parseLpJobId', () => {
  it('reads the request id', () => {
    expect(parseLpJobId('request id is CUPS-PDF-12 (1 file(s))\n')).toBe('CUPS-PDF-12');
    expect(parseLpJobId('request id is Office_HP-3 (0 file(s))')).toBe('Office_HP-3');
  });
  it('null when there is none', () => {
    expect(parseLpJobId('lp: Error - The printer or class does not exist.')).toBeNull();
    expect(parseLpJobId('')).toBeNull();
  });
});
