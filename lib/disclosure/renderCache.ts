/**
 * The disclosure document's rendered HTML, kept in memory per distinct set of view props, so the preview, review,
 * print and public pages do not re-render some ten thousand elements (48 printed pages for the demo) on every
 * request. The key is the props' digest (lib/pdf/printDigest.ts, the one key function: also what a publication's
 * print page must match). The view is pure and reads nothing else, so any change to the figures, texts, forms or
 * region texts gives a new key; there is nothing to invalidate, and a server process's cache never disagrees with
 * another's (a miss only costs a render).
 *
 * The renderer is an argument: lib/ does not import components/ (components/DisclosureDocument.tsx passes React's
 * rendering of the view).
 */
import { disclosureDigest, type DisclosureViewInput } from '../pdf/printDigest';

/**
 * Cached HTML is bounded by size: 16 Mi characters, at most ~32 MB of the server's 256 MiB heap (their UTF-8 copies
 * live outside it); the demo's document is 0.25 Mi.
 */
const CACHE_LIMIT_CHARS = 16 * 1024 * 1024;

interface RenderedDocument {
  /** The props' digest (base64url): also the HTTP entity tag of the preview fragment. */
  key: string;
  html: string;
  /** The HTML in UTF-8, encoded once for the preview fragment's responses. */
  utf8?: Uint8Array<ArrayBuffer>;
}

/**
 * A least-recently-used cache of `render(props)` by digest, holding at most `limitChars` characters of HTML (the
 * entry just rendered is kept even when it alone is larger).
 */
export function disclosureRenderCache<P extends DisclosureViewInput>(
  render: (props: P) => string,
  limitChars = CACHE_LIMIT_CHARS,
): (props: P) => RenderedDocument {
  const cache = new Map<string, RenderedDocument>();
  let cachedChars = 0;
  return (props) => {
    const key = disclosureDigest(props);
    const hit = cache.get(key);
    if (hit !== undefined) {
      cache.delete(key); // a Map iterates in insertion order: most recently used last
      cache.set(key, hit);
      return hit;
    }
    const rendered: RenderedDocument = { key, html: render(props) };
    cache.set(key, rendered);
    cachedChars += rendered.html.length;
    for (const [k, v] of cache) {
      if (cachedChars <= limitChars || k === key) break;
      cache.delete(k);
      cachedChars -= v.html.length;
    }
    return rendered;
  };
}

/** The rendered document in UTF-8, encoded once per cache entry. */
export function disclosureDocumentBytes(rendered: RenderedDocument): Uint8Array<ArrayBuffer> {
  rendered.utf8 ??= new TextEncoder().encode(rendered.html);
  return rendered.utf8;
}
