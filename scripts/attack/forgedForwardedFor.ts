/**
 * 6. A password spray that forges `X-Forwarded-For` to dodge the per-address sign-in throttle: 60 failed sign-ins
 * through the sign-in form's action, each with a new forged address and a new user name (so the per-name throttle
 * never engages). With TRUST_PROXY unset the header must not be believed: the address is the socket's, and after
 * 50 failures from it every further attempt is throttled.
 */
import { actionResult, callFormAction, signInActionId } from './actions';
import { describe } from './http';
import type { Attack } from './harness';

const ATTEMPTS = 60;
const FREE_PER_ADDRESS = 50;

export const forgedForwardedFor: Attack = {
  name: '6 sign-in spray with forged X-Forwarded-For',
  async run(t) {
    const id = await signInActionId(t.base);
    const throttled: number[] = [];
    const odd: string[] = [];
    for (let i = 1; i <= ATTEMPTS; i++) {
      const o = await callFormAction(
        t.base,
        '/login',
        id,
        { username: `spray${i}`, password: 'Spring#2024' },
        { headers: { 'x-forwarded-for': `198.51.100.${i}` } },
      );
      const r = actionResult<{ error?: string }>(o);
      if (r?.error?.includes('次数过多') || o.status === 429) throttled.push(i);
      else if (!r?.error) odd.push(`#${i}: ${describe(o)}`);
    }
    const problems: string[] = [];
    const expected = ATTEMPTS - FREE_PER_ADDRESS;
    const late = throttled.filter((i) => i > FREE_PER_ADDRESS).length;
    if (late < expected) problems.push(`only ${late} of the ${expected} attempts after the ${FREE_PER_ADDRESS}th were throttled: the forged addresses were believed`);
    if (odd.length) problems.push(`unexpected answers: ${odd.slice(0, 3).join('; ')}`);
    return { problems, notes: [`throttled attempts: ${throttled.length ? `${throttled[0]}–${throttled[throttled.length - 1]} (${throttled.length})` : 'none'}`] };
  },
};
