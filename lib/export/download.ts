/**
 * Response headers for private documents: a budget before publication (and everything derived from it) may be
 * stored by no cache, the browser's included (a shared office computer keeps no copy), so every authenticated
 * response says `private, no-store`. Published files under /public set their own, cacheable headers.
 */
const PRIVATE_NO_STORE = 'private, no-store';

/**
 * Headers for a file download with a Chinese file name (RFC 6266 / 5987) and an ASCII fallback
 * (`asciiBase`.ext, default `disclosure`) for clients that do not read `filename*`.
 */
export function attachmentHeaders(contentType: string, baseName: string, ext: string, length?: number, asciiBase = 'disclosure'): HeadersInit {
  // RFC 5987 attr-char excludes ' ( ) * which encodeURIComponent leaves alone
  const utf8 = encodeURIComponent(`${baseName}.${ext}`).replace(
    /['()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
  // the fallback goes inside a quoted string: only safe ASCII survives
  const ascii = asciiBase.replace(/[^A-Za-z0-9._-]/g, '_') || 'download';
  const headers: Record<string, string> = {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${utf8}`,
    'cache-control': PRIVATE_NO_STORE,
    'x-content-type-options': 'nosniff',
  };
  if (length !== undefined) headers['content-length'] = String(length);
  return headers;
}
