import { describe, expect, it } from 'vitest';
import { conflictCandidate, conflictFields, conflictMessage, identityScore, normalizeName } from '../../../shared/roster/person';

describe('who is the same person (given the same document number)', () => {
  it('names are compared without case, spaces or full-width forms', () => {
    expect(normalizeName(' john  Michael\tsmith ')).toBe('JOHNMICHAELSMITH');
    expect(normalizeName('ＪＯＨＮ　ＳＭＩＴＨ')).toBe('JOHNSMITH');
    expect(normalizeName('陈 家明')).toBe('陈家明');
  });

  it('台港澳: 姓名 or 出生日期; neither is another person', () => {
    const chen = { 'hmt.name': '陈家明', 'hmt.birthDate': '1990-01-01' };
    expect(identityScore('hmt', chen, { 'hmt.name': '陈家明', 'hmt.birthDate': '1990-01-01' })).toBe(2);
    expect(identityScore('hmt', chen, { 'hmt.name': ' 陈家明', 'hmt.birthDate': '1990-10-01' })).toBe(1);
    expect(identityScore('hmt', chen, { 'hmt.name': '陈嘉明', 'hmt.birthDate': '1990-01-01' })).toBe(1);
    expect(identityScore('hmt', chen, { 'hmt.name': '黄志伟', 'hmt.birthDate': '1986-05-20' })).toBe(0);
    expect(identityScore('hmt', chen, { 'hmt.name': '黄志伟' })).toBe(0); // an unknown birth date is no match
    expect(identityScore('hmt', {}, {})).toBe(0); // empty never matches empty
  });

  it('foreign nationals: 外文姓名 or 中文姓名 (each with its own), or 出生日期; another passport type is another document', () => {
    const smith = { 'person.nameEn': 'JOHN MICHAEL SMITH', 'person.nameZh': '史密斯', 'person.birthDate': '1985-04-12', 'person.passportType': '普通护照' };
    expect(identityScore('foreign', smith, { 'person.nameEn': 'john michael smith', 'person.birthDate': '1970-01-01' })).toBe(1);
    expect(identityScore('foreign', smith, { 'person.nameEn': 'JOHN SMITH', 'person.nameZh': '史密斯' })).toBe(1);
    expect(identityScore('foreign', smith, { 'person.nameEn': '史密斯' })).toBe(0); // 中文姓名 is not compared with 外文姓名
    expect(identityScore('foreign', smith, { ...smith, 'person.passportType': '公务护照' })).toBe(0);
    expect(identityScore('foreign', smith, { ...smith, 'person.passportType': '' })).toBe(2);
  });

  it('a CONFLICT carries its candidate in the fields and asks in both languages', () => {
    const c = { id: 'p-1', name: '陈家明', birthDate: '1990-01-01', documentNumber: 'H12345678' };
    const fields = conflictFields('hmt', c);
    expect(conflictCandidate(fields)).toEqual(c);
    expect(fields['hmt.docNo']).toBe(conflictMessage(c));
    expect(conflictMessage(c)).toBe(
      '证件号码 H12345678 已属于人员名册中的 陈家明（出生日期 1990-01-01）。这是同一人吗？ / The document number H12345678 already belongs to 陈家明 (born 1990-01-01) in the roster. Is this the same person?',
    );
    expect(conflictCandidate({ 'hmt.docNo': 'x' })).toBeNull();
  });
});
