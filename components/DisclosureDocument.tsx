/**
 * The disclosure document as pages show it: `DisclosureDocumentView` rendered to static HTML once per distinct set
 * of props, through the rendered-HTML cache of lib/disclosure/renderCache.ts (keyed by the props' digest).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createElement, type ReactElement } from 'react';
import { disclosureRenderCache } from '@/lib/disclosure/renderCache';
import { DisclosureDocumentView, type DisclosureDocumentProps } from './DisclosureDocumentView';

export { disclosureDocumentBytes } from '@/lib/disclosure/renderCache';

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

/** The document rendered for these props, from the cache or rendered now (and cached, dropping the oldest). */
export const renderedDisclosureDocument = disclosureRenderCache((props: DisclosureDocumentProps) =>
  staticMarkup(createElement(DisclosureDocumentView, props)),
);

/**
 * The document's HTML as the pages embed it.
 * @public for the tests that read it (lib/disclosure/documentHtml.test.ts, lib/security/hostile-input.test.ts)
 */
export const disclosureDocumentHtml = (props: DisclosureDocumentProps): string => renderedDisclosureDocument(props).html;

/** The whole disclosure (see `DisclosureDocumentView`), served from the rendered-HTML cache. */
export function DisclosureDocument(props: DisclosureDocumentProps) {
  // the HTML is React's own rendering of the view, every text escaped by React
  return <div className="contents" dangerouslySetInnerHTML={{ __html: disclosureDocumentHtml(props) }} />;
}
