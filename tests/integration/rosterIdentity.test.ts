/**
 * No silent merges in the roster: a person is the same person only on the document number AND
 * the name or the birth date. A submission (or a new person on 人员名册) naming a known number
 * with another name and another birth date is refused with CONFLICT, naming the person who holds
 * the number, until the user says whether it is the same person or a different one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../main/services';
import type { RecordDetail, ReplyOf } from '../../shared/bridge/contract';
import type { BridgeErrorBody, Envelope } from '../../shared/bridge/envelope';
import type { FormValues } from '../../shared/documents';
import { conflictCandidate } from '../../shared/roster/person';
import { FIXTURE_TODAY, HMT_EXTENSION_VALUES, HMT_PERMIT_VALUES, LICENSE_VALUES } from '../fixtures/documents';
import { tempDir } from '../helpers/tmp';

let app: ReturnType<typeof openApp>;
let cleanup: () => void;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  app = openApp({ dataDir: t.dir, mode: 'browser', version: 'test', defaultBureauUrl: '', now: () => new Date(`${FIXTURE_TODAY}T02:00:00Z`) });
  await app.dispatch('auth:login', { email: 'hr@example.com', password: 'pw' });
});
afterEach(() => {
  app.close();
  cleanup();
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const e = (await app.dispatch(channel, payload)) as Envelope<T>;
  if (!e.ok) throw new Error(`${channel}: ${e.error.code}: ${e.error.message}`);
  return e.value;
}
async function refused(channel: string, payload: unknown): Promise<BridgeErrorBody> {
  const e = await app.dispatch(channel, payload);
  if (e.ok) throw new Error(`${channel} was expected to be refused`);
  return e.error;
}

type Person = ReplyOf<'people:get'>;
const only = (values: FormValues, prefix: string) => Object.fromEntries(Object.entries(values).filter(([k]) => k.startsWith(prefix)));
const getPerson = (id: string) => call<Person>('people:get', { id });
const personOf = async (recordId: string) => (await call<ReplyOf<'people:ofRecord'>>('people:ofRecord', { recordId })).person;
const listByNumber = async (number: string) => (await call<ReplyOf<'people:list'>>('people:list', { query: number, pageSize: 100 })).rows;
const draft = async (kind: 'hmt-permit' | 'hmt-extension' | 'license', values: FormValues) =>
  (await call<RecordDetail>('records:save', { kind, values })).id;

const HK_PERMIT = { 'hmt.residentType': '香港居民', 'hmt.docType': '港澳居民来往内地通行证', 'hmt.docNo': 'H12345678' };
/** a new 台港澳 applicant: 陈家明, born 1990-01-01, H12345678 */
const CHEN_APPLICATION: FormValues = { ...HMT_PERMIT_VALUES, ...HK_PERMIT };
/** an extension for 黄志伟, born 1986-05-20, with the same document number */
const HUANG_EXTENSION: FormValues = { ...HMT_EXTENSION_VALUES, ...HK_PERMIT, 'hmt.name': '黄志伟', 'hmt.sex': '男', 'hmt.birthDate': '1986-05-20' };

async function submittedChen(): Promise<{ recordId: string; personId: string }> {
  const recordId = await draft('hmt-permit', CHEN_APPLICATION);
  await call('records:submit', { id: recordId });
  const person = await personOf(recordId);
  expect(person).toMatchObject({ name: '陈家明', documentNumber: 'H12345678' });
  return { recordId, personId: person!.id };
}

