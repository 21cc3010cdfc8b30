/**
 * 项目支出绩效目标表 as printed: the reference's bordered grid, one form per sheet.
 *
 * A pure presentational component (no hooks, no client code): rendered by the print page, the form page's
 * preview and the disclosure's attachments, and by react-dom/server in the golden tests. Its look is the `.pf-*`
 * rules of app/globals.css (no inline styles: the pages' Content-Security-Policy allows none), the same wherever it
 * is shown (app, print, PDF export); the page that prints it sets `@page { size: A4 }`.
 */
import type { ReactNode } from 'react';
import { formatFilledDate } from '../lib/disclosure/words';
import { formatYuan } from '../lib/money';
import { taxonomyForYear } from '../lib/rules/taxonomy';
import { FUNDING_ROWS, INDICATOR_HEADERS, indicatorGrid, performanceFormTitle, TEXT_ROWS } from '../lib/performance/printedForm';
import { PROJECT_ATTRIBUTE_LABEL, type PerformanceForm } from '../lib/performance/form';

interface PerformanceFormSheetProps {
  form: PerformanceForm;
  projectName: string;
  unitName: string;
  departmentCode: string;
  departmentName: string;
  year: number;
  /** The county in the title (`泽州县`); derived from the department's name when not given. */
  regionName?: string;
  /**
   * The form's title as a heading (on its own), or as plain text under a heading of the page that names the
   * project (the disclosure's attachments: seventeen identical headings would say nothing).
   */
  titleTag?: 'h2' | 'p';
}

/**
 * 泽州县人力资源和社会保障局 → 泽州县 (the leading name up to the first 县/区/市/旗).
 * @public for lib/performance/PerformanceFormSheet.test.ts, which pins the county names it cuts
 */
export function regionFromDepartmentName(departmentName: string): string {
  const m = /^(.{1,12}?(?:自治县|县|区|市|旗))/.exec(departmentName);
  return m ? m[1] : '';
}

// ---------------------------------------------------------------------------------------------------------------

/** The indicator cells' alignment, column by column (see INDICATOR_HEADERS). */
const INDICATOR_CELLS = ['pf-center', 'pf-center', 'pf-text', 'pf-center', 'pf-center', 'pf-text', 'pf-center'];

/** 8 columns: label, 一级, then 二级/三级/指标值 for 实施期 and for 年度 (widths: `.pf-col-1` … in globals.css). */
const COLUMNS = [1, 2, 3, 4, 5, 6, 7, 8];

function Row({ children, testId, last }: { children: ReactNode; testId?: string; last?: boolean }) {
  return (
    <tr className={last ? 'pf-row pf-last' : 'pf-row'} data-testid={testId}>
      {children}
    </tr>
  );
}

