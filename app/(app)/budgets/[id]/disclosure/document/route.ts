import { budgetForRoute } from '@/lib/budget/routeAccess';
import { buildDocument } from '@/lib/disclosure/document';
import { loadRegionTexts } from '@/lib/region/texts';
import { disclosureDocumentBytes, renderedDisclosureDocument } from '@/components/DisclosureDocument';

/** Does an If-None-Match header name this entity tag (or `*`)? */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}

/**
 * The disclosure document of the preview page as an HTML fragment, loaded by the page after its own render. The
 * reader's rights are checked through the domain on every request; the HTML comes from the rendered-document cache.
 * A budget before publication is a private document, so no cache (the browser's included) may store it; the cache
 * key is still sent as entity tag, and a client that kept its copy anyway and names it gets 304 Not Modified.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const read = await budgetForRoute((await params).id);
  if (!read.ok) return read.response;
  const { db, facts } = read;
  const rendered = renderedDisclosureDocument({
    doc: buildDocument(facts, loadRegionTexts(db)),
    forms: facts.forms,
    regionName: facts.department.regionName,
  });
  const etag = `"${rendered.key}"`;
  const headers: Record<string, string> = {
    etag,
    // private documents are not stored by any cache (a shared computer's browser cache included)
    'cache-control': 'private, no-store',
    vary: 'Accept-Encoding, Cookie',
  };
  if (matches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  headers['content-type'] = 'text/html; charset=utf-8';
  // Next.js compresses the response for clients that accept it (a route cannot send its own Content-Encoding)
  return new Response(disclosureDocumentBytes(rendered), { headers });
}
