import 'server-only';
/**
 * Pinyin initials of the code names, for the pickers' search (lib/codebook/search.ts). Computed on the server: the
 * pinyin dictionary stays out of the browser's bundle, which receives the initials with the options.
 */
import { pinyin } from 'pinyin-pro';
import type { CodeOption } from '../budget/edit/options';
import type { PickerOption } from './search';

/** name → initials; code names are few (a code book's), so the cache stays small across requests. */
const cache = new Map<string, string>();

/** Lower-case pinyin initials of a name's Chinese characters (`行政运行` → `xzyx`); other characters are left out. */
export function pinyinInitials(name: string): string {
  let initials = cache.get(name);
  if (initials === undefined) {
    initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('').toLowerCase();
    cache.set(name, initials);
  }
  return initials;
}

/** The options with their names' initials, those whose code is in `used` marked. */
export function pickerOptions(options: readonly CodeOption[], used: ReadonlySet<string>): PickerOption[] {
  return options.map((o) => ({ ...o, initials: pinyinInitials(o.name), ...(used.has(o.code) ? { used: true } : {}) }));
}
