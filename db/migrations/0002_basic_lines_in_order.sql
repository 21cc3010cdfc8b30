DROP INDEX `basic_lines_budget_idx`;--> statement-breakpoint
CREATE INDEX `basic_lines_budget_sort_idx` ON `basic_lines` (`budget_id`,`sort`,`id`);