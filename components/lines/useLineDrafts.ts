'use client';

/**
 * What the grid's cells hold between a keystroke and the server's answer: the drafts (what was typed in a cell, with
 * the line version the edit started from), each cell's error and pending save, and the lines as this tab last saved
 * them. A cell save answers with the saved line only (no page render): the line shows at once, and the page (totals
 * by 类, findings) is refreshed REFRESH_AFTER_MS after the clerk's last save, so a burst of edits costs one render.
 * A refused save keeps the draft with its error. A stale one keeps the draft with the version it began from, so
 * saving it again is refused again (a second Enter never writes over the other window's value); Esc drops the draft
 * and shows the current value, which the row already holds, and a new edit starts from it.
 */
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { NETWORK_ERROR } from '@/components/ui/useEditAction';
import type { LineView } from '@/lib/budget/edit/lines';
import { editText, keyOf, type EditCol } from './cells';
import { toGridLine, type GridLine, type LinesGridActions } from './types';

/** How long after the last cell save the page refreshes its totals and findings. */
const REFRESH_AFTER_MS = 400;

interface Draft {
  value: string;
  /** The line version the edit started from (sent with the save). */
  baseVersion: number;
}

export function useLineDrafts(budgetId: number, serverLines: GridLine[], update: LinesGridActions['update']) {
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [fresh, setFresh] = useState<Record<number, GridLine>>({});
  const [, startTransition] = useTransition();
  const router = useRouter();
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );
  const refreshSoon = () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => router.refresh(), REFRESH_AFTER_MS);
  };

  // saved values from this tab's own saves show at once; the server's refreshed rows win once they are newer
  const lines = useMemo(
    () => serverLines.map((l) => (fresh[l.id] && fresh[l.id].version > l.version ? fresh[l.id] : l)),
    [serverLines, fresh],
  );
  const lineById = useMemo(() => new Map(lines.map((l) => [l.id, l])), [lines]);

  /** The line as it is now (a stale refusal's current value, or a line saved elsewhere in the grid). */
  const showCurrent = (l: LineView) => setFresh((f) => ({ ...f, [l.id]: toGridLine(l) }));

  function start(line: GridLine, col: EditCol, initial?: string) {
    const key = keyOf(line.id, col);
    setDrafts((d) => {
      if (d[key]) return initial === undefined ? d : { ...d, [key]: { ...d[key], value: initial } };
      return { ...d, [key]: { value: initial ?? editText(line, col), baseVersion: line.version } };
    });
  }

  function setValue(lineId: number, col: EditCol, value: string) {
    const key = keyOf(lineId, col);
    setDrafts((d) => ({ ...d, [key]: { baseVersion: d[key]?.baseVersion ?? lineById.get(lineId)?.version ?? 1, value } }));
  }

  function drop(key: string) {
    setDrafts(({ [key]: _d, ...rest }) => rest);
    setErrors(({ [key]: _e, ...rest }) => rest);
  }

  /** Saves a cell's draft (with `value` as finally typed, if given); an unchanged cell just drops its draft. */
  function save(lineId: number, col: EditCol, value?: string) {
    const key = keyOf(lineId, col);
    const draft = drafts[key];
    const line = lineById.get(lineId);
    if (!draft || !line) return;
    const typed = value ?? draft.value;
    if (value !== undefined) setValue(lineId, col, value);
    if (typed === editText(line, col) && draft.baseVersion === line.version) {
      drop(key);
      return;
    }
    setPending((p) => ({ ...p, [key]: true }));
    startTransition(async () => {
      let r;
      try {
        r = await update({ budgetId, lineId, version: draft.baseVersion, changes: { [col]: typed } });
      } catch {
        r = null;
      }
      setPending(({ [key]: _p, ...rest }) => rest);
      if (r === null) {
        setErrors((e) => ({ ...e, [key]: NETWORK_ERROR }));
        return;
      }
      if (r.ok) {
        drop(key);
        showCurrent(r.line);
        refreshSoon();
        return;
      }
      setErrors((e) => ({ ...e, [key]: r.fieldErrors[col] ?? r.formError ?? '保存失败' }));
      // the row takes the current line (shown once the draft is dropped); the draft keeps its old version
      if (r.reason === 'stale' && r.current) showCurrent(r.current);
    });
  }

  return { lines, lineById, drafts, errors, pending, start, setValue, drop, save, showCurrent };
}
