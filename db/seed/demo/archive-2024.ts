/**
 * A second, small demo department (泽州县档案馆) with its own clerk: it exists to prove that one department's
 * clerk never sees another's budget. Its figures are invented, consistent and small.
 */
import 'server-only';
import type { BudgetFacts } from '../../../lib/facts';

/** 万元 → 分 for literal seed figures written with at most two decimals. */
const wan = (hundredths: number) => hundredths * 10_000;

export const archive2024: Omit<BudgetFacts, 'codes' | 'forms'> = {
  year: 2024,
  department: { code: '061', name: '泽州县档案馆', regionName: '泽州县' },
  units: [{ id: 1, name: '泽州县档案馆', type: 'admin', sort: 1 }],
  income: [
    { source: 'general', current: wan(15130), carryover: 0 },
    { source: 'fund', current: 0, carryover: 0 },
    { source: 'capital', current: 0, carryover: 0 },
    { source: 'special', current: 0, carryover: 0 },
    { source: 'unit', current: 0, carryover: 0 },
  ],
  basicLines: [
    { id: 1, unitId: 1, functionCode: '2012601', economicCode: '30101', govEconomicCode: '50101', source: 'general', amount: wan(6240) },
    { id: 2, unitId: 1, functionCode: '2012601', economicCode: '30102', govEconomicCode: '50101', source: 'general', amount: wan(1860) },
    { id: 3, unitId: 1, functionCode: '2080505', economicCode: '30108', govEconomicCode: '50102', source: 'general', amount: wan(1280) },
    { id: 4, unitId: 1, functionCode: '2210201', economicCode: '30113', govEconomicCode: '50103', source: 'general', amount: wan(950) },
    { id: 5, unitId: 1, functionCode: '2012601', economicCode: '30201', govEconomicCode: '50201', source: 'general', amount: wan(800) },
  ],
  projects: [
    {
      id: 1,
      name: '档案数字化加工经费',
      unitId: 1,
      source: 'general',
      category: 'specific',
      carryover: false,
      sort: 1,
      items: [{ id: 1, functionCode: '2012604', economicCode: '30227', amount: wan(4000), procurement: 'services' }],
    },
  ],
  prior: {
    total: wan(14820),
    generalCurrent: wan(14820),
    threePublic: { abroad: 0, reception: 0, vehiclePurchase: 0, vehicleOperation: 0 },
    runningCosts: wan(760),
  },
  assets: { asOf: '2023-12-31', vehicles: [], officeAreaCentiSqm: 186_050, devicesOver500k: 0, devicesOver1m: 0 },
  text: {
    duties: '负责全县档案事业的统筹规划和组织协调，集中统一管理党和国家的档案，负责档案的接收、征集、保管和利用。',
    organization: '泽州县档案馆2024年部门预算为馆本级预算，无下属单位。',
    reasonTotalChange: '档案数字化加工项目增加。',
    reasonGeneralChange: '档案数字化加工项目增加。',
    reasonThreePublicChange: '',
    reasonRunningCostsChange: '办公费标准调整。',
    purchaseOfServices: '无',
    otherNotes: '本年度无政府性基金。',
  },
};
