/** Figures transcribed from the printed reference document, shared by the demo data's tests. */
import 'server-only';

/**
 * 表十二 (2024年项目支出预算表（本年预算）) of the reference: the 17 projects and their amounts in 万元.
 * @public the demo data's golden tests (forms-2024.test.ts, zezhou-2024.test.ts) check the seed against it
 */
export const TABLE_12: ReadonlyArray<readonly [name: string, wan: string]> = [
  ['驻村工作队经费', '1.50'],
  ['县政府购买公益性岗位资金', '361.00'],
  ['人才专项工作经费', '600.00'],
  ['创业就业专项资金', '305.00'],
  ['省级财政就业补助资金（上级）', '7.60'],
  ['中央财政就业补助资金（上级就业见习岗位补贴）', '150.00'],
  ['中央财政就业补助资金（上级）', '809.00'],
  ['遗属补助经费', '3.93'],
  ['执法办案经费', '85.00'],
  ['劳动监察工作服', '26.00'],
  ['社会保险中心办公楼管理费', '18.00'],
  ['公共就业及人才服务经费', '6.60'],
  ['创业和职业技能服务工作经费', '7.50'],
  ['监察中队乡镇站工作经费', '16.50'],
  ['知识更新必需科目培训经费', '12.00'],
  ['人力资源发展事业工作经费', '24.00'],
  ['网络运行维护费', '5.40'],
];
