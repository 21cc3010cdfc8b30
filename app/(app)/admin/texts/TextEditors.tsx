'use client';

import { useActionState, useState } from 'react';
import type { GlossaryEntry, RegionTexts } from '@/lib/region/texts';
import type { FormState } from '@/lib/action';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';
import { FormMessage, SubmitButton } from '@/components/ui/form';
import { Input, Textarea } from '@/components/ui/input';
import { listNumeral } from '@/lib/disclosure/functionClasses';
import { saveRegionTextsAction } from './actions';

type SaveState = FormState<{ message: string; texts: RegionTexts }>;

/** Submits without React's automatic form reset (these editors keep their own state), with the pressed button. */
function submitHandler(action: (fd: FormData) => void) {
  return (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const fd = new FormData(e.currentTarget, submitter);
    action(fd);
  };
}

/** Calls `apply` once with the saved texts each time a save succeeds (adjusting state during render). */
function useSavedTexts(state: SaveState, apply: (t: RegionTexts) => void) {
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) apply(state.texts);
  }
}

/** 保存, and 恢复默认 after a confirmation (it replaces what is there, which cannot be undone). */
function Buttons({ pending }: { pending: boolean }) {
  return (
    <div className="flex gap-2">
      <SubmitButton name="intent" value="save" pending={pending} pendingText="正在保存…">
        保存
      </SubmitButton>
      <SubmitButton
        variant="secondary"
        name="intent"
        value="reset"
        pending={pending}
        pendingText="恢复默认"
        confirm={{ title: '恢复默认内容', consequence: '当前内容将被替换为默认内容，替换后不能撤销。', confirmLabel: '确定恢复' }}
      >
        恢复默认
      </SubmitButton>
    </div>
  );
}

