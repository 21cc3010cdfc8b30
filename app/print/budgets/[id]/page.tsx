import type { Metadata } from 'next';
import { forbidden, notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { currentActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { readBudgetFacts, readBudgetFactsForRender } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { verifyRenderToken } from '@/lib/export/renderToken';
import { buildDocument } from '@/lib/disclosure/document';
import { loadRegionTexts } from '@/lib/region/texts';
import { DisclosureDocument } from '@/components/DisclosureDocument';
import { PrintButton } from '@/components/PrintButton';

export const metadata: Metadata = { title: '打印', robots: { index: false } };

/**
 * The disclosure laid out for paper: what the PDF export renders (opened by the server's Chromium with a
 * render token) and what a signed-in reader prints.
 */
export default async function PrintBudgetPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ rt?: string }>;
}) {
  const id = parseId((await params).id);
  if (id === null) notFound();
  const { rt } = await searchParams;
  const db = getDb();
  let data;
  try {
    if (typeof rt === 'string') data = readBudgetFactsForRender(db, id, rt, verifyRenderToken);
    else {
      const actor = await currentActor();
      if (!actor) forbidden();
      data = readBudgetFacts(db, actor, id);
    }
  } catch (e) {
    if (e instanceof ForbiddenError) forbidden();
    throw e;
  }
  const doc = buildDocument(data.facts, loadRegionTexts(db));
  return (
    <main className="print-document mx-auto max-w-[210mm] bg-white px-6 py-6">
      {typeof rt === 'string' ? null : <PrintButton />}
      <DisclosureDocument doc={doc} forms={data.facts.forms} regionName={data.facts.department.regionName} />
    </main>
  );
}
