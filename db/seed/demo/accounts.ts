/** Demo accounts. Shown in the README and, in demo mode only, on the sign-in page. */
import 'server-only';

export const DEMO_ACCOUNTS = [
  { username: 'renshe', password: 'Renshe#2024', displayName: '人社局财务（演示）', role: 'clerk', departmentCode: '054' },
  { username: 'dangan', password: 'Dangan#2024', displayName: '档案馆财务（演示）', role: 'clerk', departmentCode: '061' },
  { username: 'shenhe', password: 'Shenhe#2024', displayName: '财政局预算科（演示）', role: 'reviewer', departmentCode: null },
  { username: 'admin', password: 'Admin#2024', displayName: '系统管理员（演示）', role: 'admin', departmentCode: null },
] as const satisfies readonly {
  username: string;
  password: string;
  displayName: string;
  role: 'clerk' | 'reviewer' | 'admin';
  departmentCode: string | null;
}[];
