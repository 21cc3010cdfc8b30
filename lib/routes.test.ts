import { describe, expect, it } from 'vitest';
import { tableAnchor } from './disclosure/document';
import {
  anchorHref,
  budgetPath,
  exportJobDownloadPath,
  exportJobPath,
  findingHref,
  formHref,
  lineHref,
  projectHref,
  publicPath,
  snapshotHref,
  tableHref,
} from './routes';

describe('app links', () => {
  it('builds a budget’s pages', () => {
    expect(budgetPath(7)).toBe('/budgets/7');
    expect(budgetPath(7, 'lines')).toBe('/budgets/7/lines');
    expect(budgetPath(7, 'review')).toBe('/budgets/7/review');
    expect(projectHref(7, 3)).toBe('/budgets/7/projects/3');
    expect(formHref(7, 3)).toBe('/budgets/7/projects/3/form');
    expect(snapshotHref(7, 12)).toBe('/budgets/7/history/12');
    expect(publicPath(12)).toBe('/public/12');
    expect(exportJobPath(5)).toBe('/admin/publish/jobs/5');
    expect(exportJobDownloadPath(5)).toBe('/admin/publish/jobs/5/download');
  });

  it('names a line in the query, so the lines page serves the page of 200 that holds it', () => {
    expect(lineHref(7, 40123)).toBe('/budgets/7/lines?line=40123#line-40123');
  });

  it('links a table to the element the disclosure gives it', () => {
    for (const no of [1, 5, 13]) expect(tableHref(7, no)).toBe(`/budgets/7/disclosure#${tableAnchor(no)}`);
  });

  it('links every kind of finding location', () => {
    expect(findingHref(7, { kind: 'line', lineId: 9 })).toBe('/budgets/7/lines?line=9#line-9');
    expect(findingHref(7, { kind: 'project', projectId: 3 })).toBe('/budgets/7/projects/3');
    expect(findingHref(7, { kind: 'projectItem', projectId: 3, itemId: 4 })).toBe('/budgets/7/projects/3#item-4');
    expect(findingHref(7, { kind: 'form', projectId: 3 })).toBe('/budgets/7/projects/3/form');
    expect(findingHref(7, { kind: 'cell', table: 6, row: 'e:30102', column: 1 })).toBe('/budgets/7/disclosure#table-6');
    expect(findingHref(7, { kind: 'income', source: 'general' })).toBe('/budgets/7/facts#income-general');
    expect(findingHref(7, { kind: 'prior', field: 'threePublic.reception' })).toBe('/budgets/7/facts#prior-reception');
    expect(findingHref(7, { kind: 'text', field: 'duties' })).toBe('/budgets/7/facts#text-duties');
    expect(findingHref(7, { kind: 'asset', field: 'vehicles.其他公务用车.actual' })).toBe(`/budgets/7/facts#asset-${encodeURIComponent('vehicles.其他公务用车.actual')}`);
    expect(findingHref(7, { kind: 'budget' })).toBe('/budgets/7');
  });

  it('links a comment’s anchor to the same places', () => {
    expect(anchorHref(7, { kind: 'line', key: '9' })).toBe(findingHref(7, { kind: 'line', lineId: 9 }));
    expect(anchorHref(7, { kind: 'table', key: '6:e:30102' })).toBe('/budgets/7/disclosure#table-6');
    expect(anchorHref(7, { kind: 'indicator', key: '3:annual:x' })).toBe('/budgets/7/projects/3/form');
  });
});
