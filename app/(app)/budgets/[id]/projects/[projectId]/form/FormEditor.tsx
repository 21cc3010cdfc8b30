'use client';

/**
 * The clerk's editor of one 项目支出绩效目标表: every field of the reference form. 项目名称, 实施单位 and 主管部门及代码
 * come from the project and the department and are shown, not edited. Saving sends everything with the form's
 * version; the server parses, authorizes and refuses a stale save (the current values are then loaded).
 * After a save the page is refreshed, so the rule engine's findings are recomputed.
 */
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useEditAction } from '@/components/ui/useEditAction';
import { useLeaveWarning } from '@/components/ui/useLeaveWarning';
import type { CurrentForm } from '@/lib/performance/edit';
import {
  FILLED_AT_MAX,
  FORM_LABEL,
  PEOPLE_LABEL,
  PERIOD_YEARS_MAX,
  PERSON_MAX,
  PHONE_MAX,
  TEXT_LABEL,
  type FormValues,
  type FundingKey,
} from '@/lib/performance/fields';
import { PROJECT_ATTRIBUTE_LABEL, type IndicatorPeriod, type ProjectAttribute } from '@/lib/performance/form';
import type { Taxonomy } from '@/lib/rules/taxonomy';
import { saveFormAction } from './actions';
import type { FormFindingView } from './findings';
import { LineField, TextBox } from './FormFields';
import { FundingTable } from './FundingTable';
import { IndicatorEditor, newRowId, type IndicatorRows } from './IndicatorEditor';
import { FindingNotes } from './notes';

type Scalars = Omit<FormValues, 'indicators'>;

function split(values: FormValues): { scalars: Scalars; rows: IndicatorRows } {
  const { indicators, ...scalars } = values;
  return {
    scalars,
    rows: {
      total: indicators.total.map((r) => ({ ...r, id: newRowId() })),
      annual: indicators.annual.map((r) => ({ ...r, id: newRowId() })),
    },
  };
}

const strip = (rows: IndicatorRows[IndicatorPeriod]) => rows.map(({ level1, level2, name, value }) => ({ level1, level2, name, value }));

const CARD = 'rounded-lg border border-stone-200 bg-white p-4';
/** Errors listed in the save bar, each linking to its field. */
const ERRORS_LISTED = 12;

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The anchor of a field error key: indicator field errors point at their row. */
function fieldAnchor(key: string): string {
  const m = /^(indicators\.(?:total|annual)\.\d+)\./.exec(key);
  return m ? m[1] : key;
}

interface FormEditorProps {
  budgetId: number;
  projectId: number;
  version: number;
  initial: FormValues;
  taxonomy: Taxonomy;
  projectName: string;
  unitName: string;
  departmentLabel: string;
  /** The project's amount in 表十二 (分): what the year's total must equal. */
  projectAmount: number;
  findings: FormFindingView[];
}

