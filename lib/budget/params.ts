/**
 * Ids from outside (route parameters, form fields, action inputs): a positive integer of at most nine digits, as a
 * number or a digit string; anything else is no id at all (so an unknown budget and a malformed one look alike).
 */
export function parseId(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw > 0 && raw <= 999_999_999 ? raw : null;
  return typeof raw === 'string' && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}
