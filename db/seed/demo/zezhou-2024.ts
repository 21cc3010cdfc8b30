/**
 * Demo department: 泽州县人力资源和社会保障局 (部门 054), 2024 budget, written as facts.
 *
 * Every figure of the reference disclosure's 13 tables and of its 情况说明 is computed from these facts
 * (see zezhou-2024.test.ts). Where the printed document contradicts itself the facts follow the figure the
 * other tables support; where it gives no detail the values are chosen. Both are listed in NOTES.md.
 *
 * Amounts are integer 分 (1 万元 = 1,000,000 分). Many amounts are deliberately not multiples of 0.01 万元:
 * the printed table figures are rounded once from exact values, and the reference's 尾差 (e.g. 表六 人员经费
 * 2,573.40 while 2,381.49 + 191.90 = 2,573.39) can only be reproduced by exact amounts that round that way.
 */
import 'server-only';
import type { BudgetFacts, BasicLine, Project } from '../../../lib/facts';

/** 单位: the 机关 (行政) and the four 事业单位 named in 机构设置. */
const units: BudgetFacts['units'] = [
  { id: 1, name: '泽州县人力资源和社会保障局（机关）', type: 'admin', sort: 1 },
  { id: 2, name: '泽州县就业和人才服务中心', type: 'institution', sort: 2 },
  { id: 3, name: '泽州县劳动保障监察综合行政执法队', type: 'institution', sort: 3 },
  { id: 4, name: '泽州县劳动人事争议仲裁院', type: 'institution', sort: 4 },
  { id: 5, name: '泽州县创业和职业技能指导服务中心', type: 'institution', sort: 5 },
];

/**
 * 基本支出 (all 一般公共预算, this year's money). The 机关 carries the 行政 rows of 表六 (50101/50102/50103),
 * all 公用经费 and all 对个人和家庭的补助; the four 事业单位 carry the 工资福利支出 (50501) rows.
 * govEconomicCode is resolved from dept_to_gov_economic_mapping_2024.csv for the unit's type.
 */