describe('one document number, two people', () => {
  it('the reproduction: an extension for 黄志伟 with 陈家明’s number is refused with CONFLICT, and nothing changes', async () => {
    const chen = await submittedChen();
    const before = await getPerson(chen.personId);
    const ext = await draft('hmt-extension', HUANG_EXTENSION);

    const error = await refused('records:submit', { id: ext });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('证件号码 H12345678 已属于人员名册中的 陈家明（出生日期 1990-01-01）。这是同一人吗？');
    expect(error.message).toMatch(/ \/ The document number H12345678 already belongs to 陈家明/);
    expect(conflictCandidate(error.fields ?? {})).toEqual({ id: chen.personId, name: '陈家明', birthDate: '1990-01-01', documentNumber: 'H12345678' });

    // nothing changed: the extension is still a draft without a person, 陈家明 is as before
    expect((await call<RecordDetail>('records:get', { id: ext })).status).toBe('draft');
    expect(await personOf(ext)).toBeNull();
    expect(await getPerson(chen.personId)).toEqual(before);
    expect((await getPerson(chen.personId)).history.flatMap((h) => h.changes).some((c) => c.to === '黄志伟')).toBe(false);
  });

  it('the choice "new" makes 黄志伟 a second person with the same number; 陈家明 is untouched', async () => {
    const chen = await submittedChen();
    const before = await getPerson(chen.personId);
    const ext = await draft('hmt-extension', HUANG_EXTENSION);
    const submitted = await call<RecordDetail>('records:submit', { id: ext, person: 'new' });
    expect(submitted.status).toBe('submitted');

    const huang = await personOf(ext);
    expect(huang).toMatchObject({ name: '黄志伟', documentNumber: 'H12345678', birthDate: '1986-05-20', documentCount: 1 });
    expect(huang!.id).not.toBe(chen.personId);
    expect((await getPerson(huang!.id)).history.map((h) => [h.action, h.recordId])).toEqual([['由申请创建', ext]]);
    expect((await listByNumber('H12345678')).map((p) => p.name).sort()).toEqual(['陈家明', '黄志伟']);
    expect(await getPerson(chen.personId)).toEqual(before);

    // from now on each of them is found by number + name (or birth date), without asking
    const chenAgain = await draft('hmt-extension', { ...HUANG_EXTENSION, ...only(CHEN_APPLICATION, 'hmt.'), 'hmt.phone': '13700000000' });
    await call('records:submit', { id: chenAgain });
    expect((await personOf(chenAgain))?.id).toBe(chen.personId);
    const huangAgain = await draft('hmt-extension', { ...HUANG_EXTENSION, 'hmt.name': '黃志偉' }); // same birth date, name in traditional characters
    await call('records:submit', { id: huangAgain });
    expect((await personOf(huangAgain))?.id).toBe(huang!.id);
    expect(await listByNumber('H12345678')).toHaveLength(2);
  });

  it('the choice "same" updates 陈家明 with history (a corrected name and birth date)', async () => {
    const chen = await submittedChen();
    const ext = await draft('hmt-extension', HUANG_EXTENSION);
    await call('records:submit', { id: ext, person: 'same', personId: chen.personId });
    expect((await personOf(ext))?.id).toBe(chen.personId);
    const page = await getPerson(chen.personId);
    expect(page.person).toMatchObject({ name: '黄志伟', birthDate: '1986-05-20' });
    expect(page.history[0]).toMatchObject({ action: '提交申请时更新', recordId: ext, recordKind: 'hmt-extension' });
    expect(page.history[0]?.changes).toEqual(
      expect.arrayContaining([
        { key: 'hmt.name', label: '姓名', from: '陈家明', to: '黄志伟' },
        { key: 'hmt.birthDate', label: '出生日期', from: '1990-01-01', to: '1986-05-20' },
      ]),
    );
    expect(await listByNumber('H12345678')).toHaveLength(1);
  });

  it('"same" naming a person who does not hold the number is refused; nothing changes', async () => {
    await submittedChen();
    const other = await call<Person>('people:save', { type: 'hmt', values: { ...only(CHEN_APPLICATION, 'hmt.'), 'hmt.docNo': 'H87654321', 'hmt.name': '李四' } });
    const ext = await draft('hmt-extension', HUANG_EXTENSION);
    const error = await refused('records:submit', { id: ext, person: 'same', personId: other.person.id });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/ \/ /);
    expect((await call<RecordDetail>('records:get', { id: ext })).status).toBe('draft');
    expect(await personOf(ext)).toBeNull();
  });

  it('same number and same name (another birth date) is the same person, updated without asking', async () => {
    const chen = await submittedChen();
    const ext = await draft('hmt-extension', { ...HUANG_EXTENSION, 'hmt.name': ' 陈家明 ', 'hmt.birthDate': '1990-10-01' });
    await call('records:submit', { id: ext });
    expect((await personOf(ext))?.id).toBe(chen.personId);
    const page = await getPerson(chen.personId);
    expect(page.person.birthDate).toBe('1990-10-01');
    expect(page.history[0]?.changes).toEqual(expect.arrayContaining([{ key: 'hmt.birthDate', label: '出生日期', from: '1990-01-01', to: '1990-10-01' }]));
  });

  it('same number, another name but the same birth date is the same person (a corrected name, with history)', async () => {
    const chen = await submittedChen();
    const ext = await draft('hmt-extension', { ...HUANG_EXTENSION, 'hmt.name': '陈嘉明', 'hmt.birthDate': '1990-01-01' });
    await call('records:submit', { id: ext });
    expect((await personOf(ext))?.id).toBe(chen.personId);
    const page = await getPerson(chen.personId);
    expect(page.person.name).toBe('陈嘉明');
    expect(page.history[0]?.changes).toEqual(expect.arrayContaining([{ key: 'hmt.name', label: '姓名', from: '陈家明', to: '陈嘉明' }]));
  });

  it('foreign nationals: 外文姓名 compared without case and spaces, or 中文姓名; the number alone never merges', async () => {
    // entered on 人员名册 in small letters (a problem the roster keeps until an application is submitted)
    const lowerCase = { ...only(LICENSE_VALUES, 'person.'), 'person.nameEn': ' john  michael smith', 'person.nameZh': '' };
    const smith = await call<Person>('people:save', { type: 'foreign', values: lowerCase });
    const upper = await draft('license', { ...LICENSE_VALUES, 'person.birthDate': '1970-02-02' });
    await call('records:submit', { id: upper });
    expect((await personOf(upper))?.id).toBe(smith.person.id);

    const zhOnly = await draft('license', { ...LICENSE_VALUES, 'person.birthDate': '1972-03-03', 'person.nameEn': 'JOHN SMITH' }); // 中文姓名 史密斯 matches
    await call('records:submit', { id: zhOnly });
    expect((await personOf(zhOnly))?.id).toBe(smith.person.id);

    const stranger = await draft('license', { ...LICENSE_VALUES, 'person.nameEn': 'PETER BROWN', 'person.nameZh': '布朗', 'person.birthDate': '1980-06-06' });
    const error = await refused('records:submit', { id: stranger });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('证件号码 533281947 已属于人员名册中的 JOHN SMITH');
  });

  it('the same number on another type of document is not the same document: asked, even with the same name', async () => {
    const smith = await call<Person>('people:save', { type: 'foreign', values: only(LICENSE_VALUES, 'person.') });
    const official = await draft('license', { ...LICENSE_VALUES, 'person.passportType': '公务护照' });
    const error = await refused('records:submit', { id: official });
    expect(error.code).toBe('CONFLICT');
    expect(conflictCandidate(error.fields ?? {})?.id).toBe(smith.person.id);
    await call('records:submit', { id: official, person: 'same' });
    expect((await getPerson(smith.person.id)).person.values['person.passportType']).toBe('公务护照');
  });

  it('a draft attached to a person, submitted with another name and another birth date, asks too', async () => {
    const chen = await submittedChen();
    const ext = await draft('hmt-extension', { ...HUANG_EXTENSION, 'hmt.docNo': 'H76543210' });
    await call('people:attach', { recordId: ext, personId: chen.personId });
    const error = await refused('records:submit', { id: ext });
    expect(error.code).toBe('CONFLICT');
    expect(conflictCandidate(error.fields ?? {})?.id).toBe(chen.personId);
    await call('records:submit', { id: ext, person: 'new' });
    const huang = await personOf(ext);
    expect(huang).toMatchObject({ name: '黄志伟', documentNumber: 'H76543210' });
    expect(huang!.id).not.toBe(chen.personId);
    expect((await getPerson(chen.personId)).person.name).toBe('陈家明');
  });
});

