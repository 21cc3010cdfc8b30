import { describe, expect, it } from 'vitest';
import { createRenderToken, verifyRenderToken } from './renderToken';

describe('render tokens for the PDF browser', () => {
  it('opens only the budget it was made for, only for two minutes', () => {
    const t0 = 1_700_000_000_000;
    const token = createRenderToken(7, t0);
    expect(verifyRenderToken(token, 7, t0 + 1_000)).toBe(true);
    expect(verifyRenderToken(token, 8, t0 + 1_000)).toBe(false);
    expect(verifyRenderToken(token, 7, t0 + 121_000)).toBe(false);
  });
  it('refuses forged, altered and malformed tokens', () => {
    const t0 = 1_700_000_000_000;
    const [id, exp, mac] = createRenderToken(7, t0).split('.');
    expect(verifyRenderToken(`${id}.${Number(exp) + 60_000}.${mac}`, 7, t0)).toBe(false);
    expect(verifyRenderToken(`8.${exp}.${mac}`, 8, t0)).toBe(false);
    expect(verifyRenderToken('', 7, t0)).toBe(false);
    expect(verifyRenderToken(undefined, 7, t0)).toBe(false);
    expect(verifyRenderToken('7.x.y', 7, t0)).toBe(false);
  });
});
