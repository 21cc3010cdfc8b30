import { RENDER_MESSAGES } from '@/lib/pdf/queue';

/**
 * Where the print page sends the PDF browser when the budget no longer is the document being published: a page
 * cannot answer 409 itself, so it redirects here. Reveals nothing (the same text for any id).
 */
export function GET() {
  return new Response(RENDER_MESSAGES.changed, { status: 409, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
