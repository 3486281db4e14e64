import { describe, expect, it } from 'vitest';
import {
  MATERIALS,
  PROCEDURES,
  WORK_PERMIT_PROCEDURES,
  addMonthsClamped,
  buildChecklist,
  checklistInputFromValues,
  materialCommitmentKey,
  materialIssuedKey,
  materialKey,
  validityOn,
  type ChecklistInput,
  type MaterialAttachment,
  type MaterialId,
} from '../../../shared/workPermit';

const FILING = '2027-03-01';

/** Everything the procedure lists, attached; validity documents issued on `issuedOn`. */
function allAttached(procedure: ChecklistInput['procedure'], issuedOn = '2027-01-10'): Partial<Record<MaterialId, MaterialAttachment>> {
  return Object.fromEntries(PROCEDURES[procedure].materials.map((id) => [id, { attached: true, issuedOn }]));
}

const item = (input: ChecklistInput, id: MaterialId) => {
  const found = buildChecklist(input).items.find((i) => i.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};

describe('6 months from issue, counted like 《民法典》 第二百零一、二百零二条', () => {
  it.each([
    ['2026-12-16', '2027-06-16'], // same day six months on
    ['2026-08-31', '2027-02-28'], // no 31 February: the month's last day
    ['2027-08-31', '2028-02-29'], // leap year
    ['2026-08-30', '2027-02-28'],
    ['2026-03-31', '2026-09-30'],
    ['2026-07-15', '2027-01-15'], // across the year
    ['2026-02-28', '2026-08-28'],
  ])('issued %s → good until %s', (issued, until) => {
    expect(addMonthsClamped(issued, 6)).toBe(until);
  });

  it('adds and subtracts any whole number of months', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonthsClamped('2026-01-15', -13)).toBe('2024-12-15');
    expect(() => addMonthsClamped('2026-02-30', 6)).toThrow(RangeError);
    expect(() => addMonthsClamped('2026-01-01', 1.5)).toThrow(RangeError);
  });

  it('issued 2026-08-31: still good on 2027-02-28, lapsed on 2027-03-01', () => {
    expect(validityOn('2026-08-31', '2027-02-28')).toEqual({ validUntil: '2027-02-28', lapsedOn: '2027-03-01', valid: true });
    expect(validityOn('2026-08-31', '2027-03-01').valid).toBe(false);
  });

  it('issued 2026-12-16: good on 2027-06-16 (within 6 months includes the day), lapsed on 2027-06-17', () => {
    expect(validityOn('2026-12-16', '2027-06-16').valid).toBe(true);
    expect(validityOn('2026-12-16', '2027-06-17')).toEqual({ validUntil: '2027-06-16', lapsedOn: '2027-06-17', valid: false });
  });
});

