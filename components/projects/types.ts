/** Props of the 项目支出 editors (serializable: they cross the server → client boundary). */
import type { ActionOf } from '@/components/lines/types';
import type {
  addProjectItem,
  createProject,
  deleteProject,
  deleteProjectItem,
  updateProject,
  updateProjectItem,
} from '@/lib/budget/edit/projects';
import type { Fen, ProcurementKind } from '@/lib/facts';

export interface ProjectActions {
  create: ActionOf<typeof createProject>;
  update: ActionOf<typeof updateProject>;
  remove: ActionOf<typeof deleteProject>;
  addItem: ActionOf<typeof addProjectItem>;
  updateItem: ActionOf<typeof updateProjectItem>;
  removeItem: ActionOf<typeof deleteProjectItem>;
}

export interface ProjectUnit {
  id: number;
  name: string;
}

export interface ProjectItemRow {
  id: number;
  functionCode: string;
  economicCode: string;
  amount: Fen;
  procurement: ProcurementKind | null;
}
