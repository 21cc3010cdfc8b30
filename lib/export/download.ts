/** Response headers for a file download with a Chinese file name (RFC 6266 / 5987) and an ASCII fallback. */
export function attachmentHeaders(contentType: string, baseName: string, ext: string, length?: number): HeadersInit {
  // RFC 5987 attr-char excludes ' ( ) * which encodeURIComponent leaves alone
  const utf8 = encodeURIComponent(`${baseName}.${ext}`).replace(
    /['()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
  const headers: Record<string, string> = {
    'content-type': contentType,
    'content-disposition': `attachment; filename="disclosure.${ext}"; filename*=UTF-8''${utf8}`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  };
  if (length !== undefined) headers['content-length'] = String(length);
  return headers;
}
