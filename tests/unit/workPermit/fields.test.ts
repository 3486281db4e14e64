import { describe, expect, it } from 'vitest';
import { WP_CIRCUMSTANCE_FIELDS, WP_KEYS, WP_POINTS_FIELDS, applicantFromValues, assessValues, readAge, readNumber } from '../../../shared/workPermit';

describe('the work-permit fields', () => {
  it('are keyed and labelled like shared/documents', () => {
    const keys = [...WP_POINTS_FIELDS, ...WP_CIRCUMSTANCE_FIELDS].map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of [...WP_POINTS_FIELDS, ...WP_CIRCUMSTANCE_FIELDS]) {
      expect(f.key).toMatch(/^wp\.[a-zA-Z0-9.]+$/);
      expect(f.label).toMatch(/\p{Script=Han}/u);
      expect(f.labelEn).not.toMatch(/\p{Script=Han}/u);
      if (f.type === 'select' || f.type === 'radio') expect(f.options?.length).toBeGreaterThan(1);
      if (f.hint) expect(f.hint).toContain(' / ');
    }
    expect(keys).toContain('wp.bonus.fortune500');
    expect(WP_KEYS.birthDate).toBe('person.birthDate');
  });
});

describe('reading a record', () => {
  it('numbers: empty is not entered, anything but a plain decimal is malformed', () => {
    expect(readNumber({}, 'wp.x')).toBeNull();
    expect(readNumber({ 'wp.x': '  ' }, 'wp.x')).toBeNull();
    expect(readNumber({ 'wp.x': ' 45.5 ' }, 'wp.x')).toBe(45.5);
    for (const bad of ['-5', '1e3', '0x10', '4,5', 'abc', '9'.repeat(70), '9'.repeat(300)]) expect(readNumber({ 'wp.x': bad }, 'wp.x')).toBeNaN();
  });

  it('age: whole years on the planned filing date, birthday included', () => {
    expect(readAge({ 'person.birthDate': '2001-03-02', 'wp.filingDate': '2027-03-01' })).toBe(25);
    expect(readAge({ 'person.birthDate': '2001-03-02', 'wp.filingDate': '2027-03-02' })).toBe(26);
    expect(readAge({ 'person.birthDate': '2001-03-02' })).toBeNull();
    expect(readAge({ 'person.birthDate': '2001-02-30', 'wp.filingDate': '2027-03-02' })).toBeNull();
  });

  it('so the age points turn on the birthday: 25 → 10, 26 → 15', () => {
    const at = (filing: string) => assessValues({ 'person.birthDate': '2001-03-02', 'wp.filingDate': filing }).points.items.find((i) => i.id === 'age')?.points;
    expect(at('2027-03-01')).toBe(10);
    expect(at('2027-03-02')).toBe(15);
  });

  it('options outside the lists read as not entered; a malformed number is reported, not scored', () => {
    const input = applicantFromValues({ 'wp.education': 'PhD', 'wp.region': '西部地区', 'wp.annualSalaryWan': '-3', 'wp.bonus.fortune500': 'yes' });
    expect(input.education).toBeNull();
    expect(input.region).toBe('西部地区');
    expect(input.bonus.fortune500).toBe(false);
    const salary = assessValues({ 'wp.annualSalaryWan': '-3' }).points.items[0];
    expect(salary?.points).toBe(0);
    expect(salary?.problem).toContain(' / ');
  });
});
