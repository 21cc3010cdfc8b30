import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-10 text-center">
      <h1 className="text-2xl font-bold">页面不存在</h1>
      <Link href="/" className="mt-6 inline-block text-brand underline">
        返回首页
      </Link>
    </main>
  );
}
