import { describe, it, expect } from 'vitest';
import {
  checkContractPeriod,
  checkSalary,
  DEFAULT_MINIMUM_WAGE,
  MAX_CONTRACT_YEARS,
  parseYuanToFen,
} from '../../../shared/validation';

describe('checkContractPeriod (Art. 18: at most 5 years)', () => {
  it('has a 5-year cap', () => {
    expect(MAX_CONTRACT_YEARS).toBe(5);
  });

  it.each([
    ['2025-03-01', '2026-02-28', null],
    ['2025-03-01', '2025-03-02', null], // one day
    ['2025-03-01', '2030-03-01', null], // exactly 5 years
    ['2025-03-01', '2030-03-02', 'contract.tooLong'], // 5 years + 1 day
    ['2025-03-01', '2030-02-28', null],
    ['2024-02-29', '2029-03-01', null], // leap-day start: 5 years end on 1 March
    ['2024-02-29', '2029-03-02', 'contract.tooLong'],
    ['2025-03-01', '2040-01-01', 'contract.tooLong'],
    ['2025-03-01', '2025-03-01', 'contract.order'], // same day
    ['2025-03-01', '2025-02-28', 'contract.order'],
    ['2025-02-30', '2026-01-01', 'date.format'],
    ['2025-03-01', '', 'date.format'],
  ])('%s → %s: %s', (start, end, code) => {
    expect(checkContractPeriod(start, end)?.code ?? null).toBe(code);
  });

  it('cites Art. 18 and gives the latest allowed end date', () => {
    const msg = checkContractPeriod('2025-03-01', '2030-03-02')?.message ?? '';
    expect(msg).toContain('《外国人在中国就业管理规定》第十八条');
    expect(msg).toContain('2030-03-01');
    expect(msg).toContain(' / ');
  });

  it('names the invalid field', () => {
    expect(checkContractPeriod('2025-03-01', 'x')?.message).toMatch(/^聘用期限至/);
    expect(checkContractPeriod('x', 'x')?.message).toMatch(/^聘用期限自/);
  });
});

describe('checkSalary (Art. 22: not below the minimum wage)', () => {
  it.each([
    ['2500', 2500, null], // equal to the minimum
    ['2499', 2500, 'salary.belowMinimum'], // 1 yuan below
    ['2499.99', 2500, 'salary.belowMinimum'],
    ['2500.00', 2500, null],
    ['2500.01', 2500, null],
    ['30000', 2500, null],
    ['8000.5', 2500, null],
    ['2300', 2300, null],
    ['2299.9', 2300, 'salary.belowMinimum'],
    ['100', 0, null], // no valid minimum configured: only the format is checked
    ['0', 2500, 'salary.format'],
    ['0.00', 2500, 'salary.format'],
    ['-3000', 2500, 'salary.format'],
    ['3000.123', 2500, 'salary.format'],
    ['3,000', 2500, 'salary.format'],
    ['03000', 2500, 'salary.format'],
    ['3000元', 2500, 'salary.format'],
    ['1e4', 2500, 'salary.format'],
    ['3000.', 2500, 'salary.format'],
    ['.5', 2500, 'salary.format'],
    ['', 2500, 'salary.format'],
  ])('%s with minimum %i → %s', (value, min, code) => {
    expect(checkSalary(value, min)?.code ?? null).toBe(code);
  });

  it('states the minimum and cites Art. 22', () => {
    const msg = checkSalary('2499', 2500)?.message ?? '';
    expect(msg).toContain('2500');
    expect(msg).toContain('《外国人在中国就业管理规定》第二十二条');
    expect(msg).toContain('Art. 22');
  });

  it('compares in fen, without floating-point error', () => {
    expect(parseYuanToFen('2500.1')).toBe(250010);
    expect(parseYuanToFen('0.29')).toBe(29);
    expect(checkSalary('2300.29', 2300.29)).toBeNull();
    expect(checkSalary('2300.28', 2300.29)?.code).toBe('salary.belowMinimum');
  });
});

describe('DEFAULT_MINIMUM_WAGE', () => {
  it('is the Guangzhou figure with its source and date', () => {
    expect(DEFAULT_MINIMUM_WAGE.amount).toBe(2500);
    expect(DEFAULT_MINIMUM_WAGE.effective).toBe('2025-03-01');
    expect(DEFAULT_MINIMUM_WAGE.source).toContain('最低工资');
  });
});
