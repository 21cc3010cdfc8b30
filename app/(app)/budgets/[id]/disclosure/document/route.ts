import { getDb } from '@/db/client';
import { routeActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { readBudgetFacts } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { buildDocument } from '@/lib/disclosure/document';
import { loadRegionTexts } from '@/lib/region/texts';
import { disclosureDocumentBytes, renderedDisclosureDocument } from '@/components/DisclosureDocument';

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });

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
  const { actor, refusal } = await routeActor();
  if (!actor) return text(refusal.status, refusal.message);
  const id = parseId((await params).id);
  if (id === null) return text(404, '预算不存在');
  const db = getDb();
  let facts;
  try {
    facts = readBudgetFacts(db, actor, id).facts;
  } catch (e) {
    if (e instanceof ForbiddenError) return text(403, e.message || '无权查看该预算');
    throw e;
  }
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
