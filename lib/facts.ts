import type { PerformanceForm } from './performance/form';

/**
 * The facts of one department's budget for one year: the single source from which every table, the text,
 * the charts, the findings and the exports are computed. Amounts are integer 分 (Fen) everywhere.
 * Nothing in here is derived: totals, shares and roll-ups are computed by lib/disclosure.
 */

/** An amount of money as an integer number of 分 (1 元 = 100 分, 1 万元 = 1,000,000 分). */
export type Fen = number;

/** 资金来源. The first three together are 财政拨款. */
export const FUND_SOURCES = ['general', 'fund', 'capital', 'special', 'unit'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];
export const FISCAL_SOURCES = ['general', 'fund', 'capital'] as const satisfies readonly FundSource[];
export type FiscalSource = (typeof FISCAL_SOURCES)[number];

export const FUND_SOURCE_LABEL: Record<FundSource, string> = {
  general: '一般公共预算',
  fund: '政府性基金预算',
  capital: '国有资本经营预算',
  special: '财政专户管理资金',
  unit: '单位资金',
};

/** 单位类型: 行政单位, 参照公务员法管理的事业单位 (参公), 事业单位. */
export const UNIT_TYPES = ['admin', 'civil', 'institution'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const UNIT_TYPE_LABEL: Record<UnitType, string> = { admin: '行政', civil: '参公', institution: '事业' };
/** 行政 and 参公 units count for 机关运行经费 and use the 行政 column of the economic mapping. */
export const isAdministrative = (t: UnitType) => t === 'admin' || t === 'civil';

interface Department {
  code: string; // e.g. '054'
  name: string; // 泽州县人力资源和社会保障局
  regionName: string; // 泽州县
}

export interface Unit {
  id: number;
  name: string;
  type: UnitType;
  sort: number;
}

/** 基本支出: one line at 功能 项 × 部门经济 款 × unit × fund source. */
export interface BasicLine {
  id: number;
  unitId: number;
  functionCode: string; // 7-digit 项
  economicCode: string; // 5-digit 部门经济 款
  govEconomicCode: string; // 5-digit 政府经济 款, resolved from the unit-type mapping (or an allowed override)
  source: FundSource;
  amount: Fen;
}

/** 项目类别. */
export const PROJECT_CATEGORIES = ['operating', 'specific'] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];
export const PROJECT_CATEGORY_LABEL: Record<ProjectCategory, string> = {
  operating: '其他运转类',
  specific: '特定目标类',
};

/** 政府采购品目. */
export const PROCUREMENT_KINDS = ['goods', 'works', 'services'] as const;
export type ProcurementKind = (typeof PROCUREMENT_KINDS)[number];
export const PROCUREMENT_LABEL: Record<ProcurementKind, string> = { goods: '货物', works: '工程', services: '服务' };

/** One detail row of a project: where (功能 项) and on what (部门经济 款) part of its money goes. */
export interface ProjectItem {
  id: number;
  functionCode: string; // 7-digit 项
  economicCode: string; // 5-digit 部门经济 款
  amount: Fen;
  procurement: ProcurementKind | null; // part of 政府采购 when set
}

/** 项目支出. The project's amount is the sum of its items: never typed twice. */
export interface Project {
  id: number;
  name: string;
  unitId: number;
  source: FundSource;
  category: ProjectCategory;
  /** true: money carried over from last year (表十三); false: this year's money (表十二). */
  carryover: boolean;
  sort: number;
  items: ProjectItem[];
}

/** 收入: entered per fund source, this year's and carried over. */
export interface IncomeEntry {
  source: FundSource;
  current: Fen;
  carryover: Fen;
}

interface ThreePublic {
  abroad: Fen; // 因公出国（境）费
  reception: Fen; // 公务接待费
  vehiclePurchase: Fen; // 公务用车购置费
  vehicleOperation: Fen; // 公务用车运行维护费
}

/** 上年预算 figures the text compares against. */
export interface PriorYear {
  total: Fen; // 上年收支总计
  generalCurrent: Fen; // 上年一般公共预算当年拨款
  threePublic: ThreePublic;
  runningCosts: Fen; // 上年机关运行经费
}

interface VehicleCount {
  category: string; // 领导用车, 机要通信用车, …
  establishment: number; // 编制
  actual: number; // 实有
}

export interface Assets {
  asOf: string; // ISO date, e.g. 2023-12-31
  vehicles: VehicleCount[];
  /** 办公用房建筑总面积 in 0.01 平方米 (integer). */
  officeAreaCentiSqm: number;
  devicesOver500k: number; // 单价50万元以上通用设备 台（套）
  devicesOver1m: number; // 单价100万元以上通用设备 台（套）
}

/** The reasons (主要原因是…) and descriptions typed by people, slotted into the text. */
export interface TextFacts {
  duties: string; // 部门职责
  organization: string; // 机构设置
  reasonTotalChange: string; // 一、收支变动
  reasonGeneralChange: string; // 五(一) 一般公共预算当年支出变化
  reasonThreePublicChange: string; // 七、三公
  reasonRunningCostsChange: string; // 八、机关运行经费
  purchaseOfServices: string; // 十二(一) 政府购买服务指导性目录 (e.g. 无)
  otherNotes: string; // 十二(二) 其他
}

export interface CodeBook {
  /** 支出功能分类: code → name, for 类 (3), 款 (5) and 项 (7). */
  functional: Record<string, string>;
  /** 部门预算支出经济分类: code → name and 基本支出 bucket, for 类 (3) and 款 (5). */
  deptEconomic: Record<string, { name: string; bucket: 'personnel' | 'public' | null }>;
  /** 政府预算支出经济分类: code → name. */
  govEconomic: Record<string, string>;
}

export interface BudgetFacts {
  year: number;
  department: Department;
  units: Unit[];
  income: IncomeEntry[];
  basicLines: BasicLine[];
  projects: Project[];
  prior: PriorYear;
  assets: Assets;
  text: TextFacts;
  codes: CodeBook;
  /** 绩效目标表, one per project that has one (keyed by projectId). */
  forms: PerformanceForm[];
}

/** A budget with nothing entered (a new budget's shape; the facts behind a disclosure read from a file). */
export function emptyFacts(year: number, codes: CodeBook, department: Department = { code: '', name: '', regionName: '' }): BudgetFacts {
  return {
    year,
    department,
    units: [],
    income: [],
    basicLines: [],
    projects: [],
    prior: { total: 0, generalCurrent: 0, threePublic: { abroad: 0, reception: 0, vehiclePurchase: 0, vehicleOperation: 0 }, runningCosts: 0 },
    assets: { asOf: `${year - 1}-12-31`, vehicles: [], officeAreaCentiSqm: 0, devicesOver500k: 0, devicesOver1m: 0 },
    text: {
      duties: '',
      organization: '',
      reasonTotalChange: '',
      reasonGeneralChange: '',
      reasonThreePublicChange: '',
      reasonRunningCostsChange: '',
      purchaseOfServices: '',
      otherNotes: '',
    },
    codes,
    forms: [],
  };
}

export const projectAmount = (p: Project): Fen => p.items.reduce((s, i) => s + i.amount, 0);
/** The amount of several projects. */
export const projectsAmount = (ps: readonly Project[]): Fen => ps.reduce((s, p) => s + projectAmount(p), 0);