const basicLines: BasicLine[] = [
  { id: 1, unitId: 1, functionCode: '2080101', economicCode: '30101', govEconomicCode: '50101', source: 'general', amount: 763_453_000 }, // 基本工资 7,634,530.00元
  { id: 2, unitId: 1, functionCode: '2080101', economicCode: '30102', govEconomicCode: '50101', source: 'general', amount: 165_250_000 }, // 津贴补贴 1,652,500.00元
  { id: 3, unitId: 1, functionCode: '2080101', economicCode: '30103', govEconomicCode: '50101', source: 'general', amount: 99_000_000 }, // 奖金 990,000.00元
  { id: 4, unitId: 1, functionCode: '2080101', economicCode: '30112', govEconomicCode: '50102', source: 'general', amount: 200_000 }, // 其他社会保障缴费 2,000.00元
  { id: 5, unitId: 1, functionCode: '2080101', economicCode: '30201', govEconomicCode: '50201', source: 'general', amount: 32_980_000 }, // 办公费 329,800.00元
  { id: 6, unitId: 1, functionCode: '2080101', economicCode: '30228', govEconomicCode: '50201', source: 'general', amount: 32_860_000 }, // 工会经费 328,600.00元
  { id: 7, unitId: 1, functionCode: '2080101', economicCode: '30231', govEconomicCode: '50208', source: 'general', amount: 4_500_000 }, // 公务用车运行维护费 45,000.00元
  { id: 8, unitId: 1, functionCode: '2080101', economicCode: '30239', govEconomicCode: '50201', source: 'general', amount: 12_360_000 }, // 其他交通费用 123,600.00元
  { id: 9, unitId: 1, functionCode: '2080501', economicCode: '30301', govEconomicCode: '50905', source: 'general', amount: 13_810_000 }, // 离休费 138,100.00元
  { id: 10, unitId: 1, functionCode: '2080501', economicCode: '30302', govEconomicCode: '50905', source: 'general', amount: 138_480_000 }, // 退休费 1,384,800.00元
  { id: 11, unitId: 1, functionCode: '2080501', economicCode: '30307', govEconomicCode: '50901', source: 'general', amount: 22_000_000 }, // 医疗费补助 220,000.00元
  { id: 12, unitId: 1, functionCode: '2080505', economicCode: '30108', govEconomicCode: '50102', source: 'general', amount: 18_920_000 }, // 机关事业单位基本养老保险缴费 189,200.00元
  { id: 13, unitId: 1, functionCode: '2080506', economicCode: '30109', govEconomicCode: '50102', source: 'general', amount: 9_456_000 }, // 职业年金缴费 94,560.00元
  { id: 14, unitId: 1, functionCode: '2100799', economicCode: '30309', govEconomicCode: '50901', source: 'general', amount: 17_614_500 }, // 奖励金 176,145.00元
  { id: 15, unitId: 1, functionCode: '2101101', economicCode: '30110', govEconomicCode: '50102', source: 'general', amount: 6_532_000 }, // 职工基本医疗保险缴费 65,320.00元
  { id: 16, unitId: 1, functionCode: '2101103', economicCode: '30111', govEconomicCode: '50102', source: 'general', amount: 3_010_000 }, // 公务员医疗补助缴费 30,100.00元
  { id: 17, unitId: 1, functionCode: '2101199', economicCode: '30112', govEconomicCode: '50102', source: 'general', amount: 2_322_000 }, // 其他社会保障缴费 23,220.00元
  { id: 18, unitId: 1, functionCode: '2210201', economicCode: '30113', govEconomicCode: '50103', source: 'general', amount: 19_010_300 }, // 住房公积金 190,103.00元
  { id: 19, unitId: 2, functionCode: '2080101', economicCode: '30107', govEconomicCode: '50501', source: 'general', amount: 220_375_344 }, // 绩效工资 2,203,753.44元
  { id: 20, unitId: 2, functionCode: '2080505', economicCode: '30108', govEconomicCode: '50501', source: 'general', amount: 75_408_681 }, // 机关事业单位基本养老保险缴费 754,086.81元
  { id: 21, unitId: 2, functionCode: '2080506', economicCode: '30109', govEconomicCode: '50501', source: 'general', amount: 37_704_618 }, // 职业年金缴费 377,046.18元
  { id: 22, unitId: 2, functionCode: '2101102', economicCode: '30110', govEconomicCode: '50501', source: 'general', amount: 25_734_085 }, // 职工基本医疗保险缴费 257,340.85元
  { id: 23, unitId: 2, functionCode: '2101103', economicCode: '30111', govEconomicCode: '50501', source: 'general', amount: 11_877_222 }, // 公务员医疗补助缴费 118,772.22元
  { id: 24, unitId: 2, functionCode: '2210201', economicCode: '30113', govEconomicCode: '50501', source: 'general', amount: 70_529_596 }, // 住房公积金 705,295.96元
  { id: 25, unitId: 3, functionCode: '2080101', economicCode: '30107', govEconomicCode: '50501', source: 'general', amount: 180_007_688 }, // 绩效工资 1,800,076.88元
  { id: 26, unitId: 3, functionCode: '2080505', economicCode: '30108', govEconomicCode: '50501', source: 'general', amount: 61_595_562 }, // 机关事业单位基本养老保险缴费 615,955.62元
  { id: 27, unitId: 3, functionCode: '2080506', economicCode: '30109', govEconomicCode: '50501', source: 'general', amount: 30_798_036 }, // 职业年金缴费 307,980.36元
  { id: 28, unitId: 3, functionCode: '2101102', economicCode: '30110', govEconomicCode: '50501', source: 'general', amount: 21_020_170 }, // 职工基本医疗保险缴费 210,201.70元
  { id: 29, unitId: 3, functionCode: '2101103', economicCode: '30111', govEconomicCode: '50501', source: 'general', amount: 9_701_544 }, // 公务员医疗补助缴费 97,015.44元
  { id: 30, unitId: 3, functionCode: '2210201', economicCode: '30113', govEconomicCode: '50501', source: 'general', amount: 57_610_192 }, // 住房公积金 576,101.92元
  { id: 31, unitId: 4, functionCode: '2080101', economicCode: '30107', govEconomicCode: '50501', source: 'general', amount: 83_706_432 }, // 绩效工资 837,064.32元
  { id: 32, unitId: 4, functionCode: '2080505', economicCode: '30108', govEconomicCode: '50501', source: 'general', amount: 28_642_943 }, // 机关事业单位基本养老保险缴费 286,429.43元
  { id: 33, unitId: 4, functionCode: '2080506', economicCode: '30109', govEconomicCode: '50501', source: 'general', amount: 14_321_654 }, // 职业年金缴费 143,216.54元
  { id: 34, unitId: 4, functionCode: '2101102', economicCode: '30110', govEconomicCode: '50501', source: 'general', amount: 9_774_755 }, // 职工基本医疗保险缴费 97,747.55元
  { id: 35, unitId: 4, functionCode: '2101103', economicCode: '30111', govEconomicCode: '50501', source: 'general', amount: 4_511_466 }, // 公务员医疗补助缴费 45,114.66元
  { id: 36, unitId: 4, functionCode: '2210201', economicCode: '30113', govEconomicCode: '50501', source: 'general', amount: 26_789_688 }, // 住房公积金 267,896.88元
  { id: 37, unitId: 5, functionCode: '2080101', economicCode: '30107', govEconomicCode: '50501', source: 'general', amount: 161_793_536 }, // 绩效工资 1,617,935.36元
  { id: 38, unitId: 5, functionCode: '2080505', economicCode: '30108', govEconomicCode: '50501', source: 'general', amount: 55_362_814 }, // 机关事业单位基本养老保险缴费 553,628.14元
  { id: 39, unitId: 5, functionCode: '2080506', economicCode: '30109', govEconomicCode: '50501', source: 'general', amount: 27_681_692 }, // 职业年金缴费 276,816.92元
  { id: 40, unitId: 5, functionCode: '2101102', economicCode: '30110', govEconomicCode: '50501', source: 'general', amount: 18_892_990 }, // 职工基本医疗保险缴费 188,929.90元
  { id: 41, unitId: 5, functionCode: '2101103', economicCode: '30111', govEconomicCode: '50501', source: 'general', amount: 8_719_768 }, // 公务员医疗补助缴费 87,197.68元
  { id: 42, unitId: 5, functionCode: '2210201', economicCode: '30113', govEconomicCode: '50501', source: 'general', amount: 51_780_524 }, // 住房公积金 517,805.24元
];

