/** Route parameters: ids are positive integers of at most nine digits; anything else is not a budget. */
export function parseId(raw: string): number | null {
  return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}
