'use client';

import { useActionState, useEffect } from 'react';
import { describedBy, Field } from '@/components/ui/field';
import { errorsOf, FormMessage, SubmitButton } from '@/components/ui/form';
import { Input } from '@/components/ui/input';
import { changePasswordAction } from './actions';

export function PasswordForm() {
  const [state, action] = useActionState(changePasswordAction, null);
  const errors = errorsOf(state);
  useEffect(() => {
    // a full load, so everything rendered for the old session (e.g. the must-change-password gate) is rendered again
    if (state?.ok) window.location.replace('/');
  }, [state]);
  const fields = [
    { id: 'currentPassword', label: '当前密码', autoComplete: 'current-password' },
    { id: 'newPassword', label: '新密码', autoComplete: 'new-password', hint: '至少 8 位，须同时包含字母和数字' },
    { id: 'confirmPassword', label: '确认新密码', autoComplete: 'new-password' },
  ];
  return (
    <form action={action} className="max-w-sm space-y-4" noValidate aria-label="修改密码">
      {fields.map((f) => (
        <Field key={f.id} id={f.id} label={f.label} error={errors[f.id]} hint={f.hint}>
          <Input
            id={f.id}
            name={f.id}
            type="password"
            autoComplete={f.autoComplete}
            maxLength={128}
            required
            className="mt-1 w-full"
            invalid={errors[f.id]}
            {...describedBy(f.id, errors[f.id], f.hint)}
          />
        </Field>
      ))}
      <FormMessage state={state} />
      <SubmitButton pendingText="正在修改…">修改密码</SubmitButton>
    </form>
  );
}