describe('the lists per procedure', () => {
  it.each([
    ['notice', ['applicationForm', 'workExperience', 'highestDegree', 'criminalRecord', 'healthCheck', 'contract', 'passport', 'photo']],
    ['permit', ['applicationForm', 'workPermitNotice', 'passport', 'visaEntry', 'healthCheck', 'photo']],
    ['extension', ['applicationForm', 'currentPermit', 'contract', 'passport', 'residencePermit', 'healthCheck']],
    ['change', ['applicationForm', 'currentPermit', 'changeProof']],
    ['cancellation', ['applicationForm', 'currentPermit', 'terminationProof']],
    ['reissue', ['applicationForm', 'lossStatement', 'lossNotice']],
  ] as const)('%s', (procedure, ids) => {
    const list = buildChecklist({ procedure, category: 'B', filingDate: FILING, attachments: {} });
    expect(list.items.map((i) => i.id)).toEqual(ids);
    expect(list.items.every((i) => i.state === 'missing')).toBe(true);
    expect(list.counts).toEqual({ missing: ids.length, attached: 0, expired: 0 });
    expect(list.complete).toBe(false);
  });

  it('covers the six procedures, each with its own form title', () => {
    expect(WORK_PERMIT_PROCEDURES).toEqual(['notice', 'permit', 'extension', 'change', 'cancellation', 'reissue']);
    const form = (procedure: ChecklistInput['procedure']) => item({ procedure, category: null, filingDate: FILING, attachments: {} }, 'applicationForm').label;
    expect(form('extension')).toBe('外国人来华工作许可延期申请表');
    expect(form('reissue')).toBe('外国人工作许可证补办申请表');
  });

  it('circumstances add their items: family members, a new passport number', () => {
    const notice = buildChecklist({ procedure: 'notice', category: 'B', filingDate: FILING, attachments: {}, circumstances: { familyAccompanying: true } });
    expect(notice.items.at(-1)?.id).toBe('family');
    const change = buildChecklist({ procedure: 'change', category: 'B', filingDate: FILING, attachments: {}, circumstances: { passportChanged: true } });
    expect(change.items.at(-1)?.label).toBe('新旧护照信息页');
  });

  it('everything attached and in date is complete', () => {
    for (const procedure of WORK_PERMIT_PROCEDURES) {
      const list = buildChecklist({ procedure, category: 'B', filingDate: FILING, attachments: allAttached(procedure) });
      expect(list.complete, procedure).toBe(true);
      expect(list.counts.attached, procedure).toBe(list.items.length);
    }
  });
});

describe('无犯罪记录证明 and 体检证明 on the planned filing date', () => {
  it('a certificate of no criminal record issued 2026-08-31 is expired on 2027-03-01, with the date it lapsed', () => {
    const attachments = { ...allAttached('notice'), criminalRecord: { attached: true, issuedOn: '2026-08-31' } };
    const list = buildChecklist({ procedure: 'notice', category: 'B', filingDate: '2027-03-01', attachments });
    const crime = list.items.find((i) => i.id === 'criminalRecord');
    expect(crime).toMatchObject({ state: 'expired', issuedOn: '2026-08-31', validUntil: '2027-02-28', lapsedOn: '2027-03-01' });
    expect(crime?.message).toBe(
      '无犯罪记录证明签发于 2026-08-31，有效期至 2027-02-28，已于 2027-03-01 失效：请重新开具 / Issued 2026-08-31, valid until 2027-02-28, lapsed on 2027-03-01: obtain a new one',
    );
    expect(list.counts.expired).toBe(1);
    expect(list.complete).toBe(false);
    // a day earlier it is fine
    expect(item({ procedure: 'notice', category: 'B', filingDate: '2027-02-28', attachments }, 'criminalRecord').state).toBe('attached');
  });

  it('a health certificate for an extension lapses the same way', () => {
    const attachments = { ...allAttached('extension'), healthCheck: { attached: true, issuedOn: '2026-09-01' } };
    expect(item({ procedure: 'extension', category: 'B', filingDate: '2027-03-01', attachments }, 'healthCheck').state).toBe('attached');
    expect(item({ procedure: 'extension', category: 'B', filingDate: '2027-03-02', attachments }, 'healthCheck')).toMatchObject({
      state: 'expired',
      lapsedOn: '2027-03-02',
    });
  });

  it('documents without a validity never expire', () => {
    const attachments = { ...allAttached('notice', '2000-01-01') };
    expect(item({ procedure: 'notice', category: 'B', filingDate: FILING, attachments }, 'contract').state).toBe('attached');
  });

  it('no date of issue, or one after the filing date, is attached but asks to be checked', () => {
    const noDate = item({ procedure: 'notice', category: 'B', filingDate: FILING, attachments: { criminalRecord: { attached: true } } }, 'criminalRecord');
    expect(noDate.state).toBe('attached');
    expect(noDate.message).toContain('请填写无犯罪记录证明的签发日期');
    const later = item({ procedure: 'notice', category: 'B', filingDate: FILING, attachments: { criminalRecord: { attached: true, issuedOn: '2027-03-02' } } }, 'criminalRecord');
    expect(later.message).toContain('晚于计划提交日期');
    const list = buildChecklist({ procedure: 'notice', category: 'B', filingDate: FILING, attachments: { ...allAttached('notice'), criminalRecord: { attached: true } } });
    expect(list.complete).toBe(false);
  });

  it('without a real planned filing date nothing is complete, and the checklist says why', () => {
    const list = buildChecklist({ procedure: 'notice', category: 'B', filingDate: '2027-02-30', attachments: allAttached('notice') });
    expect(list.complete).toBe(false);
    expect(list.notes[0]).toContain('请填写计划提交日期');
  });
});