export function PerformanceFormSheet(props: PerformanceFormSheetProps) {
  const { form, projectName, unitName, departmentCode, departmentName, year } = props;
  const regionName = props.regionName ?? regionFromDepartmentName(departmentName);
  const Title = props.titleTag ?? 'h2';
  const blocks = indicatorGrid(form.indicators, taxonomyForYear(year));
  const indicatorRows = Math.max(blocks.reduce((s, b) => s + b.rows, 0), 1);

  return (
    <article className="pf-sheet performance-form-sheet" data-testid="performance-form-sheet">
      <Title className="pf-title">{performanceFormTitle(regionName)}</Title>
      <p className="pf-subtitle">{`(${year}年度)`}</p>
      <table className="pf-table">
        <colgroup>
          {COLUMNS.map((n) => (
            <col key={n} className={`pf-col-${n}`} />
          ))}
        </colgroup>
        {/* the header group: repeated on every page a long form continues on, so each page names its project */}
        <thead>
          <Row>
            <th scope="row" className="pf-cell pf-label">
              项目名称
            </th>
            <td colSpan={7} className="pf-cell pf-text" data-testid="sheet-project-name">
              {projectName}
            </td>
          </Row>
        </thead>
        <tbody>
          <Row>
            <th scope="row" className="pf-cell pf-label">
              主管部门及代码
            </th>
            <td colSpan={3} className="pf-cell pf-text">
              {`${departmentCode}-${departmentName}`}
            </td>
            <th scope="row" className="pf-cell pf-label">
              实施单位
            </th>
            <td colSpan={3} className="pf-cell pf-text">
              {unitName}
            </td>
          </Row>
          <Row>
            <th scope="row" className="pf-cell pf-label">
              项目属性
            </th>
            <td colSpan={3} className="pf-cell pf-text">
              {PROJECT_ATTRIBUTE_LABEL[form.attribute]}
            </td>
            <th scope="row" className="pf-cell pf-label">
              项目期
            </th>
            <td colSpan={3} className="pf-cell pf-text">
              {`${form.periodYears}年`}
            </td>
          </Row>
          {FUNDING_ROWS.map(([key, totalLabel, annualLabel], i) => (
            <Row key={key}>
              {i === 0 && (
                <th scope="rowgroup" rowSpan={FUNDING_ROWS.length} className="pf-cell pf-label">
                  项目资金
                  <br />
                  (元)
                </th>
              )}
              <td colSpan={2} className="pf-cell pf-sub">
                {totalLabel}
              </td>
              <td className="pf-cell pf-amount" data-testid={`sheet-total-${key}`}>
                {formatYuan(form.fundingTotal[key])}
              </td>
              <td colSpan={2} className="pf-cell pf-sub">
                {annualLabel}
              </td>
              <td colSpan={2} className="pf-cell pf-amount" data-testid={`sheet-annual-${key}`}>
                {formatYuan(form.fundingAnnual[key])}
              </td>
            </Row>
          ))}
          {TEXT_ROWS.map(([key, name]) => (
            <Row key={key}>
              <th scope="row" className="pf-cell pf-label">
                {name}
              </th>
              <td colSpan={7} className="pf-cell pf-text">
                {form[key] as string}
              </td>
            </Row>
          ))}
          <Row>
            <th scope="rowgroup" rowSpan={2} className="pf-cell pf-label">
              总体目标
            </th>
            <th scope="col" colSpan={4} className="pf-cell pf-label">
              实施期目标
            </th>
            <th scope="col" colSpan={3} className="pf-cell pf-label">
              年度目标
            </th>
          </Row>
          <Row>
            <td colSpan={4} className="pf-cell pf-text">
              {form.goalTotal}
            </td>
            <td colSpan={3} className="pf-cell pf-text">
              {form.goalAnnual}
            </td>
          </Row>
          <Row>
            <th scope="rowgroup" rowSpan={indicatorRows + 1} className="pf-cell pf-label">
              绩效指标
            </th>
            {INDICATOR_HEADERS.map((h, i) => (
              <th key={i} scope="col" className="pf-cell pf-label">
                {h}
              </th>
            ))}
          </Row>
          {blocks.length === 0 ? (
            <Row>
              {INDICATOR_CELLS.map((cls, i) => (
                <td key={i} className={`pf-cell ${cls}`} />
              ))}
            </Row>
          ) : (
            blocks.flatMap((b) =>
              b.groups.flatMap((g, gi) =>
                Array.from({ length: g.rows }, (_, r) => {
                  const t = g.total[r];
                  const a = g.annual[r];
                  return (
                    <Row key={`${b.level1}|${g.level2}|${r}`} testId="sheet-indicator-row">
                      {gi === 0 && r === 0 && (
                        <td rowSpan={b.rows} className="pf-cell pf-center">
                          {b.level1}
                        </td>
                      )}
                      {r === 0 && (
                        <td rowSpan={g.rows} className="pf-cell pf-center">
                          {g.total.length > 0 || g.annual.length === 0 ? g.level2 : ''}
                        </td>
                      )}
                      <td className="pf-cell pf-text">{t?.name ?? ''}</td>
                      <td className="pf-cell pf-center">{t?.value ?? ''}</td>
                      {r === 0 && (
                        <td rowSpan={g.rows} className="pf-cell pf-center">
                          {g.annual.length > 0 || g.total.length === 0 ? g.level2 : ''}
                        </td>
                      )}
                      <td className="pf-cell pf-text">{a?.name ?? ''}</td>
                      <td className="pf-cell pf-center">{a?.value ?? ''}</td>
                    </Row>
                  );
                }),
              ),
            )
          )}
          <Row last>
            <td colSpan={2} className="pf-cell pf-sub">
              {`负责人: ${form.manager}`}
            </td>
            <td colSpan={2} className="pf-cell pf-sub">
              {`经办人: ${form.handler}`}
            </td>
            <td colSpan={2} className="pf-cell pf-sub">
              {`联系电话: ${form.phone}`}
            </td>
            <td colSpan={2} className="pf-cell pf-sub">
              {`填报日期: ${formatFilledDate(form.filledAt)}`}
            </td>
          </Row>
        </tbody>
      </table>
    </article>
  );
}
