import type { Fen } from '../facts';

/** 项目属性. */
export type ProjectAttribute = 'recurring' | 'oneOff'; // 经常性项目(长期开展) / 一次性项目
export const PROJECT_ATTRIBUTE_LABEL: Record<ProjectAttribute, string> = {
  recurring: '经常性项目(长期开展)',
  oneOff: '一次性项目',
};

/** 项目资金 split (元 on the form, stored as 分). */
export interface FundingSplit {
  central: Fen; // 中央财政资金
  provincial: Fen; // 省级财政资金
  local: Fen; // 市县(区)财政资金
  selfRaised: Fen; // 单位自筹
  other: Fen; // 其他资金
  total: Fen; // 资金总额 as entered (checked against the split and, for the year, against 表十二)
}

export type IndicatorPeriod = 'total' | 'annual'; // 实施期 / 年度

export interface Indicator {
  period: IndicatorPeriod;
  level1: string; // 一级指标, e.g. 产出指标
  level2: string; // 二级指标, e.g. 数量指标
  name: string; // 三级指标
  value: string; // 指标值 as written, e.g. ≥17000吨
  sort: number;
}

/** 项目支出绩效目标表. 项目名称 and 实施单位 come from the project; 主管部门及代码 from the department. */
export interface PerformanceForm {
  projectId: number;
  attribute: ProjectAttribute;
  periodYears: number; // 项目期 (99 for 长期)
  fundingTotal: FundingSplit; // 实施期
  fundingAnnual: FundingSplit; // 年度
  overview: string; // 项目概况
  basis: string; // 立项依据
  necessity: string; // 项目设立必要性
  measures: string; // 保证项目实施的制度、措施
  plan: string; // 项目实施计划
  goalTotal: string; // 总体目标 实施期
  goalAnnual: string; // 总体目标 年度
  indicators: Indicator[];
  manager: string; // 负责人
  handler: string; // 经办人
  phone: string; // 联系电话
  filledAt: string; // 填报日期 as printed (e.g. 20231215161224)
}