/** Shorthand for a project item. */
type Item = Project['items'][number];
const item = (
  id: number,
  functionCode: string,
  economicCode: string,
  amount: number,
  procurement: Item['procurement'] = null,
): Item => ({ id, functionCode, economicCode, amount, procurement });

/**
 * 项目支出, all under the 机关 and 一般公共预算. Ids 1–17: this year's money in 表十二's order;
 * ids 18–22: 上年结转 in 表十三's order. Item amounts follow the 绩效目标表 (年度资金总额, in whole 元) and,
 * where the form lists its cost composition, that composition scaled to the year (see NOTES.md).
 */
const projects: Project[] = [
  // ── 表十二 项目支出预算表（本年预算） ──
  {
    id: 1, name: '驻村工作队经费', unitId: 1, source: 'general', category: 'specific', carryover: false, sort: 1,
    items: [
      item(1, '2080104', '30201', 500_000), // 办公费
      item(2, '2080104', '30305', 600_000), // 生活补助: 工作队日常生活费
      item(3, '2080104', '30299', 400_000), // 其他商品和服务支出: 意外保险、体检
    ],
  },
  {
    id: 2, name: '县政府购买公益性岗位资金', unitId: 1, source: 'general', category: 'specific', carryover: false, sort: 2,
    items: [
      item(4, '2080705', '30399', 237_600_000), // 公益性岗位补贴
      item(5, '2080704', '30399', 123_400_000), // 公益性岗位社会保险补贴
    ],
  },
  {
    id: 3, name: '人才专项工作经费', unitId: 1, source: 'general', category: 'specific', carryover: false, sort: 3,
    items: [
      item(6, '2080704', '31299', 500_000_000), // 吸纳人才民营企业社保补贴
      item(7, '2080799', '30399', 100_000_000), // 一次性就业补贴、生活补贴、购房补贴
    ],
  },
  {
    id: 4, name: '创业就业专项资金', unitId: 1, source: 'general', category: 'specific', carryover: false, sort: 4,
    items: [
      item(8, '2080799', '31299', 100_000_000), // 孵化基地场地租赁补贴、管理补贴
      item(9, '2080799', '30214', 110_000_000), // 零工市场租赁及运行
      item(10, '2080799', '30309', 40_000_000), // 大学生优秀项目、创业大赛奖金
      item(11, '2080799', '30227', 38_600_000, 'services'), // 创新创业大赛、职业技能大赛承办服务
      item(12, '2080799', '30305', 16_400_000), // 实习实训大学生生活补贴
    ],
  },
  {
    id: 5, name: '省级财政就业补助资金（上级）', unitId: 1, source: 'general', category: 'specific', carryover: false, sort: 5,
    items: [
      item(13, '2080799', '31299', 3_600_000), // 一次性吸纳就业补贴
      item(14, '2080799', '30399', 4_000_000), // 一次性创业补贴
    ],
  },
  {
    id: 6, name: '中央财政就业补助资金（上级就业见习岗位补贴）', unitId: 1, source: 'general', category: 'specific', carryover: false, sort: 6,
    items: [item(15, '2080711', '30399', 150_000_000)], // 就业见习补贴
  },
  {
    id: 7, name: '中央财政就业补助资金（上级）', unitId: 1, source: 'general', category: 'specific', carryover: false, sort: 7,
    items: [
      item(16, '2080704', '30399', 200_000_000), // 1. 社会保险补贴类 200万
      item(17, '2080705', '30399', 466_000_000), // 2. 岗位补贴类 466万
      item(18, '2080799', '30399', 40_000_000), // 3. 高校毕业生就业项目 20万 + 5. 职业培训补贴 20万
      item(19, '2080799', '30227', 93_000_000), // 4. 就业创业服务补助 93万
      item(20, '2080799', '30299', 10_000_000), // 6. 其他 10万
    ],
  },
  {
    id: 8, name: '遗属补助经费', unitId: 1, source: 'general', category: 'operating', carryover: false, sort: 8,
    items: [item(21, '2080599', '30305', 3_931_200)], // 39,312元: 4名遗属生活补助及烤火费
  },
  {
    id: 9, name: '执法办案经费', unitId: 1, source: 'general', category: 'operating', carryover: false, sort: 9,
    items: [
      item(22, '2080199', '30201', 20_000_000), // 办公费及设备、复印纸、耗材
      item(23, '2080199', '30202', 1_000_000), // 法律文书印刷
      item(24, '2080199', '30205', 1_600_000), // 乡镇站所水电暖、水费
      item(25, '2080199', '30206', 7_000_000), // 机房三相动力电费
      item(26, '2080199', '30207', 4_800_000), // 电话费、邮寄费
      item(27, '2080199', '30211', 13_000_000), // 外出调查办案差旅、培训学习
      item(28, '2080199', '30213', 2_000_000), // 仲裁庭装修
      item(29, '2080199', '30214', 5_600_000), // 房屋租赁、小程序租赁
      item(30, '2080199', '30218', 4_000_000), // 制证
      item(31, '2080199', '30227', 10_000_000, 'services'), // 法律援助
      item(32, '2080199', '30231', 8_500_000), // 四辆公务用车日常维修维护 (三公)
      item(33, '2080199', '30299', 7_500_000), // 工伤调查办案、综合执法办案
    ],
  },
  {
    id: 10, name: '劳动监察工作服', unitId: 1, source: 'general', category: 'operating', carryover: false, sort: 10,
    items: [item(34, '2080105', '30224', 26_000_000)], // 被装购置费: 59名监察员工作服
  },
  {
    id: 11, name: '社会保险中心办公楼管理费', unitId: 1, source: 'general', category: 'operating', carryover: false, sort: 11,
    items: [
      item(35, '2080199', '30205', 4_800_000), // 水费
      item(36, '2080199', '30206', 4_800_000), // 电费
      item(37, '2080199', '30208', 5_300_000), // 暖气费
      item(38, '2080199', '30213', 2_000_000, 'services'), // 维修费
      item(39, '2080199', '30299', 1_100_000), // 创建文明、卫生城市
    ],
  },
  {
    id: 12, name: '公共就业及人才服务经费', unitId: 1, source: 'general', category: 'operating', carryover: false, sort: 12,
    items: [
      item(40, '2080106', '30227', 5_000_000, 'services'), // 春风行动、金秋招聘月等招聘会承办
      item(41, '2080106', '30226', 1_000_000), // 聘请专家
      item(42, '2080106', '30239', 600_000), // 交通费
    ],
  },
  {
    id: 13, name: '创业和职业技能服务工作经费', unitId: 1, source: 'general', category: 'operating', carryover: false, sort: 13,
    items: [
      item(43, '2080199', '30201', 1_500_000), // 办公费
      item(44, '2080199', '30202', 500_000), // 印刷费
      item(45, '2080199', '30205', 300_000), // 水费
      item(46, '2080199', '30206', 200_000), // 电费
      item(47, '2080199', '30231', 3_000_000), // 公车运行维护 30,000元 (三公)
      item(48, '2080199', '31002', 2_000_000, 'goods'), // 设备购置费 20,000元
    ],
  },
  {
    id: 14, name: '监察中队乡镇站工作经费', unitId: 1, source: 'general', category: 'operating', carryover: false, sort: 14,
    items: [
      item(49, '2080105', '30201', 4_500_000), // 购置办公用品办公费
      item(50, '2080105', '30214', 9_000_000), // 中队办公用房租赁费
      item(51, '2080105', '30231', 1_500_000), // 乡镇中队巡查用车运行维护 (三公)
      item(52, '2080105', '30299', 1_500_000), // 其他
    ],
  },
  {
    id: 15, name: '知识更新必需科目培训经费', unitId: 1, source: 'general', category: 'operating', carryover: false, sort: 15,
    items: [item(53, '2080104', '30216', 12_000_000, 'services')], // 培训场地费、讲师讲课费
  },
  {
    id: 16, name: '人力资源发展事业工作经费', unitId: 1, source: 'general', category: 'operating', carryover: false, sort: 16,
    items: [
      item(54, '2080104', '30201', 13_760_000), // 办公费
      item(55, '2080104', '30202', 1_600_000), // 印刷费
      item(56, '2080104', '30207', 1_920_000), // 邮电费
      item(57, '2080104', '30211', 1_600_000), // 差旅费
      item(58, '2080104', '30227', 1_920_000), // 委托业务费
      item(59, '2080104', '30217', 1_000_000), // 公务接待费 (三公)
      item(60, '2080104', '30299', 2_200_000), // 其他商品和服务支出
    ],
  },
  {
    id: 17, name: '网络运行维护费', unitId: 1, source: 'general', category: 'operating', carryover: false, sort: 17,
    items: [item(61, '2080108', '30207', 5_400_000, 'services')], // 10条专线及14条办公宽带
  },
  // ── 表十三 项目支出预算表（上年结转） ──
  {
    id: 18, name: '就业补助资金', unitId: 1, source: 'general', category: 'specific', carryover: true, sort: 18,
    items: [item(62, '2080799', '30399', 10_363_145)], // 103,631.45元
  },
  {
    id: 19, name: '就业补助资金', unitId: 1, source: 'general', category: 'specific', carryover: true, sort: 19,
    items: [item(63, '2080799', '30399', 203_420)], // 2,034.20元
  },
  {
    id: 20, name: '中央就业补助资金', unitId: 1, source: 'general', category: 'specific', carryover: true, sort: 20,
    items: [item(64, '2080799', '30399', 787_021_485)], // 7,870,214.85元
  },
  {
    id: 21, name: '“公益性零工市场县县全覆盖”省级财政专项资金', unitId: 1, source: 'general', category: 'specific', carryover: true, sort: 21,
    items: [item(65, '2080799', '30299', 171_950)], // 1,719.50元
  },
  {
    id: 22, name: '“泽州县零工市场”硬件补充建设项目', unitId: 1, source: 'general', category: 'specific', carryover: true, sort: 22,
    items: [item(66, '2080199', '31002', 15_000_000)],
  },
];

