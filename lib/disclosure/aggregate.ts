/**
 * One pass over the budget's money (基本支出 lines and project items), into the sums every table reads.
 * Pure and deterministic: Maps are only ever read through sorted keys by the table builders.
 *
 * The money of one 功能 项 is kept as a vector of 20 "slots": (基本 | 项目) × (当年 | 上年结转) × 5 fund sources.
 * A table column is then a *selector* (a set of slots), e.g. 表五's 项目支出 = project × current × 一般公共预算.
 */
import {
  FUND_SOURCES,
  isAdministrative,
  type BudgetFacts,
  type CodeBook,
  type Fen,
  type FiscalSource,
  type FundSource,
} from '../facts';

type SpendKind = 'basic' | 'project';

const SOURCE_INDEX: Record<FundSource, number> = { general: 0, fund: 1, capital: 2, special: 3, unit: 4 };
const SLOT_COUNT = 20;

/** Index of a slot in a function's money vector. 基本支出 lines are always this year's money. */
const slotIndex = (kind: SpendKind, carryover: boolean, source: FundSource): number =>
  (kind === 'project' ? 10 : 0) + (carryover ? 5 : 0) + SOURCE_INDEX[source];

/** Which money a column counts. Undefined members mean "any". */
export interface MoneyFilter {
  kind?: SpendKind;
  /** false: this year's money only (不含上年结转); true: 上年结转 only. */
  carryover?: boolean;
  sources?: readonly FundSource[];
}

/** A set of slot indices. */
export type Selector = readonly number[];

export function selector(f: MoneyFilter = {}): Selector {
  const out: number[] = [];
  for (const kind of ['basic', 'project'] as const) {
    if (f.kind && f.kind !== kind) continue;
    for (const carry of [false, true]) {
      if (f.carryover !== undefined && f.carryover !== carry) continue;
      for (const s of f.sources ?? FUND_SOURCES) out.push(slotIndex(kind, carry, s));
    }
  }
  return out;
}

/** Sum of the selected slots of one vector. */
export function pick(v: ArrayLike<number>, sel: Selector): Fen {
  let s = 0;
  for (const i of sel) s += v[i];
  return s;
}

/** 三公 items, keyed by the economic 款 they are budgeted on. */
export type ThreePublicItem = 'abroad' | 'reception' | 'vehiclePurchase' | 'vehicleOperation';
export const THREE_PUBLIC_ECONOMIC: Record<string, ThreePublicItem> = {
  '30212': 'abroad', // 因公出国（境）费用
  '30217': 'reception', // 公务接待费
  '30913': 'vehiclePurchase', // 公务用车购置（基本建设）
  '31013': 'vehiclePurchase', // 公务用车购置
  '30231': 'vehicleOperation', // 公务用车运行维护费
};

/**
 * Whether 表十's 三公 counts 财政拨款 上年结转 projects too. The table's column is 「2024年预算数」 like 表三's, and
 * 财政拨款 in 表四 includes 上年结转, so yes; the one place to change if the region reads it otherwise.
 */
const THREE_PUBLIC_INCLUDES_CARRYOVER = true;

export type BySource<S extends string> = Record<S, Fen>;
export const zeroFiscal = (): BySource<FiscalSource> => ({ general: 0, fund: 0, capital: 0 });
const isFiscal = (s: FundSource): s is FiscalSource => s === 'general' || s === 'fund' || s === 'capital';

export type Bucket = 'personnel' | 'public';

/**
 * 人员经费 or 公用经费 of a 部门经济 款: the code book's bucket for the 款, else its 类's, else 301/303 → 人员经费
 * and every other 类 → 公用经费 (domain §4).
 */
export function bucketOf(codes: CodeBook, economicCode: string): Bucket {
  const own = codes.deptEconomic[economicCode]?.bucket;
  if (own) return own;
  const cls = economicCode.slice(0, 3);
  const parent = codes.deptEconomic[cls]?.bucket;
  if (parent) return parent;
  return cls === '301' || cls === '303' ? 'personnel' : 'public';
}

/** Key of a 表六 line: 部门经济 款 and 政府经济 款. */
const economicPairKey = (dept: string, gov: string) => `${dept}>${gov}`;

export interface Aggregates {
  /** 功能 项 (as entered, normally 7 digits) → money vector (SLOT_COUNT slots). */
  byFunction: ReadonlyMap<string, readonly number[]>;
  /** 一般公共预算 基本支出 by `economicPairKey(部门经济款, 政府经济款)` (表六). */
  generalBasicByEconomic: ReadonlyMap<string, Fen>;
  /** 财政拨款 三公 (basic lines and project items) by item and source (表十). */
  threePublic: Record<ThreePublicItem, BySource<FiscalSource>>;
  /** 机关运行经费: 财政拨款 基本支出 公用经费 of 行政/参公 units, by unit id and source (表十一). */
  runningCostsByUnit: ReadonlyMap<number, BySource<FiscalSource>>;
  /** Project id → amount (Σ items). */
  projectAmount: ReadonlyMap<number, Fen>;
}

