import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../main/electron/window';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/dist/main/preload.cjs');
  const web = options.webPreferences ?? {};

  it('holds every security flag', () => {
    expect(web).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
    });
  });

  it('has no DevTools unless asked (development builds)', () => {
    expect(web.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
    // the security flags do not depend on the DevTools switch
    expect(mainWindowOptions('/p.cjs', { devTools: true }).webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
  });

  it('is hidden until ready-to-show, sized, titled and coloured', () => {
    expect(options.show).toBe(false);
    expect(options).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 680 });
    expect(options.title).toBe('Permit Desk 外国人和台港澳人员就业许可');
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });
});
