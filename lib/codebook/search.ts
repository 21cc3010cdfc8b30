/**
 * The code pickers' search (client-safe: no database, no pinyin dictionary). An option is found by its code, its
 * name, its name's pinyin initials ("gz" finds 基本工资; computed on the server, lib/codebook/pinyin.ts) or its parent
 * levels' names. Better matches come first (a prefix of the code, the name or the initials before a match inside
 * them, before a parent's name); within the same quality the codes the department already uses come first, then
 * code order.
 */
import type { CodeOption } from '../budget/edit/options';

/** A code as a picker offers it: with its name's pinyin initials and whether the department already uses it. */
export interface PickerOption extends CodeOption {
  /** Lower-case pinyin initials of the name (`基本工资` → `jbgz`). */
  initials?: string;
  /** The department's lines or project items already use this code. */
  used?: boolean;
}

/** How well an option matches a query: 0 best; -1 no match. */
function quality(o: PickerOption, q: string, letters: string | null): number {
  if (o.code.startsWith(q) || o.name.startsWith(q) || (letters !== null && o.initials?.startsWith(letters))) return 0;
  if (o.name.includes(q) || (letters !== null && o.initials?.includes(letters)) || `${o.code} ${o.name}`.includes(q)) return 1;
  if (o.hint?.includes(q)) return 2;
  return -1;
}

/**
 * The options matching `query` (all for an empty one), best first, at most `limit` of them, and how many matched in
 * all (for the picker's count).
 */
export function searchCodes<T extends PickerOption>(options: readonly T[], query: string, limit = 50): { matches: T[]; total: number } {
  const q = query.trim();
  const letters = /^[a-z]+$/i.test(q) ? q.toLowerCase() : null;
  const ranked: { o: T; rank: number }[] = [];
  for (const o of options) {
    const rank = q === '' ? 0 : quality(o, q, letters);
    if (rank >= 0) ranked.push({ o, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || Number(Boolean(b.o.used)) - Number(Boolean(a.o.used)) || (a.o.code < b.o.code ? -1 : a.o.code > b.o.code ? 1 : 0));
  return { matches: ranked.slice(0, limit).map((r) => r.o), total: ranked.length };
}
