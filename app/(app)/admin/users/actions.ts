'use server';

import { redirect } from 'next/navigation';
import { checkbox } from '@/lib/admin/common';
import { createUser, resetPassword, setUserActive, updateUser } from '@/lib/admin/users';
import type { Role } from '@/lib/auth/authorize';
import { runAction, type FormState } from '../_lib/form';

export async function createUserAction(_prev: FormState | null, formData: FormData): Promise<FormState> {
  const created = { id: 0 };
  const state = await runAction(formData, async ({ db, actor, values }) => {
    const r = await createUser(db, actor, {
      username: values.username ?? '',
      displayName: values.displayName ?? '',
      role: values.role as Role,
      departmentId: values.departmentId ?? '',
      password: String(formData.get('password') ?? ''),
      mustChangePassword: checkbox(values.mustChangePassword),
    });
    created.id = r.id;
  });
  if (state.ok && created.id) redirect(`/admin/users/${created.id}?created=1`);
  return state;
}

export async function updateUserAction(_prev: FormState | null, formData: FormData): Promise<FormState> {
  return runAction(formData, ({ db, actor, values }) => {
    updateUser(db, actor, {
      id: values.id,
      displayName: values.displayName ?? '',
      role: values.role as Role,
      departmentId: values.departmentId ?? '',
    });
    return { message: '已保存' };
  }, ['/admin', '/']);
}

export async function resetPasswordAction(_prev: FormState | null, formData: FormData): Promise<FormState> {
  return runAction(formData, async ({ db, actor, values }) => {
    await resetPassword(db, actor, { id: values.id, password: String(formData.get('password') ?? '') });
    return { message: '密码已重置：该用户已登录的会话立即失效，下次登录须修改密码。请通过安全渠道告知新密码。' };
  });
}

export async function userActiveAction(_prev: FormState | null, formData: FormData): Promise<FormState> {
  return runAction(formData, ({ db, actor, values }) => {
    const active = checkbox(values.active);
    setUserActive(db, actor, { id: values.id, active });
    return { message: active ? '用户已启用，须重新登录' : '用户已停用，其会话已立即失效' };
  });
}