export const zezhou2024: Omit<BudgetFacts, 'codes' | 'forms'> = {
  year: 2024,
  department: { code: '054', name: '泽州县人力资源和社会保障局', regionName: '泽州县' },
  units,
  income: [
    { source: 'general', current: 5_095_130_000, carryover: 812_760_000 },
    { source: 'fund', current: 0, carryover: 0 },
    { source: 'capital', current: 0, carryover: 0 },
    { source: 'special', current: 0, carryover: 0 },
    { source: 'unit', current: 0, carryover: 0 },
  ],
  basicLines,
  projects,
  prior: {
    // 一、收支总计 5,907.89 比上年增加 565.69
    total: 5_342_200_000,
    // 五(一) 一般公共预算当年支出 5,095.13 比上年减少 170.87
    generalCurrent: 5_266_000_000,
    // 七、公务接待费 1.00 比上年减少 1.00；其余与上年预算数相同
    threePublic: { abroad: 0, reception: 2_000_000, vehiclePurchase: 0, vehicleOperation: 17_500_000 },
    // 八、2023年机关运行经费 85.11
    runningCosts: 85_110_000,
  },
  assets: {
    asOf: '2023-12-31',
    vehicles: [
      { category: '领导用车', establishment: 0, actual: 0 },
      { category: '机要通信用车', establishment: 0, actual: 0 },
      { category: '应急保障用车', establishment: 0, actual: 0 },
      { category: '执法执勤用车', establishment: 0, actual: 0 },
      { category: '特种专业技术用车', establishment: 0, actual: 0 },
      { category: '事业单位业务用车', establishment: 0, actual: 0 },
      { category: '其他公务用车', establishment: 8, actual: 8 },
    ],
    officeAreaCentiSqm: 609_461, // 6,094.61 平方米
    devicesOver500k: 0,
    devicesOver1m: 0,
  },
  text: {
    duties:
      '泽州县人力资源和社会保障局主要职能是：1、贯彻执行人力资源和社会保障法律、法规、规章和方针政策；2、负责全县人事人才、就业创业、职业培训、劳动仲裁、劳动监察工作，完善公共就业服务体系，建立统一规范的人力资源市场，完善劳动关系协调机制，维护劳动者合法权益；3、做好各项社会保险工作，统筹建立覆盖城乡的社会保险体系；4、负责统筹全县机关企事业单位人员管理工作，会同有关部门拟定机关、事业单位人员工资收入分配办法，建立机关、事业单位工作人员工资正常增长和支付保障机制；5、会同有关部门推进事业单位人事制度改革；6、配合有关部门开展政府绩效考核。按照干部管理权限，承办县人民政府和县人大常委会的人事任免事项。7、承办县政府交办的其他事项。',
    organization:
      '泽州县人力资源和社会保障局2024年部门预算包括人社局机关及下属就业和人才服务中心、劳动保障监察综合行政执法队、劳动人事争议仲裁院、创业和技能指导服务中心4家事业单位。内设办公室、政策法规宣传股、党办、行政审批股、财务审计股、人事规划管理股、社保基金股、专业技术人员管理股、职业能力建设股、创业就业股、工资管理股、劳动监察仲裁股、工会。',
    reasonTotalChange: '新立项人才专项工作经费增加',
    // 五(一) gives no reason for the decrease of 170.87万元 (see NOTES.md); left empty for the clerk to explain.
    reasonGeneralChange: '',
    reasonThreePublicChange: '业务招待费预算减少',
    reasonRunningCostsChange: '2023年末在职职工减少，预算相应减少',
    purchaseOfServices: '无',
    otherNotes: '本年度无政府性基金。',
  },
};
