'use server';

import { revalidatePath } from 'next/cache';
import { redirect, unstable_rethrow } from 'next/navigation';
import { getDb } from '@/db/client';
import { ForbiddenError } from '@/lib/auth/authorize';
import { signIn } from '@/lib/auth/config';
import { currentActorForPasswordChange } from '@/lib/auth/session';
import { ValidationError } from '@/lib/admin/common';
import { changeOwnPassword } from '@/lib/admin/users';
import type { FormState } from '../../admin/_lib/form';

/**
 * Changes the signed-in user's password. The session version moves on (other sessions end), so this session is
 * re-issued by signing in again with the new password. The one action a user who must change their password may
 * call (every other refuses them: lib/auth/session.ts, lib/auth/authorize.ts).
 */
export async function changePasswordAction(_prev: FormState | null, formData: FormData): Promise<FormState> {
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
    unstable_rethrow(e);
    if (e instanceof ValidationError) return { ok: false, fieldErrors: e.fieldErrors, formError: e.formError, values: {} };
    if (e instanceof ForbiddenError) return { ok: false, fieldErrors: {}, formError: e.message, values: {} };
    throw e;
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
