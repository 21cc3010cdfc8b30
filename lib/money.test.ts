import { describe, expect, it } from 'vitest';
import { formatPercent, formatWan, formatWanExact, formatWanCell, formatWanText, formatYuan, parseWan, parseYuan, sharesOfWhole, shareBp } from './money';

describe('parseYuan', () => {
  it('parses plain, grouped and full-width amounts into 分 without floats', () => {
    expect(parseYuan('1,234.56')).toEqual({ ok: true, fen: 123456 });
    expect(parseYuan(' 1234.5 ')).toEqual({ ok: true, fen: 123450 });
    expect(parseYuan('１２３４')).toEqual({ ok: true, fen: 123400 });
    expect(parseYuan('0.07')).toEqual({ ok: true, fen: 7 });
    // 0.1 + 0.2 style float traps stay exact
    expect(parseYuan('59078900.29')).toEqual({ ok: true, fen: 5907890029 });
  });
  it('refuses more than two decimals, text, negatives and oversize numbers with Chinese messages', () => {
    expect(parseYuan('12.345')).toEqual({ ok: false, error: '金额最多保留两位小数（到分）' });
    expect(parseYuan('abc')).toMatchObject({ ok: false, error: expect.stringContaining('不是有效的金额') });
    expect(parseYuan('-3')).toEqual({ ok: false, error: '金额不能为负数' });
    expect(parseYuan('-3', { allowNegative: true })).toEqual({ ok: true, fen: -300 });
    expect(parseYuan('')).toEqual({ ok: false, error: '请输入金额' });
    expect(parseYuan('1e5')).toMatchObject({ ok: false });
    expect(parseYuan('99999999999999999')).toEqual({ ok: false, error: '金额超出允许范围' });
    expect(parseYuan('1.2.3')).toMatchObject({ ok: false });
  });
  it('parses 万元 to the 分', () => {
    expect(parseWan('5907.89')).toEqual({ ok: true, fen: 5_907_890_000 });
    expect(parseWan('0.000001')).toEqual({ ok: true, fen: 1 });
    expect(parseWan('0.0000001')).toMatchObject({ ok: false });
  });
});

describe('formatting', () => {
  it('formats 万元 with grouping and rounds half away from zero once', () => {
    expect(formatWan(5_907_890_000)).toBe('5,907.89');
    expect(formatWan(5_000)).toBe('0.01'); // 0.005万元 rounds up
    expect(formatWan(4_999)).toBe('0.00');
    expect(formatWan(-5_000)).toBe('-0.01');
    expect(formatWan(26_561_000_00)).toBe('2,656.10');
  });
  it('leaves zero blank in tables and writes 0 in text', () => {
    expect(formatWanCell(0)).toBe('');
    expect(formatWanCell(4_999)).toBe('');
    expect(formatWanText(0)).toBe('0');
    expect(formatWanText(1_000_000)).toBe('1.00');
  });
  it('formats 元 for performance forms', () => {
    expect(formatYuan(305_000_000)).toBe('3,050,000');
    expect(formatYuan(0)).toBe('0');
  });
});

describe('exact 万元', () => {
  it('writes 分 as 万元 with two to six decimals, and parseWan reads it back', () => {
    expect(formatWanExact(5_095_130_000)).toBe('5095.13');
    expect(formatWanExact(1)).toBe('0.000001');
    expect(formatWanExact(0)).toBe('0.00');
    expect(formatWanExact(-1_234_500)).toBe('-1.2345');
    for (const fen of [1, 10, 100, 987_654_321, 5_095_130_000]) expect(parseWan(formatWanExact(fen))).toEqual({ ok: true, fen });
  });
});

describe('shares', () => {
  it('computes a share in hundredths of a percent', () => {
    expect(shareBp(5_095_130_000, 5_907_890_000)).toBe(8624);
    expect(formatPercent(8624)).toBe('86.24%');
    expect(formatPercent(0)).toBe('0%');
  });
  it('makes shares of one whole add up to 100.00%', () => {
    const parts = [1, 1, 1];
    const s = sharesOfWhole(parts);
    expect(s.reduce((a, b) => a + b, 0)).toBe(10000);
    expect(s).toEqual([3334, 3333, 3333]);
    const seed = [4_729_700_000, 139_710_000, 225_720_000];
    expect(sharesOfWhole(seed).map(formatPercent)).toEqual(['92.83%', '2.74%', '4.43%']);
  });
});
