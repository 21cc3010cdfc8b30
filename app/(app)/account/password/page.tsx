import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentActorForPasswordChange } from '@/lib/auth/session';
import { PasswordForm } from './PasswordForm';

export const metadata: Metadata = { title: '修改密码' };

/** The one page a user who must change their password can open (every other sends them here). */
export default async function ChangePasswordPage() {
  const actor = await currentActorForPasswordChange();
  if (!actor) redirect('/login');
  const forced = actor.mustChangePassword === true;
  return (
    <section className="max-w-xl">
      <h1 className="text-xl font-bold">修改密码</h1>
      {forced ? (
        <p role="status" className="mt-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">
          您的密码由管理员设置，请先设置自己的新密码再继续使用。
        </p>
      ) : (
        <p className="mt-1 text-sm text-stone-600">修改后，您在其他设备上的登录将失效。</p>
      )}
      <div className="mt-6">
        <PasswordForm />
      </div>
    </section>
  );
}
