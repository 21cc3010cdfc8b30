import { describe, expect, it } from 'vitest';
import { commentedRowsCss } from './previewMarks';

describe('marks in the preview', () => {
  it('marks the first cell of each table row with an open comment; row keys are escaped; other anchors are ignored', () => {
    const css = commentedRowsCss(['table:5:f:2080105', 'line:12', 'budget', 'table:13:e:30108>50102']);
    expect(css).toBe(
      '#table-5 tr[data-row="f\\3a 2080105"] > :first-child,\n#table-13 tr[data-row="e\\3a 30108\\3e 50102"] > :first-child { box-shadow: inset 4px 0 0 #dc2626; }',
    );
    expect(commentedRowsCss(['line:1'])).toBe('');
  });
});
