'use client';

import { useActionState } from 'react';
import { signInAction, type SignInState } from './actions';

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <div>
        <label htmlFor="username" className="block text-sm font-medium">
          用户名
        </label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          required
          maxLength={64}
          defaultValue={state.username}
          className="mt-1 w-full rounded border border-stone-300 px-3 py-2 focus:border-brand focus:outline-none"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          密码
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={128}
          className="mt-1 w-full rounded border border-stone-300 px-3 py-2 focus:border-brand focus:outline-none"
        />
      </div>
      {state.error ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-brand py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60"
      >
        {pending ? '正在登录…' : '登录'}
      </button>
    </form>
  );
}
