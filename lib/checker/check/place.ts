/** Building findings of the document checks: the rule's finding (lib/rules) plus where in the document it is. */
import { finding } from '../../rules/context';
import { tableName } from '../../rules/format';
import type { FindingLocation, Severity } from '../../rules/types';
import type { ProfileTable } from '../model';
import type { DocFinding, Place } from './types';

export interface DocRule {
  id: string;
  severity: Severity;
  /** Chinese, for the catalogue (lib/rules/README.md, “Imported disclosures”). */
  title: string;
}

export function docFinding(
  rule: DocRule,
  location: FindingLocation,
  message: string,
  place: Partial<Place>,
  discriminator?: string,
): DocFinding {
  return {
    ...finding(rule, location, message, discriminator),
    place: { page: null, table: null, row: null, column: null, section: null, quote: null, ...place },
  };
}

/** The place of a table cell. */
export function cellPlace(t: ProfileTable, row: string | null, column: string | null): Partial<Place> {
  return { page: t.page, table: tableName(t.no), row, column };
}

/** Text around an offset, for quoting. */
export function around(text: string, start: number, end: number, pad = 12): string {
  const a = Math.max(0, start - pad);
  const b = Math.min(text.length, end + pad);
  return (a > 0 ? '…' : '') + text.slice(a, b).replace(/\s+/g, ' ') + (b < text.length ? '…' : '');
}
