import { describe, expect, it } from 'vitest';
import type { DisclosureDocument } from './document';
import { disclosureDocumentBytes, disclosureRenderCache } from './renderCache';
import { disclosureDigest, type DisclosureViewInput } from '../pdf/printDigest';

/** View props that differ by region name only: the cache reads nothing but their digest. */
const props = (regionName: string): DisclosureViewInput => ({
  doc: { cover: { title: '2024年部门预算' } } as unknown as DisclosureDocument,
  forms: [],
  regionName,
});

function countingCache(limitChars: number, size = 10) {
  const rendered: string[] = [];
  const get = disclosureRenderCache((p: DisclosureViewInput) => {
    rendered.push(p.regionName);
    return p.regionName.padEnd(size, '.');
  }, limitChars);
  return { get, rendered };
}

describe('the rendered-document cache', () => {
  it('renders each distinct set of props once, keyed by their digest', () => {
    const { get, rendered } = countingCache(1000);
    const first = get(props('泽州县'));
    expect(first.key).toBe(disclosureDigest(props('泽州县')));
    expect(get(props('泽州县'))).toBe(first);
    expect(get(props('阳城县')).key).not.toBe(first.key);
    expect(rendered).toEqual(['泽州县', '阳城县']);
  });

  it('holds at most the size limit, dropping the least recently used', () => {
    const { get, rendered } = countingCache(25); // two 10-character documents fit, three do not
    get(props('a'));
    get(props('b'));
    get(props('a')); // now b is the oldest
    get(props('c'));
    expect(rendered).toEqual(['a', 'b', 'c']);
    get(props('a'));
    get(props('c'));
    expect(rendered).toEqual(['a', 'b', 'c']);
    get(props('b'));
    expect(rendered).toEqual(['a', 'b', 'c', 'b']);
  });

  it('keeps the document just rendered even when it alone is over the limit', () => {
    const { get, rendered } = countingCache(5);
    const big = get(props('big'));
    expect(get(props('big'))).toBe(big);
    get(props('next'));
    get(props('big'));
    expect(rendered).toEqual(['big', 'next', 'big']);
  });

  it('encodes a document to UTF-8 once', () => {
    const { get } = countingCache(1000, 3);
    const doc = get(props('泽州县'));
    const bytes = disclosureDocumentBytes(doc);
    expect(new TextDecoder().decode(bytes)).toBe('泽州县');
    expect(disclosureDocumentBytes(doc)).toBe(bytes);
  });
});