describe('人员名册: 新增人员 with a known document number', () => {
  const CHEN = only(CHEN_APPLICATION, 'hmt.');
  const HUANG = only(HUANG_EXTENSION, 'hmt.');

  it('asks (CONFLICT) when name and birth date differ; "new" adds a second person, "same" updates the one shown', async () => {
    const chen = await call<Person>('people:save', { type: 'hmt', values: CHEN });
    const error = await refused('people:save', { type: 'hmt', values: HUANG });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('证件号码 H12345678 已属于人员名册中的 陈家明（出生日期 1990-01-01）。这是同一人吗？');
    expect(conflictCandidate(error.fields ?? {})?.id).toBe(chen.person.id);
    expect(await listByNumber('H12345678')).toHaveLength(1);

    const huang = await call<Person>('people:save', { type: 'hmt', values: HUANG, person: 'new' });
    expect(huang.person).toMatchObject({ name: '黄志伟', documentNumber: 'H12345678' });
    expect(huang.history.map((h) => h.action)).toEqual(['新建']);
    expect(await listByNumber('H12345678')).toHaveLength(2);

    const third: FormValues = { ...HUANG, 'hmt.name': '王小明', 'hmt.birthDate': '1995-12-12' };
    delete third['hmt.photo'];
    const again = await refused('people:save', { type: 'hmt', values: third });
    expect(again.code).toBe('CONFLICT');
    const shown = conflictCandidate(again.fields ?? {});
    expect(shown?.id).toBe(huang.person.id); // the most recently changed holder of the number
    const updated = await call<Person>('people:save', { type: 'hmt', values: third, person: 'same', personId: shown!.id });
    expect(updated.person).toMatchObject({ id: huang.person.id, name: '王小明' });
    expect(updated.history[0]).toMatchObject({ action: '修改' });
    expect(updated.history[0]?.changes).toEqual(expect.arrayContaining([{ key: 'hmt.name', label: '姓名', from: '黄志伟', to: '王小明' }]));
    expect(updated.person.values['hmt.photo']).toMatch(/^data:image\//); // not entered on the form: kept
    expect(await listByNumber('H12345678')).toHaveLength(2);
    expect((await getPerson(chen.person.id)).person.name).toBe('陈家明');
  });

  it('refuses a second entry of a person already in the roster (same number and name or birth date), choice or not', async () => {
    await call<Person>('people:save', { type: 'hmt', values: CHEN });
    for (const person of [undefined, 'new', 'same'] as const) {
      const error = await refused('people:save', { type: 'hmt', values: { ...CHEN, 'hmt.name': '陈家明 ' }, ...(person ? { person } : {}) });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.fields?.['hmt.docNo']).toMatch(/名册中已有/);
    }
    expect(await listByNumber('H12345678')).toHaveLength(1);
  });
});
