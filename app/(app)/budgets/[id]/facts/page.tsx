import type { Metadata } from 'next';
import { openBudgetPage } from '../budgetPage';
import { assetValues, vehicleCategories, vehicleKey } from '@/lib/budget/edit/assets';
import { INCOME_PART_LABEL, INCOME_PARTS, incomeKey, incomeValues } from '@/lib/budget/edit/income';
import { PRIOR_FIELDS, PRIOR_LABEL, priorValues } from '@/lib/budget/edit/prior';
import { readEditView } from '@/lib/budget/edit/read';
import { LONG_TEXT_MAX } from '@/lib/budget/edit/limits';
import { isReasonField, REASON_HINT, TEXT_FIELDS, TEXT_LABEL, textValues } from '@/lib/budget/edit/texts';
import { headline } from '@/lib/budget/headline';
import { FUND_SOURCE_LABEL, FUND_SOURCES } from '@/lib/facts';
import { formatYuanExact } from '@/lib/money';
import { checkBudget, type FindingLocation } from '@/lib/rules';
import { FindingsPanel } from '@/components/FindingsPanel';
import { SectionForm, type SectionField } from '@/components/sections/SectionForm';
import { updateAssetsAction, updateIncomeAction, updatePriorAction, updateTextsAction } from './actions';

const RELEVANT: FindingLocation['kind'][] = ['income', 'prior', 'text', 'asset', 'budget'];

export const metadata: Metadata = { title: '收入与说明' };

export default async function FactsPage({ params }: { params: Promise<{ id: string }> }) {
  const { data: view } = await openBudgetPage(params, readEditView);
  const { budget, facts, readOnlyReason, controlFigure } = view;
  const readOnly = readOnlyReason !== null;
  // what every section form of the page shares: the budget, the version its values were read at, and whether it may change
  const common = { budgetId: budget.id, baseVersion: budget.version, readOnly };
  const h = headline(facts);
  const findings = checkBudget(facts, controlFigure);

  const incomeFields: SectionField[] = FUND_SOURCES.flatMap((s) =>
    INCOME_PARTS.map((p) => ({
      key: incomeKey(s, p),
      label: `${FUND_SOURCE_LABEL[s]} · ${INCOME_PART_LABEL[p]}（元）`,
      kind: 'yuan' as const,
      anchor: p === 'current' ? `income-${s}` : undefined,
    })),
  );
  const priorFields: SectionField[] = PRIOR_FIELDS.map((f) => ({ key: f, label: `${PRIOR_LABEL[f]}（元）`, kind: 'yuan', anchor: `prior-${f}` }));
  const textFields: SectionField[] = TEXT_FIELDS.map((f) => ({
    key: f,
    label: TEXT_LABEL[f],
    kind: 'longText',
    anchor: `text-${f}`,
    maxLength: LONG_TEXT_MAX,
    hint: isReasonField(f) ? REASON_HINT : undefined,
  }));
  const assetInputs: SectionField[] = [
    { key: 'asOf', label: '统计截止日期', kind: 'date' },
    { key: 'officeArea', label: '办公用房建筑面积（平方米）', kind: 'area', hint: '最多两位小数' },
    { key: 'devicesOver500k', label: '单价50万元以上通用设备（台、套）', kind: 'count' },
    { key: 'devicesOver1m', label: '单价100万元以上通用设备（台、套）', kind: 'count' },
    ...vehicleCategories(facts.assets).flatMap((c) => [
      { key: vehicleKey(c, 'establishment'), label: `${c} · 编制数（辆）`, kind: 'count' as const },
      { key: vehicleKey(c, 'actual'), label: `${c} · 实有数（辆）`, kind: 'count' as const },
    ]),
  ];
  const assetFields = assetInputs.map((f) => ({ ...f, anchor: `asset-${f.key}` })); // findings on asset figures link here (findingHref)

  return (
    <section>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">收入与说明</h1>
        <span className="text-sm text-stone-500">金额单位：元</span>
      </div>
      <div className="mt-4">
        <FindingsPanel budgetId={budget.id} findings={findings} relevant={RELEVANT} />
      </div>
      <p className="mb-4 text-sm text-stone-600">
        收入合计 {formatYuanExact(h.incomeTotal)} 元（本年 {formatYuanExact(h.incomeCurrent)} 元，上年结转 {formatYuanExact(h.incomeCarryover)} 元）；支出合计{' '}
        {formatYuanExact(h.expenditureTotal)} 元。
      </p>
      <SectionForm
        id="income"
        title="收入"
        description="按资金来源填写本年收入和上年结转；各资金来源的收入应与支出相等。"
        {...common}
        base={incomeValues(facts.income)}
        fields={incomeFields}
        action={updateIncomeAction}
      />
      <SectionForm
        id="prior"
        title="上年预算数"
        description="情况说明与上年比较所用的上年预算数。"
        {...common}
        base={priorValues(facts.prior)}
        fields={priorFields}
        action={updatePriorAction}
        columns={3}
      />
      <SectionForm
        id="texts"
        title="说明文字"
        description={`部门职责、机构设置，以及各项变动的原因。每项不超过${LONG_TEXT_MAX.toLocaleString('en-US')}字。`}
        {...common}
        base={textValues(facts.text)}
        fields={textFields}
        action={updateTextsAction}
        columns={1}
      />
      <SectionForm
        id="assets"
        title="国有资产占有使用情况"
        {...common}
        base={assetValues(facts.assets)}
        fields={assetFields}
        action={updateAssetsAction}
        columns={4}
      />
    </section>
  );
}
