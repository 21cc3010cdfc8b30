/**
 * 绩效指标 taxonomy (一级 › 二级) the 绩效目标表 are checked against. Configuration, not code: a region that adopts
 * the 2021 framework in another year changes `TAXONOMY_2021_FROM_YEAR` (or passes its own taxonomy in
 * `RuleInput.taxonomy`).
 *
 * - classic (财预〔2015〕88号 and the 山西 forms of the reference): 产出指标 › 数量/质量/时效/成本指标;
 *   效益指标 › 经济效益/社会效益/生态效益/可持续影响指标; 满意度指标 › 服务对象满意度指标.
 * - 2021 (财预〔2021〕101号): 成本指标 becomes its own 一级 with 经济成本/社会成本/生态环境成本指标; 产出指标 keeps
 *   数量/质量/时效. 可持续影响指标 is kept under 效益指标 (regional forms still use it).
 */

interface TaxonomyLevel1 {
  name: string;
  level2: readonly string[];
}

export interface Taxonomy {
  id: 'classic' | '2021' | (string & {});
  /** Shown in messages: 《…》 */
  label: string;
  level1: readonly TaxonomyLevel1[];
  /** 一级 of which each period of a form needs at least one indicator with a value. */
  required: readonly string[];
  /** 二级 whose values are unit costs (元/吨, 元/人/月 …) checked against the year's amount. */
  cost: readonly string[];
  /** 二级 whose values are quantities a unit cost can multiply (数量指标). */
  quantity: readonly string[];
}

/** @public the tests pin each taxonomy; the app picks one by year (`taxonomyForYear`) */
export const CLASSIC_TAXONOMY: Taxonomy = {
  id: 'classic',
  label: '绩效指标体系（产出、效益、满意度）',
  level1: [
    { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标', '成本指标'] },
    { name: '效益指标', level2: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] },
    { name: '满意度指标', level2: ['服务对象满意度指标'] },
  ],
  required: ['产出指标', '效益指标', '满意度指标'],
  cost: ['成本指标'],
  quantity: ['数量指标'],
};

/** @public */
export const TAXONOMY_2021: Taxonomy = {
  id: '2021',
  label: '财预〔2021〕101号绩效指标体系（成本、产出、效益、满意度）',
  level1: [
    { name: '成本指标', level2: ['经济成本指标', '社会成本指标', '生态环境成本指标'] },
    { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标'] },
    { name: '效益指标', level2: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] },
    { name: '满意度指标', level2: ['服务对象满意度指标'] },
  ],
  required: ['产出指标', '效益指标', '满意度指标'],
  cost: ['经济成本指标'],
  quantity: ['数量指标'],
};

/** First budget year checked against the 2021 taxonomy (years ≤ 2024 use the classic one). */
const TAXONOMY_2021_FROM_YEAR = 2025;

export function taxonomyForYear(year: number, from2021: number = TAXONOMY_2021_FROM_YEAR): Taxonomy {
  return year >= from2021 ? TAXONOMY_2021 : CLASSIC_TAXONOMY;
}

/** The 一级 a 二级 belongs to under `t`, or undefined. */
export function level1Of(t: Taxonomy, level2: string): string | undefined {
  return t.level1.find((l) => l.level2.includes(level2))?.name;
}