export function GlossaryEditor({ initial }: { initial: GlossaryEntry[] }) {
  const [state, action, pending] = useActionState(saveRegionTextsAction, null);
  const [entries, setEntries] = useState<GlossaryEntry[]>(initial);
  useSavedTexts(state, (t) => setEntries(t.glossary));
  const errors = state && !state.ok ? state.fieldErrors : {};
  const update = (i: number, patch: Partial<GlossaryEntry>) =>
    setEntries((list) => list.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const move = (i: number, d: -1 | 1) =>
    setEntries((list) => {
      const j = i + d;
      if (j < 0 || j >= list.length) return list;
      const next = [...list];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });
  return (
    <form onSubmit={submitHandler(action)} noValidate aria-label="名词解释" className="grid gap-6 lg:grid-cols-2">
      <input type="hidden" name="section" value="glossary" />
      <input type="hidden" name="glossary" value={JSON.stringify(entries)} />
      <div className="space-y-3">
        {entries.map((e, i) => (
          <fieldset key={i} className="rounded border border-stone-200 p-3">
            <legend className="px-1 text-sm text-stone-500">第 {i + 1} 条</legend>
            <label htmlFor={`term-${i}`} className="block text-sm font-medium text-stone-700">
              名词
            </label>
            <Input
              id={`term-${i}`}
              value={e.term}
              maxLength={40}
              onChange={(ev) => update(i, { term: ev.target.value })}
              className="mt-1 w-full"
              invalid={errors[`glossary.${i}.term`]}
            />
            <FieldError message={errors[`glossary.${i}.term`]} />
            <label htmlFor={`definition-${i}`} className="mt-2 block text-sm font-medium text-stone-700">
              解释
            </label>
            <Textarea
              id={`definition-${i}`}
              value={e.definition}
              rows={3}
              maxLength={2000}
              onChange={(ev) => update(i, { definition: ev.target.value })}
              className="mt-1 w-full"
              invalid={errors[`glossary.${i}.definition`]}
            />
            <FieldError message={errors[`glossary.${i}.definition`]} />
            <div className="mt-2 flex gap-2">
              <Button variant="secondary" size="sm" onClick={() => move(i, -1)} disabled={i === 0}>
                上移
              </Button>
              <Button variant="secondary" size="sm" onClick={() => move(i, 1)} disabled={i === entries.length - 1}>
                下移
              </Button>
              <Button variant="danger" size="sm" onClick={() => setEntries((list) => list.filter((_, j) => j !== i))}>
                删除
              </Button>
            </div>
          </fieldset>
        ))}
        <Button
          variant="secondary"
          onClick={() => setEntries((list) => [...list, { term: '', definition: '' }])}
          disabled={entries.length >= 50}
        >
          添加一条
        </Button>
        <FieldError message={errors.glossary} />
        <FormMessage state={state} />
        <Buttons pending={pending} />
      </div>
      <div aria-label="名词解释预览" className="rounded border border-stone-200 bg-stone-50 p-4 text-sm leading-7">
        <p className="mb-2 text-xs text-stone-500">预览</p>
        <h3 className="mb-2 text-center font-bold">第四部分 名词解释</h3>
        {entries.map((e, i) => (
          <p key={i} className="indent-8">
            <strong>
              {listNumeral(i + 1)}、{e.term.trim() || '（名词）'}：
            </strong>
            {e.definition.trim() || '（解释）'}
          </p>
        ))}
      </div>
    </form>
  );
}

export function CatalogEditor({ initial }: { initial: string }) {
  const [state, action, pending] = useActionState(saveRegionTextsAction, null);
  const [text, setText] = useState(initial);
  useSavedTexts(state, (t) => setText(t.purchaseCatalog));
  const errors = state && !state.ok ? state.fieldErrors : {};
  const lines = text.split('\n');
  return (
    <form onSubmit={submitHandler(action)} noValidate aria-label="政府购买服务指导性目录" className="grid gap-6 lg:grid-cols-2">
      <input type="hidden" name="section" value="purchaseCatalog" />
      <div className="space-y-3">
        <label htmlFor="purchase-catalog" className="block text-sm font-medium text-stone-700">
          目录内容（每行一条；用制表符分隔的行显示为表格，可直接从 Excel 复制粘贴）
        </label>
        <Textarea
          id="purchase-catalog"
          name="purchaseCatalog"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={24}
          className="mt-1 font-mono text-xs w-full"
          invalid={errors.purchaseCatalog}
        />
        <p className="text-xs text-stone-500">{text.length.toLocaleString('zh-CN')} / 100,000 字</p>
        <FieldError message={errors.purchaseCatalog} />
        <FormMessage state={state} />
        <Buttons pending={pending} />
      </div>
      <div aria-label="目录预览" className="max-h-[40rem] overflow-auto rounded border border-stone-200 bg-stone-50 p-4 text-sm">
        <p className="mb-2 text-xs text-stone-500">预览</p>
        <CatalogPreview lines={lines} />
      </div>
    </form>
  );
}

function CatalogPreview({ lines }: { lines: string[] }) {
  const blocks: ({ kind: 'p'; text: string } | { kind: 'table'; rows: string[][] })[] = [];
  for (const line of lines) {
    if (line.includes('\t')) {
      const last = blocks[blocks.length - 1];
      const cells = line.split('\t');
      if (last?.kind === 'table') last.rows.push(cells);
      else blocks.push({ kind: 'table', rows: [cells] });
    } else if (line.trim() !== '') blocks.push({ kind: 'p', text: line });
  }
  return (
    <>
      {blocks.map((b, i) =>
        b.kind === 'p' ? (
          <p key={i} className="my-1">
            {b.text}
          </p>
        ) : (
          <table key={i} className="my-2 w-full border-collapse text-xs">
            <tbody>
              {b.rows.map((r, j) => (
                <tr key={j}>
                  {r.map((c, k) => (
                    <td key={k} className="border border-stone-300 px-1 py-0.5">
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ),
      )}
    </>
  );
}

export function TablesEditor({ titles, emptyNote, year }: { titles: string[]; emptyNote: string; year: number }) {
  const [state, action, pending] = useActionState(saveRegionTextsAction, null);
  const [list, setList] = useState(titles);
  const [note, setNote] = useState(emptyNote);
  const [previewYear, setPreviewYear] = useState(String(year));
  useSavedTexts(state, (t) => {
    setList(t.tableTitles);
    setNote(t.emptyTableNote);
  });
  const errors = state && !state.ok ? state.fieldErrors : {};
  const y = /^\d{4}$/.test(previewYear) ? previewYear : String(year);
  return (
    <form onSubmit={submitHandler(action)} noValidate aria-label="表格标题与空表说明" className="space-y-4">
      <input type="hidden" name="section" value="tables" />
      <div className="flex flex-wrap items-end gap-4">
        <div className="w-72">
          <label htmlFor="empty-note" className="block text-sm font-medium text-stone-700">
            空表说明
          </label>
          <Input
            id="empty-note"
            name="emptyTableNote"
            value={note}
            maxLength={60}
            onChange={(e) => setNote(e.target.value)}
            className="mt-1 w-full"
            invalid={errors.emptyTableNote}
          />
          <FieldError message={errors.emptyTableNote} />
        </div>
        <div className="w-32">
          <label htmlFor="preview-year" className="block text-sm font-medium text-stone-700">
            预览年度
          </label>
          <Input
            id="preview-year"
            value={previewYear}
            onChange={(e) => setPreviewYear(e.target.value)}
            inputMode="numeric"
            className="mt-1 w-full"
          />
        </div>
      </div>
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-stone-300 text-left">
            <th scope="col" className="w-28 p-1">表号</th>
            <th scope="col" className="p-1">标题模板（{'{year}'} 代表预算年度）</th>
            <th scope="col" className="p-1">预览</th>
          </tr>
        </thead>
        <tbody>
          {list.map((t, i) => (
            <tr key={i} className="border-b border-stone-100 align-top">
              <th scope="row" className="p-1 text-left font-normal">
                <label htmlFor={`title-${i}`}>预算公开表{i + 1}</label>
              </th>
              <td className="p-1">
                <Input
                  id={`title-${i}`}
                  name={`tableTitles.${i}`}
                  value={t}
                  maxLength={80}
                  onChange={(e) => setList((l) => l.map((x, j) => (j === i ? e.target.value : x)))}
                  className="w-full"
                  invalid={errors[`tableTitles.${i}`]}
                />
                <FieldError message={errors[`tableTitles.${i}`]} />
              </td>
              <td className="p-1 pt-2 font-medium" data-testid={`title-preview-${i + 1}`}>
                {t.replaceAll('{year}', y)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div aria-label="空表预览" className="rounded border border-stone-200 bg-stone-50 p-4 text-sm">
        <p className="text-xs text-stone-500">空表预览</p>
        <p className="text-xs">预算公开表7</p>
        <p className="text-center font-bold">{(list[6] ?? '').replaceAll('{year}', y)}</p>
        <p className="mt-2 text-xs">{note}</p>
      </div>
      <FieldError message={errors.tableTitles} />
      <FormMessage state={state} />
      <Buttons pending={pending} />
    </form>
  );
}