export function FormEditor(props: FormEditorProps) {
  const { budgetId, projectId, taxonomy, findings } = props;
  const router = useRouter();
  const [state, setState] = useState(() => split(props.initial));
  const [version, setVersion] = useState(props.version);
  const [status, setStatus] = useState<string | undefined>();
  const [dirty, setDirty] = useState(false);
  const edit = useEditAction(saveFormAction);
  const { fieldErrors, formError, pending } = edit;
  const { scalars, rows } = state;

  useLeaveWarning(dirty);

  const changed = () => {
    setDirty(true);
    setStatus(undefined);
  };
  const set = <K extends keyof Scalars>(key: K, value: Scalars[K]) => {
    setState((s) => ({ ...s, scalars: { ...s.scalars, [key]: value } }));
    changed();
  };
  const setFunding = (period: 'fundingTotal' | 'fundingAnnual', key: FundingKey, value: string) => {
    setState((s) => ({ ...s, scalars: { ...s.scalars, [period]: { ...s.scalars[period], [key]: value } } }));
    changed();
  };
  const setRows = (next: IndicatorRows) => {
    setState((s) => ({ ...s, rows: next }));
    changed();
  };

  const save = () => {
    setStatus(undefined);
    const input = { budgetId, projectId, version, ...scalars, indicators: { total: strip(rows.total), annual: strip(rows.annual) } };
    edit.submit(input, (r) => {
      if (r.ok) {
        setVersion(r.version);
        setDirty(false);
        setStatus(`已保存（版本 ${r.version}）`);
        router.refresh();
        return;
      }
      if (r.reason === 'stale' && r.current) {
        // what is there now replaces what was typed (the message says so); the next save is based on it
        const current = r.current as CurrentForm;
        setState(split(current.values));
        setVersion(current.version);
        setDirty(false);
        router.refresh();
      }
    });
  };

  const at = (target: string) => findings.filter((f) => f.target === target);
  const errorList = Object.entries(fieldErrors);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      className="space-y-5"
      aria-busy={pending}
    >
      <section aria-labelledby="sec-project" className={CARD}>
        <h2 id="sec-project" className="mb-3 font-medium">
          项目信息
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-[7rem_1fr_7rem_1fr]">
          <dt className="text-stone-500">{FORM_LABEL.projectName}</dt>
          <dd className="md:col-span-3" id="field-projectName" data-testid="form-project-name">
            {props.projectName}
          </dd>
          <dt className="text-stone-500">主管部门及代码</dt>
          <dd>{props.departmentLabel}</dd>
          <dt className="text-stone-500">实施单位</dt>
          <dd>{props.unitName}</dd>
        </dl>
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <fieldset id="field-attribute">
            <legend className="mb-1 text-sm font-medium">{FORM_LABEL.attribute}</legend>
            <div className="flex gap-4 text-sm">
              {(Object.keys(PROJECT_ATTRIBUTE_LABEL) as ProjectAttribute[]).map((a) => (
                <label key={a} className="flex items-center gap-1.5">
                  <input type="radio" name="attribute" value={a} checked={scalars.attribute === a} onChange={() => set('attribute', a)} />
                  {PROJECT_ATTRIBUTE_LABEL[a]}
                </label>
              ))}
            </div>
            <FieldError message={fieldErrors.attribute} />
            <FindingNotes findings={at('attribute')} />
          </fieldset>
          <div id="field-periodYears">
            <label htmlFor="periodYears" className="mb-1 block text-sm font-medium">
              {FORM_LABEL.periodYears}
            </label>
            <div className="flex items-center gap-2">
              <Input
                id="periodYears"
                inputMode="numeric"
                value={scalars.periodYears}
                onChange={(e) => set('periodYears', e.target.value)}
                invalid={fieldErrors.periodYears}
                className="w-24"
              />
              <span className="text-sm text-stone-500">年（长期项目填 {PERIOD_YEARS_MAX}）</span>
            </div>
            <FieldError message={fieldErrors.periodYears} />
            <FindingNotes findings={at('periodYears')} />
          </div>
        </div>
      </section>

      <section aria-labelledby="sec-funding" className={CARD}>
        <h2 id="sec-funding" className="mb-3 font-medium">
          项目资金（元）
        </h2>
        <FundingTable values={scalars} fieldErrors={fieldErrors} findings={findings} projectAmount={props.projectAmount} onChange={setFunding} />
      </section>

      <section aria-labelledby="sec-texts" className={CARD}>
        <h2 id="sec-texts" className="mb-3 font-medium">
          项目情况
        </h2>
        <div className="space-y-4">
          {(['overview', 'basis', 'necessity', 'measures', 'plan'] as const).map((k) => (
            <TextBox key={k} name={k} label={TEXT_LABEL[k]} value={scalars[k]} error={fieldErrors[k]} findings={at(k)} onChange={(v) => set(k, v)} />
          ))}
        </div>
      </section>

      <section aria-labelledby="sec-goals" className={CARD}>
        <h2 id="sec-goals" className="mb-3 font-medium">
          总体目标
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          {(['goalTotal', 'goalAnnual'] as const).map((k) => (
            <TextBox key={k} name={k} label={TEXT_LABEL[k]} value={scalars[k]} error={fieldErrors[k]} findings={at(k)} onChange={(v) => set(k, v)} />
          ))}
        </div>
      </section>

      <section aria-labelledby="sec-indicators" className={CARD} id="field-indicators">
        <h2 id="sec-indicators" className="mb-3 font-medium">
          绩效指标
        </h2>
        <IndicatorEditor rows={rows} onChange={setRows} taxonomy={taxonomy} fieldErrors={fieldErrors} findings={findings} disabled={pending} />
      </section>

      <section aria-labelledby="sec-people" className={CARD}>
        <h2 id="sec-people" className="mb-3 font-medium">
          填报信息
        </h2>
        <div className="grid gap-4 md:grid-cols-4">
          {(['manager', 'handler'] as const).map((k) => (
            <LineField key={k} name={k} label={PEOPLE_LABEL[k]} value={scalars[k]} max={PERSON_MAX} error={fieldErrors[k]} onChange={(v) => set(k, v)} />
          ))}
          <LineField name="phone" label={PEOPLE_LABEL.phone} value={scalars.phone} max={PHONE_MAX} error={fieldErrors.phone} type="tel" onChange={(v) => set('phone', v)} />
          <LineField name="filledAt" label={PEOPLE_LABEL.filledAt} value={scalars.filledAt} max={FILLED_AT_MAX} error={fieldErrors.filledAt} onChange={(v) => set('filledAt', v)}>
            <Button variant="secondary" size="sm" className="shrink-0" onClick={() => set('filledAt', today())}>
              今天
            </Button>
          </LineField>
        </div>
      </section>

      <div className="sticky bottom-0 z-10 -mx-2 border-t border-stone-200 bg-stone-50/95 px-2 py-3 backdrop-blur">
        {formError ? (
          <div role="alert" className="mb-2 rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">
            <p>{formError}</p>
            {errorList.length > 0 ? (
              <ul className="mt-1 list-disc pl-5">
                {errorList.slice(0, ERRORS_LISTED).map(([k, m]) => (
                  <li key={k}>
                    <a href={`#field-${fieldAnchor(k)}`} className="underline">
                      {m}
                    </a>
                  </li>
                ))}
                {errorList.length > ERRORS_LISTED ? <li>另有 {errorList.length - ERRORS_LISTED} 处错误</li> : null}
              </ul>
            ) : null}
          </div>
        ) : null}
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? '正在保存…' : '保存'}
          </Button>
          <span role="status" className="text-sm text-stone-600" data-testid="save-status">
            {status ?? (dirty ? '有未保存的修改' : '')}
          </span>
          <span className="ml-auto text-xs text-stone-400">表版本 {version}</span>
        </div>
      </div>
    </form>
  );
}
