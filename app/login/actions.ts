'use server';

import { AuthError } from 'next-auth';
import { z } from '../../lib/zod';
import { signIn } from '@/lib/auth/config';

export interface SignInState {
  error?: string;
  username?: string;
}

const schema = z.object({
  username: z.string().trim().min(1, { error: '请输入用户名' }).max(64, { error: '用户名过长' }),
  password: z.string().min(1, { error: '请输入密码' }).max(128, { error: '密码过长' }),
  callbackUrl: z.string().max(512).optional(),
});

/**
 * Only same-site paths are followed after sign-in: one leading slash, then no slash or backslash (browsers treat
 * `/\\host` like `//host`), and no whitespace or control characters.
 */
function safeCallback(url: string | undefined): string {
  return url && /^\/(?![/\\])[^\s\\\u0000-\u001f\u007f]*$/.test(url) ? url : '/';
}

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  const username = String(formData.get('username') ?? '').slice(0, 64);
  if (!parsed.success) return { error: parsed.error.issues[0].message, username };
  try {
    await signIn('credentials', {
      username: parsed.data.username,
      password: parsed.data.password,
      redirectTo: safeCallback(parsed.data.callbackUrl),
    });
    return {};
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      if (code === 'throttled') return { error: '登录失败次数过多，请稍后再试', username };
      return { error: '用户名或密码错误', username };
    }
    throw e; // the redirect after a successful sign-in
  }
}
