'use client';

import { useActionState, useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { ROLE_LABEL, type Role } from '@/lib/auth/authorize';
import { describedBy, Field } from '@/components/ui/field';
import { errorsOf, FormMessage, SubmitButton, valuesOf } from '@/components/ui/form';
import { Input, Select } from '@/components/ui/input';
import { createUserAction, resetPasswordAction, updateUserAction, userActiveAction } from './actions';

const ROLES: Role[] = ['clerk', 'reviewer', 'admin'];

interface DepartmentOption {
  id: number;
  code: string;
  name: string;
}

function RoleAndDepartment({
  prefix,
  departments,
  role: initialRole,
  departmentId,
  errors,
}: {
  prefix: string;
  departments: DepartmentOption[];
  role: string;
  departmentId: string;
  errors: Record<string, string>;
}) {
  const [role, setRole] = useState(initialRole);
  return (
    <>
      <Field id={`${prefix}-role`} label="角色" error={errors.role}>
        <Select
          id={`${prefix}-role`}
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value)}
          className="mt-1 w-full"
          invalid={errors.role}
          {...describedBy(`${prefix}-role`, errors.role)}
        >
          <option value="" disabled>
            请选择
          </option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id={`${prefix}-department`}
        label="所属部门"
        error={errors.departmentId}
        hint={role === 'clerk' ? '部门财务人员必须选择所属部门' : '仅部门财务人员属于部门'}
      >
        <Select
          id={`${prefix}-department`}
          name="departmentId"
          defaultValue={role === 'clerk' ? departmentId : ''}
          key={role === 'clerk' ? 'clerk' : 'none'}
          disabled={role !== 'clerk'}
          className="mt-1 disabled:bg-stone-100 w-full"
          invalid={errors.departmentId}
          {...describedBy(`${prefix}-department`, errors.departmentId)}
        >
          <option value="">{role === 'clerk' ? '请选择部门' : '（无）'}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.code} {d.name}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}

export function CreateUserForm({ departments }: { departments: DepartmentOption[] }) {
  const [state, action] = useActionState(createUserAction, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`/admin/users/${state.id}?created=1`);
  }, [state, router]);
  const errors = errorsOf(state);
  const values = valuesOf(state);
  return (
    <form
      key={state && !state.ok ? JSON.stringify(values) : 'new'}
      action={action}
      className="space-y-3"
      noValidate
      aria-label="新增用户"
    >
      <div className="grid gap-3 md:grid-cols-2">
        <Field id="new-user-username" label="用户名" error={errors.username} hint="登录用，2–32 位字母、数字或 _ . -">
          <Input
            id="new-user-username"
            name="username"
            autoComplete="off"
            maxLength={32}
            defaultValue={values.username ?? ''}
            className="mt-1 w-full"
            invalid={errors.username}
            {...describedBy('new-user-username', errors.username, '登录用')}
          />
        </Field>
        <Field id="new-user-name" label="姓名" error={errors.displayName}>
          <Input
            id="new-user-name"
            name="displayName"
            maxLength={30}
            defaultValue={values.displayName ?? ''}
            className="mt-1 w-full"
            invalid={errors.displayName}
            {...describedBy('new-user-name', errors.displayName)}
          />
        </Field>
        <RoleAndDepartment
          prefix="new-user"
          departments={departments}
          role={values.role ?? ''}
          departmentId={values.departmentId ?? ''}
          errors={errors}
        />
        <Field id="new-user-password" label="初始密码" error={errors.password} hint="至少 8 位，须同时包含字母和数字">
          <Input
            id="new-user-password"
            name="password"
            type="password"
            autoComplete="new-password"
            maxLength={128}
            className="mt-1 w-full"
            invalid={errors.password}
            {...describedBy('new-user-password', errors.password, '至少 8 位')}
          />
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input
            type="checkbox"
            name="mustChangePassword"
            defaultChecked={state && !state.ok ? values.mustChangePassword !== undefined : true}
          />
          首次登录须修改密码
        </label>
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingText="正在新增…">新增用户</SubmitButton>
    </form>
  );
}

export function EditUserForm({
  user,
  departments,
}: {
  user: { id: number; displayName: string; role: Role; departmentId: number | null };
  departments: DepartmentOption[];
}) {
  const [state, action] = useActionState(updateUserAction, null);
  const errors = errorsOf(state);
  const values = valuesOf(state);
  return (
    <form
      key={`${user.displayName}|${user.role}|${user.departmentId}|${state && !state.ok ? JSON.stringify(values) : ''}`}
      action={action}
      className="space-y-3"
      noValidate
      aria-label="用户信息"
    >
      <input type="hidden" name="id" value={user.id} />
      <div className="grid gap-3 md:grid-cols-3">
        <Field id="user-name" label="姓名" error={errors.displayName}>
          <Input
            id="user-name"
            name="displayName"
            maxLength={30}
            defaultValue={values.displayName ?? user.displayName}
            className="mt-1 w-full"
            invalid={errors.displayName}
            {...describedBy('user-name', errors.displayName)}
          />
        </Field>
        <RoleAndDepartment
          prefix="user"
          departments={departments}
          role={values.role ?? user.role}
          departmentId={values.departmentId ?? (user.departmentId === null ? '' : String(user.departmentId))}
          errors={errors}
        />
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingText="正在保存…">保存</SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: number }) {
  const [state, action] = useActionState(resetPasswordAction, null);
  const errors = errorsOf(state);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="重置密码">
      <input type="hidden" name="id" value={userId} />
      <Field id="reset-password" label="新密码" error={errors.password} hint="至少 8 位，须同时包含字母和数字" className="max-w-sm">
        <Input
          id="reset-password"
          name="password"
          type="password"
          autoComplete="new-password"
          maxLength={128}
          className="mt-1 w-full"
          invalid={errors.password}
          {...describedBy('reset-password', errors.password, '至少 8 位')}
        />
      </Field>
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingText="正在重置…">
        重置密码
      </SubmitButton>
    </form>
  );
}

export function UserActiveForm({ userId, active, username }: { userId: number; active: boolean; username: string }) {
  const [state, action] = useActionState(userActiveAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="id" value={userId} />
      {active ? null : <input type="hidden" name="active" value="on" />}
      <FormMessage state={state} />
      <SubmitButton
        variant={active ? 'danger' : 'secondary'}
        confirm={
          active
            ? { title: `停用用户 ${username}`, consequence: `停用后 ${username} 将立即退出，且不能再登录，直到重新启用。`, confirmLabel: '确定停用' }
            : undefined
        }
      >
        {active ? '停用用户' : '启用用户'}
      </SubmitButton>
    </form>
  );
}
