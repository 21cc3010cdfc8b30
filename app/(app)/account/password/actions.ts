'use server';

import { revalidatePath } from 'next/cache';
import { redirect, unstable_rethrow } from 'next/navigation';
import { getDb } from '@/db/client';
import { refusalOf, type FormState } from '@/lib/action';
import { signIn } from '@/lib/auth/config';
import { currentActorForPasswordChange } from '@/lib/auth/session';
import { changeOwnPassword } from '@/lib/admin/users';
import type { Result } from '@/lib/result';

/**
 * Changes the signed-in user's password. The session version moves on (other sessions end), so this session is
 * re-issued by signing in again with the new password. The one action a user who must change their password may
 * call (every other refuses them: lib/auth/session.ts, lib/auth/authorize.ts) — which is why it finds its actor itself
 * instead of going through `formAction` (whose actor lookup refuses such a user); refusals take the same shape.
 * No values are echoed back: every field is a password.
 */
export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<Result<{ message: string }>> {
  const actor = await currentActorForPasswordChange();
  if (!actor) redirect('/login');
  const newPassword = String(formData.get('newPassword') ?? '');
  let username: string;
  try {
    ({ username } = await changeOwnPassword(getDb(), actor, {
      currentPassword: String(formData.get('currentPassword') ?? ''),
      newPassword,
      confirmPassword: String(formData.get('confirmPassword') ?? ''),
    }));
  } catch (e) {
    return { ...refusalOf(e), values: {} };
  }
  revalidatePath('/', 'layout');
  try {
    // a fresh session token carrying the new session version; the browser then reloads the app (see PasswordForm)
    await signIn('credentials', { username, password: newPassword, redirect: false });
  } catch (e) {
    unstable_rethrow(e);
    redirect('/login');
  }
  return { ok: true, message: '密码已修改' };
}
