/**
 * The digest of what the disclosure view renders: SHA-256 (base64url) of exactly its props — the built document,
 * the performance forms and the region's name. The view is pure, so equal digests mean equal pages. It is the
 * rendered-HTML cache key (components/DisclosureDocument.tsx) and what a publication's render token carries: the
 * print page refuses to render a document whose digest differs from the frozen one.
 */
import { createHash } from 'node:crypto';
import type { DisclosureDocument } from '../disclosure/document';
import type { PerformanceForm } from '../performance/form';

export interface DisclosureViewInput {
  doc: DisclosureDocument;
  forms: readonly PerformanceForm[];
  regionName: string;
}

export function disclosureDigest(props: DisclosureViewInput): string {
  return createHash('sha256').update(JSON.stringify([props.doc, props.forms, props.regionName])).digest('base64url');
}
