/**
 * The disclosure document as pages show it: `DisclosureDocumentView` rendered to static HTML once per distinct set
 * of props and kept in a small in-memory cache, so the preview, review, print and public pages do not re-render
 * some ten thousand elements (48 printed pages for the demo) on every request. The cache key is a SHA-256 of the
 * props themselves — the view is pure and reads nothing else — so any change to the figures, texts, forms or region
 * texts gives a new key; there is nothing to invalidate.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createElement, type ReactElement } from 'react';
import { disclosureDigest } from '@/lib/pdf/printDigest';
import { DisclosureDocumentView, type DisclosureDocumentProps } from './DisclosureDocumentView';

/**
 * Cached HTML is bounded by size: 16 Mi characters, at most ~32 MB of the server's 256 MiB heap (their UTF-8 copies
 * live outside it); the demo's document is 0.25 Mi.
 */
const CACHE_LIMIT_CHARS = 16 * 1024 * 1024;
interface Rendered {
  /** SHA-256 of the props (base64url): also the HTTP entity tag of the preview fragment. */
  key: string;
  html: string;
  /** The HTML in UTF-8, encoded once for the preview fragment's responses. */
  utf8?: Uint8Array<ArrayBuffer>;
}
const cache = new Map<string, Rendered>();
let cachedChars = 0;

type StaticRenderer = (element: ReactElement) => string;
let renderStatic: StaticRenderer | undefined;

/**
 * react-dom's `renderToStaticMarkup`, required at run time from the app's own node_modules: Next.js withholds
 * `react-dom/server` from server components, and the view is plain markup (no hooks, no context), which any React 19
 * renderer turns into the same HTML.
 */
function staticMarkup(element: ReactElement): string {
  renderStatic ??= (
    createRequire(path.join(process.cwd(), 'package.json'))('react-dom/server.node') as { renderToStaticMarkup: StaticRenderer }
  ).renderToStaticMarkup;
  return renderStatic(element);
}

/** The props' digest (lib/pdf/printDigest.ts): the cache key, and what a publication's print page must match. */
export function documentCacheKey(props: DisclosureDocumentProps): string {
  return disclosureDigest(props);
}

/** The document rendered for these props, from the cache or rendered now (and cached, dropping the oldest). */
export function renderedDisclosureDocument(props: DisclosureDocumentProps): Rendered {
  const key = documentCacheKey(props);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit;
  }
  const rendered: Rendered = { key, html: staticMarkup(createElement(DisclosureDocumentView, props)) };
  cache.set(key, rendered);
  cachedChars += rendered.html.length;
  for (const [k, v] of cache) {
    if (cachedChars <= CACHE_LIMIT_CHARS || k === key) break;
    cache.delete(k);
    cachedChars -= v.html.length;
  }
  return rendered;
}

export const disclosureDocumentHtml = (props: DisclosureDocumentProps): string => renderedDisclosureDocument(props).html;

/** The rendered document in UTF-8, encoded once per cache entry. */
export function disclosureDocumentBytes(rendered: Rendered): Uint8Array<ArrayBuffer> {
  rendered.utf8 ??= new TextEncoder().encode(rendered.html);
  return rendered.utf8;
}

/** The whole disclosure (see `DisclosureDocumentView`), served from the rendered-HTML cache. */
export function DisclosureDocument(props: DisclosureDocumentProps) {
  // the HTML is React's own rendering of the view, every text escaped by React
  return <div className="contents" dangerouslySetInnerHTML={{ __html: disclosureDocumentHtml(props) }} />;
}
