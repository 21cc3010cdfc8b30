import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/session';
import { isDemoMode } from '@/lib/env';
import { DEMO_ACCOUNTS } from '@/db/seed/demo/accounts';
import { ROLE_LABEL } from '@/lib/auth/authorize';
import { LoginForm } from './LoginForm';

export const metadata: Metadata = { title: '登录' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentActor()) redirect('/');
  const { callbackUrl } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md">
        <h1 className="mb-1 text-center text-2xl font-bold text-brand">部门预算编报与公开</h1>
        <p className="mb-6 text-center text-sm text-stone-500">部门编报 · 财政审核 · 依法公开</p>
        <div className="rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
          <LoginForm callbackUrl={typeof callbackUrl === 'string' ? callbackUrl : undefined} />
        </div>
        {isDemoMode() ? (
          <section className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm" aria-label="演示账号">
            <h2 className="mb-2 font-medium">演示账号（仅演示模式显示）</h2>
            <table className="w-full">
              <tbody>
                {DEMO_ACCOUNTS.map((a) => (
                  <tr key={a.username}>
                    <td className="py-0.5 pr-2">{ROLE_LABEL[a.role]}</td>
                    <td className="pr-2 font-mono">{a.username}</td>
                    <td className="font-mono">{a.password}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
        <p className="mt-4 text-center text-sm">
          <Link href="/public" className="text-stone-500 underline">
            查看已公开的部门预算
          </Link>
        </p>
      </div>
    </main>
  );
}