describe('category A', () => {
  const commitment = { attached: true, byCommitment: true };

  it('may give a 承诺书 instead of 工作资历证明, 最高学位证书 and 无犯罪记录证明, which then cannot lapse', () => {
    const attachments = { ...allAttached('notice'), workExperience: commitment, highestDegree: commitment, criminalRecord: commitment };
    const list = buildChecklist({ procedure: 'notice', category: 'A', filingDate: FILING, attachments });
    expect(list.items.filter((i) => i.commitmentAllowed).map((i) => i.id)).toEqual(['workExperience', 'highestDegree', 'criminalRecord']);
    expect(list.items.filter((i) => i.byCommitment).length).toBe(3);
    expect(list.complete).toBe(true);
    expect(list.notes).toContain('外国高端人才（A类）无需提交纸质材料原件核验 / Category A presents no paper originals for verification');
  });

  it('the health certificate has no such exemption', () => {
    expect(item({ procedure: 'notice', category: 'A', filingDate: FILING, attachments: { healthCheck: commitment } }, 'healthCheck')).toMatchObject({
      state: 'missing',
      commitmentAllowed: false,
    });
  });

  it('B and C may not give a commitment', () => {
    for (const category of ['B', 'C', null] as const) {
      const crime = item({ procedure: 'notice', category, filingDate: FILING, attachments: { criminalRecord: commitment } }, 'criminalRecord');
      expect(crime.state).toBe('missing');
      expect(crime.message).toContain('只有A类可以承诺书代替');
    }
  });
});

describe('reading a record', () => {
  it('turns the wp.material.* values into attachments', () => {
    const input = checklistInputFromValues('notice', 'A', {
      'wp.filingDate': FILING,
      [materialKey('criminalRecord')]: `sha256:${'ab'.repeat(32)}`,
      [materialIssuedKey('criminalRecord')]: '2026-08-31',
      [materialCommitmentKey('workExperience')]: '是',
      'wp.familyAccompanying': '是',
    });
    expect(input.attachments.criminalRecord).toEqual({ attached: true, byCommitment: false, issuedOn: '2026-08-31' });
    expect(input.attachments.workExperience).toEqual({ attached: true, byCommitment: true });
    expect(input.attachments.passport).toEqual({ attached: false, byCommitment: false });
    const list = buildChecklist(input);
    expect(list.items.find((i) => i.id === 'criminalRecord')?.state).toBe('expired');
    expect(list.items.at(-1)?.id).toBe('family');
  });

  it('ignores values of the wrong shape', () => {
    const hostile = { [materialKey('passport')]: 'x'.repeat(10_000), 'wp.filingDate': 42 } as unknown as Record<string, string>;
    const input = checklistInputFromValues('notice', null, hostile);
    expect(input.attachments.passport?.attached).toBe(false);
    expect(input.filingDate).toBe('');
  });

  it('every material has both languages', () => {
    for (const def of Object.values(MATERIALS)) {
      expect(def.label).toMatch(/\p{Script=Han}/u);
      expect(def.labelEn).not.toMatch(/\p{Script=Han}/u);
      expect(def.requirement).toContain(' / ');
    }
  });
});
