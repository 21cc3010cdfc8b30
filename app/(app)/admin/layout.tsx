import { AdminNav } from './_components/AdminNav';
import { requireAdmin } from './_lib/guard';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    <div>
      <AdminNav />
      {children}
    </div>
  );
}
