/**
 * The print page's layout steps that CSS cannot express, run inside the page by lib/export/pdf.ts before Chromium
 * prints it (each function is serialised into the page: no imports, no named inner functions).
 *
 * - `splitTables`: each disclosure table starts at the top of its page (a forced break, A4 portrait or, for the
 *   wide ones, landscape). Measured in the print layout at the page box's width, its rows are cut where the page
 *   ends; each continuation becomes its own table under a "表N …（续）" line with the header repeated, starting a
 *   new page; a last page of one or two rows takes rows from the page before, so no page holds a lone row or two.
 * - `fillTocPages`: writes the page of each heading into the 目录 (from the first rendering's destinations).
 */

/** Page boxes (mm) of `@page` and `@page wide` in app/globals.css: content width and height. */
interface PageBoxes {
  portrait: { width: number; height: number };
  landscape: { width: number; height: number };
}

export const PAGE_BOXES: PageBoxes = {
  portrait: { width: 210 - 2 * 12, height: 297 - 2 * 15 },
  landscape: { width: 297 - 2 * 15, height: 210 - 2 * 12 },
};

/** Where the continuations start: per table (its `data-table-title`), the number of rows on each page. */
type TableSplits = Record<string, number[]>;

/**
 * Splits every `.print-document .disclosure-table` into page-sized parts (see above). Call with print media
 * emulated and the fonts loaded. Returns the rows per page of every table that spans more than one page.
 */
export function splitTables(boxes: PageBoxes): TableSplits {
  const mm = 96 / 25.4;
  // room kept free on every page: rounding and the difference between the measured and the printed layout
  const slack = 6 * mm;
  const minRows = 3;
  const out: TableSplits = {};
  const sections = Array.from(document.querySelectorAll<HTMLElement>('.print-document .disclosure-table'));
  for (const section of sections) {
    const box = section.classList.contains('dt-wide') ? boxes.landscape : boxes.portrait;
    section.style.width = `${box.width}mm`;
    const table = section.querySelector('table');
    const wrapper = table?.parentElement;
    const body = table?.tBodies[0];
    if (!table || !wrapper || !body || !table.tHead || body.rows.length < 2) {
      section.style.width = '';
      continue;
    }
    // the page starts at the section, or at the part's heading that shares the section's first page
    const prev = section.previousElementSibling;
    const start =
      prev && prev.tagName === 'H2'
        ? prev.getBoundingClientRect().top - parseFloat(getComputedStyle(prev).marginTop)
        : section.getBoundingClientRect().top;
    const pageHeight = box.height * mm - slack;
    const headHeight = table.tHead.getBoundingClientRect().height;
    const title = `${section.dataset.tableTitle ?? ''}（续）`;
    const probe = document.createElement('p');
    probe.className = 'dt-cont-title';
    probe.textContent = title;
    section.appendChild(probe);
    const contHeight = probe.getBoundingClientRect().height + 4;
    probe.remove();
    const rows = Array.from(body.rows);
    const counts: number[] = [];
    let used = table.tHead.getBoundingClientRect().bottom - start;
    let onPage = 0;
    for (const row of rows) {
      const h = row.getBoundingClientRect().height;
      if (onPage > 0 && used + h > pageHeight) {
        counts.push(onPage);
        onPage = 0;
        used = contHeight + headHeight;
      }
      used += h;
      onPage += 1;
    }
    counts.push(onPage);
    section.style.width = '';
    if (counts.length < 2) continue;
    // a last page of one or two rows takes rows from the page before it
    const last = counts.length - 1;
    if (counts[last] < minRows && counts[last - 1] > minRows) {
      const move = Math.min(minRows - counts[last], counts[last - 1] - minRows);
      counts[last - 1] -= move;
      counts[last] += move;
    }
    out[section.dataset.tableTitle ?? section.id] = counts;
    // rebuild: the first part keeps the table; each further part is a table of its own after a （续） line
    let anchor: Element = wrapper;
    let index = counts[0];
    for (let part = 1; part < counts.length; part++) {
      const cont = document.createElement('div');
      cont.className = 'dt-cont';
      const line = document.createElement('p');
      line.className = 'dt-cont-title';
      line.textContent = title;
      const box2 = wrapper.cloneNode(false) as HTMLElement;
      const t2 = table.cloneNode(false) as HTMLTableElement;
      t2.appendChild(table.tHead.cloneNode(true));
      const b2 = document.createElement('tbody');
      for (const row of rows.slice(index, index + counts[part])) b2.appendChild(row);
      t2.appendChild(b2);
      box2.appendChild(t2);
      cont.appendChild(line);
      cont.appendChild(box2);
      anchor.after(cont);
      anchor = cont;
      index += counts[part];
    }
  }
  return out;
}

/**
 * Writes each heading's page into the 目录's `[data-toc-page]` slots (empty where the page is unknown). Returns
 * whether any slot changed (so whether the document must be printed again).
 */
export function fillTocPages(pages: Record<string, number>): boolean {
  let changed = false;
  for (const slot of Array.from(document.querySelectorAll<HTMLElement>('[data-toc-page]'))) {
    const page = pages[slot.dataset.tocPage ?? ''];
    const text = page === undefined ? '' : String(page);
    if (slot.textContent !== text) {
      slot.textContent = text;
      changed = true;
    }
  }
  return changed;
}
