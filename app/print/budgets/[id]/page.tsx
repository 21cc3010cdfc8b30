import type { Metadata } from 'next';
import { cache } from 'react';
import { headers } from 'next/headers';
import { forbidden, notFound, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { currentActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { readBudgetFacts, readBudgetFactsForRender } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { parseRenderToken, RENDER_TOKEN_HEADER } from '@/lib/export/renderToken';
import { buildDocument } from '@/lib/disclosure/document';
import { DOCUMENT_FACE_CLASS, loadRegionTexts } from '@/lib/region/texts';
import { DisclosureDocument } from '@/components/DisclosureDocument';
import { disclosureDigest } from '@/lib/pdf/printDigest';
import { PrintButton } from '@/components/PrintButton';
// the serif face of printed documents (the region's default), self-hosted like the sans face of the app
import '@fontsource/noto-serif-sc/400.css';
import '@fontsource/noto-serif-sc/700.css';

/**
 * What the page shows, read once per request for the page and its metadata (React `cache`): through the render
 * token when the server's Chromium asks, else as the signed-in reader.
 */
const printData = cache(async (id: number) => {
  const token = (await headers()).get(RENDER_TOKEN_HEADER);
  const db = getDb();
  let data;
  let digest: string | null = null;
  try {
    if (token !== null) {
      const r = readBudgetFactsForRender(db, id, token, parseRenderToken);
      data = r;
      digest = r.grant.digest;
    } else {
      const actor = await currentActor();
      if (!actor) forbidden();
      data = readBudgetFacts(db, actor, id);
    }
  } catch (e) {
    if (e instanceof ForbiddenError) forbidden();
    throw e;
  }
  const region = loadRegionTexts(db);
  const props = { doc: buildDocument(data.facts, region), forms: data.facts.forms, regionName: data.facts.department.regionName };
  return { props, digest, rendering: token !== null, faceClass: DOCUMENT_FACE_CLASS[region.documentFace] };
});

/** The document's own name (the PDF's title): 泽州县人力资源和社会保障局2024年度部门预算公开. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const id = parseId((await params).id);
  if (id === null) notFound();
  const { cover } = (await printData(id)).props.doc;
  return { title: { absolute: `${cover.title}${cover.subtitle}` }, robots: { index: false } };
}

/**
 * The disclosure laid out for paper: what the PDF export renders and what a signed-in reader prints.
 *
 * The server's Chromium opens it with a render token in the `x-render-token` header (never in the URL). A
 * publication's token carries the digest of the frozen document: when what this page would render now differs
 * (a region text or a figure was saved after the publication was prepared), it renders nothing and answers 409
 * (through ./conflict), so the PDF is always the frozen document.
 */
export default async function PrintBudgetPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseId((await params).id);
  if (id === null) notFound();
  const { props, digest, rendering, faceClass } = await printData(id);
  if (digest !== null && disclosureDigest(props) !== digest) redirect(`/print/budgets/${id}/conflict`);
  return (
    <main className={`print-document ${faceClass} mx-auto max-w-[210mm] bg-white px-6 py-6`}>
      {rendering ? null : <PrintButton />}
      <DisclosureDocument {...props} />
    </main>
  );
}
