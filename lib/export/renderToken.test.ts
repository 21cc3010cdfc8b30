import { describe, expect, it } from 'vitest';
import { createRenderToken, parseRenderToken } from './renderToken';

describe('render tokens for the PDF browser', () => {
  it('opens only the budget it was made for, only for two minutes', () => {
    const t0 = 1_700_000_000_000;
    const token = createRenderToken(7, t0);
    expect(parseRenderToken(token, 7, t0 + 1_000)).toEqual({ budgetId: 7, digest: null });
    expect(parseRenderToken(token, 8, t0 + 1_000)).toBeNull();
    expect(parseRenderToken(token, 7, t0 + 121_000)).toBeNull();
  });
  it('refuses forged, altered and malformed tokens', () => {
    const t0 = 1_700_000_000_000;
    const [id, exp, mac] = createRenderToken(7, t0).split('.');
    expect(parseRenderToken(`${id}.${Number(exp) + 60_000}.${mac}`, 7, t0)).toBeNull();
    expect(parseRenderToken(`8.${exp}.${mac}`, 8, t0)).toBeNull();
    expect(parseRenderToken('', 7, t0)).toBeNull();
    expect(parseRenderToken(undefined, 7, t0)).toBeNull();
    expect(parseRenderToken('7.x.y', 7, t0)).toBeNull();
  });
});

describe('render tokens that carry the digest of the frozen document', () => {
  const t0 = 1_700_000_000_000;
  const digest = 'Abc_-123'.repeat(5);
  it('grant the digest they were signed with; a plain token grants none', () => {
    expect(parseRenderToken(createRenderToken(7, t0, digest), 7, t0 + 1_000)).toEqual({ budgetId: 7, digest });
    expect(parseRenderToken(createRenderToken(7, t0), 7, t0 + 1_000)).toEqual({ budgetId: 7, digest: null });
  });
  it('refuse a swapped or dropped digest', () => {
    const [id, exp, , mac] = createRenderToken(7, t0, digest).split('.');
    expect(parseRenderToken(`${id}.${exp}.${'x'.repeat(40)}.${mac}`, 7, t0)).toBeNull();
    expect(parseRenderToken(`${id}.${exp}.${mac}`, 7, t0)).toBeNull();
    expect(parseRenderToken(`${id}.${exp}.a.b.${mac}`, 7, t0)).toBeNull();
    expect(() => createRenderToken(7, t0, 'not.base64url')).toThrow();
  });
});
