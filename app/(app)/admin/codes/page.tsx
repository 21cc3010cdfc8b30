import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listYears } from '@/lib/admin/years';
import { linesWithUnknownCodes, listBook } from '@/lib/codebook/import';
import { CODE_BOOK_KINDS, CODE_BOOK_LABEL, type CodeBookKind } from '@/lib/codebook/kinds';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { requireAdmin, yearParam } from '../_lib/guard';
import { AffectedTable, CodeImport } from './CodeImport';

export const metadata: Metadata = { title: '科目' };

const LEVEL = ['', '类', '款', '项'];
const LIST_LIMIT = 300;

export default async function CodesPage({
  searchParams,
}: {
  searchParams: Promise<{ year?: string; kind?: string; q?: string }>;
}) {
  const actor = await requireAdmin();
  const db = getDb();
  const sp = await searchParams;
  const years = listYears(db, actor);
  const current = years.find((y) => y.isCurrent)?.year ?? years[0]?.year ?? new Date().getFullYear();
  // existing years, and the next one so its book can be loaded before the year is opened
  const choices = [...new Set([...years.map((y) => y.year), (years[0]?.year ?? current) + 1])].sort((a, b) => b - a);
  const year = yearParam(sp.year, current) ?? current;
  const kind: CodeBookKind = CODE_BOOK_KINDS.includes(sp.kind as CodeBookKind) ? (sp.kind as CodeBookKind) : 'functional';
  const yearRow = years.find((y) => y.year === year);
  const closed = yearRow?.status === 'closed';
  const book = listBook(db, actor, kind, year);
  const q = (sp.q ?? '').trim().slice(0, 40);
  const matching = q ? book.filter((r) => r.code.startsWith(q) || r.name.includes(q)) : book;
  const counts = [1, 2, 3].map((l) => book.filter((r) => r.level === l).length);
  const unknown = linesWithUnknownCodes(db, actor, kind, year);

  return (
    <div className="space-y-8">
      <section>
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h1 className="text-xl font-bold">科目（政府收支分类科目）</h1>
          <Link href={`/admin/codes/mapping?year=${year}`} className="text-sm text-brand underline">
            部门经济科目与政府经济科目对照表
          </Link>
        </div>
        <form method="get" className="mt-3 flex flex-wrap items-end gap-3 text-sm" aria-label="选择科目">
          <div>
            <label htmlFor="codes-year" className="block font-medium text-stone-700">
              年度
            </label>
            <Select id="codes-year" name="year" defaultValue={year} className="mt-1 w-auto">
              {choices.map((y) => (
                <option key={y} value={y}>
                  {y}年{years.some((r) => r.year === y) ? '' : '（未开启）'}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <label htmlFor="codes-kind" className="block font-medium text-stone-700">
              科目类别
            </label>
            <Select id="codes-kind" name="kind" defaultValue={kind} className="mt-1 w-auto">
              {CODE_BOOK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {CODE_BOOK_LABEL[k]}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary">
            查看
          </Button>
        </form>
      </section>

      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">
          导入{year}年{CODE_BOOK_LABEL[kind]}
        </h2>
        {closed ? (
          <p className="mt-2 text-sm text-stone-600">{year} 年度已关闭，不能更换科目。</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-stone-600">
              上传财政部发布的政府收支分类科目（CSV 或 xlsx，不超过 5 MB、20,000 行）。需要“科目编码”和“科目名称”两列（列名可为“编码”“代码”“名称”等，
              也可以是“类”“款”“项”分列的编码）；级次由编码长度决定：
              {kind === 'functional' ? '3 位为类，5 位为款，7 位为项' : '3 位为类，5 位为款'}。导入前会列出新增、更名和删除的科目以及受影响的预算明细，确认后整体替换本年度的该类科目。
              {year > (years[0]?.year ?? 0) ? ' 该年度尚未开启；开启时将沿用此处导入的科目。' : ''}
            </p>
            <div className="mt-4">
              <CodeImport key={`${year}-${kind}`} year={year} kind={kind} kindLabel={CODE_BOOK_LABEL[kind]} />
            </div>
          </>
        )}
      </section>

      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">使用了本年度科目表中没有的科目的预算明细</h2>
        <div className="mt-2">
          <AffectedTable lines={unknown} caption="科目不在科目表中的预算明细" />
        </div>
      </section>

      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="book-heading" className="text-lg font-bold">
          现行{year}年{CODE_BOOK_LABEL[kind]}
        </h2>
        <p className="mt-1 text-sm text-stone-600">
          共 {book.length} 条：类 {counts[0]} 条，款 {counts[1]} 条{kind === 'functional' ? `，项 ${counts[2]} 条` : ''}。
        </p>
        <form method="get" className="mt-3 flex gap-2 text-sm" aria-label="查找科目">
          <input type="hidden" name="year" value={year} />
          <input type="hidden" name="kind" value={kind} />
          <label htmlFor="codes-q" className="sr-only">
            编码或名称
          </label>
          <Input
            id="codes-q"
            name="q"
            defaultValue={q}
            placeholder="编码开头或名称"
            className="w-64"
          />
          <Button type="submit" variant="secondary">
            查找
          </Button>
          {q ? (
            <Link href={`/admin/codes?year=${year}&kind=${kind}`} className="self-center text-brand underline">
              清除
            </Link>
          ) : null}
        </form>
        <table aria-labelledby="book-heading" className="mt-3 w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-stone-300 text-left">
              <th scope="col" className="w-28 p-1">编码</th>
              <th scope="col" className="w-12 p-1">级次</th>
              <th scope="col" className="p-1">名称</th>
            </tr>
          </thead>
          <tbody>
            {matching.slice(0, LIST_LIMIT).map((r) => (
              <tr key={r.code} className="border-b border-stone-100">
                <td className="p-1 font-mono">{r.code}</td>
                <td className="p-1">{LEVEL[r.level]}</td>
                <td className={`p-1 ${r.level === 2 ? 'pl-4' : r.level === 3 ? 'pl-8' : 'font-medium'}`}>{r.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {matching.length > LIST_LIMIT ? (
          <p className="mt-2 text-sm text-stone-500">
            仅显示前 {LIST_LIMIT} 条（共 {matching.length} 条），请用查找缩小范围。
          </p>
        ) : null}
        {book.length === 0 ? <p className="mt-2 text-sm text-stone-500">该年度尚无此类科目。</p> : null}
      </section>
    </div>
  );
}
