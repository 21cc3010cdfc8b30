'use client';

import { useActionState, useState } from 'react';
import { ROLE_LABEL, type Role } from '@/lib/auth/authorize';
import { describedBy, errorsOf, Field, FormMessage, inputClass, SubmitButton, valuesOf } from '../_components/form';
import type { FormState } from '../_lib/form';
import { createUserAction, resetPasswordAction, updateUserAction, userActiveAction } from './actions';

const ROLES: Role[] = ['clerk', 'reviewer', 'admin'];

export interface DepartmentOption {
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
        <select
          id={`${prefix}-role`}
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value)}
          className={inputClass}
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
        </select>
      </Field>
      <Field
        id={`${prefix}-department`}
        label="所属部门"
        error={errors.departmentId}
        hint={role === 'clerk' ? '部门财务人员必须选择所属部门' : '仅部门财务人员属于部门'}
      >
        <select
          id={`${prefix}-department`}
          name="departmentId"
          defaultValue={role === 'clerk' ? departmentId : ''}
          key={role === 'clerk' ? 'clerk' : 'none'}
          disabled={role !== 'clerk'}
          className={inputClass + ' disabled:bg-stone-100'}
          {...describedBy(`${prefix}-department`, errors.departmentId)}
        >
          <option value="">{role === 'clerk' ? '请选择部门' : '（无）'}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.code} {d.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

export function CreateUserForm({ departments }: { departments: DepartmentOption[] }) {
  const [state, action] = useActionState<FormState | null, FormData>(createUserAction, null);
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
          <input
            id="new-user-username"
            name="username"
            autoComplete="off"
            maxLength={32}
            defaultValue={values.username ?? ''}
            className={inputClass}
            {...describedBy('new-user-username', errors.username, '登录用')}
          />
        </Field>
        <Field id="new-user-name" label="姓名" error={errors.displayName}>
          <input
            id="new-user-name"
            name="displayName"
            maxLength={30}
            defaultValue={values.displayName ?? ''}
            className={inputClass}
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
          <input
            id="new-user-password"
            name="password"
            type="password"
            autoComplete="new-password"
            maxLength={128}
            className={inputClass}
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
  const [state, action] = useActionState<FormState | null, FormData>(updateUserAction, null);
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
          <input
            id="user-name"
            name="displayName"
            maxLength={30}
            defaultValue={values.displayName ?? user.displayName}
            className={inputClass}
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
  const [state, action] = useActionState<FormState | null, FormData>(resetPasswordAction, null);
  const errors = errorsOf(state);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="重置密码">
      <input type="hidden" name="id" value={userId} />
      <Field id="reset-password" label="新密码" error={errors.password} hint="至少 8 位，须同时包含字母和数字" className="max-w-sm">
        <input
          id="reset-password"
          name="password"
          type="password"
          autoComplete="new-password"
          maxLength={128}
          className={inputClass}
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
  const [state, action] = useActionState<FormState | null, FormData>(userActiveAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="id" value={userId} />
      {active ? null : <input type="hidden" name="active" value="on" />}
      <FormMessage state={state} />
      <SubmitButton
        variant={active ? 'danger' : 'secondary'}
        confirmText={active ? `停用后 ${username} 将立即退出且不能再登录。确定停用吗？` : undefined}
      >
        {active ? '停用用户' : '启用用户'}
      </SubmitButton>
    </form>
  );
}
