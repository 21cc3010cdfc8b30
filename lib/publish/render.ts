/**
 * The server's own PDF renderer for publication and bulk export: this server's print page, opened by Chromium with
 * a render token (lib/export/renderToken.ts). `next start` sets PORT; the default matches `npm start`.
 */
import { renderPdf } from '../export/pdf';
import { createRenderToken } from '../export/renderToken';
import type { PdfRenderer } from './prepare';

export function printUrl(budgetId: number): string {
  const port = process.env.PORT || '3000';
  return `http://127.0.0.1:${port}/print/budgets/${budgetId}?rt=${encodeURIComponent(createRenderToken(budgetId))}`;
}

export const renderBudgetPdf: PdfRenderer = (budgetId) => renderPdf(printUrl(budgetId), { timeoutMs: 110_000 });
