import { describe, expect, it } from 'vitest';
import { checkBureauUrl, checkMinimumWage, checkSyncInterval, profileProblems, settingsProblems } from '../../../shared/settings/rules';

describe('settings rules (shared/settings/rules.ts)', () => {
  it('the bureau address: empty, https, or http to this computer only', () => {
    expect(checkBureauUrl('')).toBeNull();
    expect(checkBureauUrl('https://bureau.example.gov.cn/api')).toBeNull();
    expect(checkBureauUrl('http://127.0.0.1:47110')).toBeNull();
    expect(checkBureauUrl('http://localhost:8080')).toBeNull();
    expect(checkBureauUrl('http://[::1]:8080')).toBeNull();
    expect(checkBureauUrl('not a url')?.code).toBe('settings.url');
    expect(checkBureauUrl('http://bureau.example.gov.cn')?.code).toBe('settings.url.http');
    expect(checkBureauUrl('http://10.0.0.5')?.code).toBe('settings.url.http');
    expect(checkBureauUrl('ftp://bureau.example.gov.cn')?.code).toBe('settings.url');
    expect(checkBureauUrl('javascript:alert(1)')?.code).toBe('settings.url');
  });

  it('the sync interval and the minimum wage are refused, not clamped, when out of range', () => {
    expect(checkSyncInterval(0)?.message).toMatch(/1–1440/);
    expect(checkSyncInterval(1.5)).not.toBeNull();
    expect(checkSyncInterval(1)).toBeNull();
    expect(checkSyncInterval(1440)).toBeNull();
    expect(checkSyncInterval(1441)).not.toBeNull();
    expect(checkMinimumWage(-5)?.code).toBe('settings.minimumWage');
    expect(checkMinimumWage(1)).not.toBeNull();
    expect(checkMinimumWage(2500)).toBeNull();
    expect(settingsProblems({ bureauUrl: 'not a url', syncIntervalMinutes: 0, minimumWage: -5 })).toEqual({
      bureauUrl: expect.stringContaining('网址'),
      syncIntervalMinutes: expect.stringContaining('同步间隔'),
      minimumWage: expect.stringContaining('最低工资'),
    });
  });

  it('企业信息: a phone of 12345 and a USCC of 123 are refused; empty fields may wait', () => {
    const blank = { name: '', uscc: '', address: '', postcode: '', type: '', legalRep: '', contact: '', phone: '' };
    expect(profileProblems(blank)).toEqual({});
    const p = profileProblems({ ...blank, uscc: '123', phone: '12345', postcode: '51' });
    expect(Object.keys(p).sort()).toEqual(['phone', 'postcode', 'uscc']);
    expect(profileProblems({ ...blank, uscc: '91440106MA5CQ8R2X9', phone: '020-87654321', postcode: '510630' })).toEqual({});
  });
});
