'use server';

import { formAction } from '@/lib/action';
import { checkbox } from '@/lib/admin/common';
import { createUser, resetPassword, setUserActive, updateUser } from '@/lib/admin/users';
import type { Role } from '@/lib/auth/authorize';

/** On success the form opens the new user's page (`id`). */
export const createUserAction = formAction<{ id: number }>(
  async ({ db, actor, values, formData }) =>
    createUser(db, actor, {
      username: values.username ?? '',
      displayName: values.displayName ?? '',
      role: values.role as Role,
      departmentId: values.departmentId ?? '',
      password: String(formData.get('password') ?? ''),
      mustChangePassword: checkbox(values.mustChangePassword),
    }),
  { revalidate: () => ['/admin'] },
);

export const updateUserAction = formAction(
  ({ db, actor, values }) => {
    updateUser(db, actor, {
      id: values.id,
      displayName: values.displayName ?? '',
      role: values.role as Role,
      departmentId: values.departmentId ?? '',
    });
    return { message: '已保存' };
  },
  { revalidate: () => ['/admin', '/'] },
);

export const resetPasswordAction = formAction(
  async ({ db, actor, values, formData }) => {
    await resetPassword(db, actor, { id: values.id, password: String(formData.get('password') ?? '') });
    return { message: '密码已重置：该用户已登录的会话立即失效，下次登录须修改密码。请通过安全渠道告知新密码。' };
  },
  { revalidate: () => ['/admin'] },
);

export const userActiveAction = formAction(
  ({ db, actor, values }) => {
    const active = checkbox(values.active);
    setUserActive(db, actor, { id: values.id, active });
    return { message: active ? '用户已启用，须重新登录' : '用户已停用，其会话已立即失效' };
  },
  { revalidate: () => ['/admin'] },
);
