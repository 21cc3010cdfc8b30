'use client';

/**
 * What a person sees when a page fails unexpectedly: a Chinese explanation, what they can do, and the error's
 * reference (Next's digest, which the server log carries) to quote to the administrator. Nothing typed is lost by
 * retrying: edits are saved one by one, and a failed save keeps its input where it was typed.
 */
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';

export function ErrorNotice({ digest, retry }: { digest?: string; retry: () => void }) {
  return (
    <main className="mx-auto max-w-xl p-10 text-center" role="alert">
      <h1 className="text-2xl font-bold text-brand">页面出错了</h1>
      <p className="mt-4 text-stone-600">服务器处理这个页面时发生了意外错误。已保存的数据不受影响，请稍后重试。</p>
      <p className="mt-2 text-stone-600">如果问题反复出现，请把下面的错误编号告诉系统管理员。</p>
      {digest ? (
        <p className="mt-2 font-mono text-sm text-stone-500">
          错误编号：<span data-testid="error-digest">{digest}</span>
        </p>
      ) : null}
      <div className="mt-6 flex justify-center gap-4">
        <button type="button" className={buttonClass('primary')} onClick={retry}>
          重试
        </button>
        <Link href="/" className={buttonClass('secondary')}>
          返回首页
        </Link>
      </div>
    </main>
  );
}