export function aggregate(facts: BudgetFacts): Aggregates {
  const byFunction = new Map<string, number[]>();
  const vec = (code: string): number[] => {
    let v = byFunction.get(code);
    if (!v) {
      v = new Array<number>(SLOT_COUNT).fill(0);
      byFunction.set(code, v);
    }
    return v;
  };
  const generalBasicByEconomic = new Map<string, Fen>();
  const threePublic: Record<ThreePublicItem, BySource<FiscalSource>> = {
    abroad: zeroFiscal(),
    reception: zeroFiscal(),
    vehiclePurchase: zeroFiscal(),
    vehicleOperation: zeroFiscal(),
  };
  const runningCostsByUnit = new Map<number, BySource<FiscalSource>>();
  const adminUnits = new Set(facts.units.filter((u) => isAdministrative(u.type)).map((u) => u.id));
  const bucketCache = new Map<string, Bucket>();
  const bucket = (code: string): Bucket => {
    let b = bucketCache.get(code);
    if (!b) {
      b = bucketOf(facts.codes, code);
      bucketCache.set(code, b);
    }
    return b;
  };

  for (const l of facts.basicLines) {
    vec(l.functionCode)[slotIndex('basic', false, l.source)] += l.amount;
    if (l.source === 'general') {
      const k = economicPairKey(l.economicCode, l.govEconomicCode);
      generalBasicByEconomic.set(k, (generalBasicByEconomic.get(k) ?? 0) + l.amount);
    }
    if (isFiscal(l.source)) {
      const tp = THREE_PUBLIC_ECONOMIC[l.economicCode];
      if (tp) threePublic[tp][l.source] += l.amount;
      if (adminUnits.has(l.unitId) && bucket(l.economicCode) === 'public') {
        let r = runningCostsByUnit.get(l.unitId);
        if (!r) runningCostsByUnit.set(l.unitId, (r = zeroFiscal()));
        r[l.source] += l.amount;
      }
    }
  }

  const projectAmount = new Map<number, Fen>();
  for (const p of facts.projects) {
    const slot = slotIndex('project', p.carryover, p.source);
    const countThreePublic = isFiscal(p.source) && (THREE_PUBLIC_INCLUDES_CARRYOVER || !p.carryover);
    let total = 0;
    for (const it of p.items) {
      total += it.amount;
      vec(it.functionCode)[slot] += it.amount;
      if (countThreePublic) {
        const tp = THREE_PUBLIC_ECONOMIC[it.economicCode];
        if (tp) threePublic[tp][p.source as FiscalSource] += it.amount;
      }
    }
    projectAmount.set(p.id, total);
  }

  return { byFunction, generalBasicByEconomic, threePublic, runningCostsByUnit, projectAmount };
}

/** Sum of selected money over all functions (the 合计 of a table, including codes outside any fixed row list). */
export function sumAll(agg: Aggregates, sels: readonly Selector[]): Fen[] {
  const out = sels.map(() => 0);
  for (const v of agg.byFunction.values()) for (let i = 0; i < sels.length; i++) out[i] += pick(v, sels[i]);
  return out;
}

/** Sum of selected money by the first `len` digits of the function code (3: 类, 5: 款). */
export function sumByPrefix(agg: Aggregates, len: number, sels: readonly Selector[]): Map<string, Fen[]> {
  const out = new Map<string, Fen[]>();
  for (const [code, v] of agg.byFunction) {
    const k = code.slice(0, len);
    let acc = out.get(k);
    if (!acc) out.set(k, (acc = sels.map(() => 0)));
    for (let i = 0; i < sels.length; i++) acc[i] += pick(v, sels[i]);
  }
  return out;
}

interface IncomeBySource {
  current: BySource<FundSource>;
  carryover: BySource<FundSource>;
}

/** Entered income per fund source (absent sources are zero; several entries of one source add up). */
export function incomeBySource(facts: BudgetFacts): IncomeBySource {
  const current = Object.fromEntries(FUND_SOURCES.map((s) => [s, 0])) as BySource<FundSource>;
  const carryover = { ...current };
  for (const e of facts.income) {
    current[e.source] += e.current;
    carryover[e.source] += e.carryover;
  }
  return { current, carryover };
}

export const sumSources = <S extends string>(r: BySource<S>, sources: readonly S[]): Fen =>
  sources.reduce((s, k) => s + r[k], 0);

