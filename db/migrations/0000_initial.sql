CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`region_name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_code_uq` ON `departments` (`code`);--> statement-breakpoint
CREATE TABLE `fiscal_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`is_current` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `region_texts` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_failure_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`department_id` integer NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `units_department_idx` ON `units` (`department_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`department_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `dept_economic_codes` (
	`year` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` integer NOT NULL,
	`parent` text,
	`bucket` text,
	PRIMARY KEY(`year`, `code`)
);
--> statement-breakpoint
CREATE TABLE `economic_mappings` (
	`year` integer NOT NULL,
	`dept_code` text NOT NULL,
	`gov_code_admin` text NOT NULL,
	`gov_code_institution` text NOT NULL,
	PRIMARY KEY(`year`, `dept_code`)
);
--> statement-breakpoint
CREATE TABLE `functional_codes` (
	`year` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` integer NOT NULL,
	`parent` text,
	PRIMARY KEY(`year`, `code`)
);
--> statement-breakpoint
CREATE TABLE `gov_economic_codes` (
	`year` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` integer NOT NULL,
	`parent` text,
	PRIMARY KEY(`year`, `code`)
);
--> statement-breakpoint
CREATE TABLE `basic_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`function_code` text NOT NULL,
	`economic_code` text NOT NULL,
	`gov_economic_override` text,
	`source` text NOT NULL,
	`amount` integer NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `basic_lines_budget_idx` ON `basic_lines` (`budget_id`);--> statement-breakpoint
CREATE TABLE `budget_assets` (
	`budget_id` integer PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`office_area_centi_sqm` integer DEFAULT 0 NOT NULL,
	`devices_over_500k` integer DEFAULT 0 NOT NULL,
	`devices_over_1m` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `budget_texts` (
	`budget_id` integer PRIMARY KEY NOT NULL,
	`duties` text DEFAULT '' NOT NULL,
	`organization` text DEFAULT '' NOT NULL,
	`reason_total_change` text DEFAULT '' NOT NULL,
	`reason_general_change` text DEFAULT '' NOT NULL,
	`reason_three_public_change` text DEFAULT '' NOT NULL,
	`reason_running_costs_change` text DEFAULT '' NOT NULL,
	`purchase_of_services` text DEFAULT '' NOT NULL,
	`other_notes` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `budgets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`department_id` integer NOT NULL,
	`year` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	`approved_at` integer,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budgets_department_year_uq` ON `budgets` (`department_id`,`year`);--> statement-breakpoint
CREATE TABLE `control_figures` (
	`department_id` integer NOT NULL,
	`year` integer NOT NULL,
	`amount` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`department_id`, `year`),
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `finding_explanations` (
	`budget_id` integer NOT NULL,
	`rule_id` text NOT NULL,
	`location_key` text NOT NULL,
	`text` text NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`budget_id`, `rule_id`, `location_key`),
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `income_entries` (
	`budget_id` integer NOT NULL,
	`source` text NOT NULL,
	`current` integer DEFAULT 0 NOT NULL,
	`carryover` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`budget_id`, `source`),
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `prior_year_figures` (
	`budget_id` integer PRIMARY KEY NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`general_current` integer DEFAULT 0 NOT NULL,
	`abroad` integer DEFAULT 0 NOT NULL,
	`reception` integer DEFAULT 0 NOT NULL,
	`vehicle_purchase` integer DEFAULT 0 NOT NULL,
	`vehicle_operation` integer DEFAULT 0 NOT NULL,
	`running_costs` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `project_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`function_code` text NOT NULL,
	`economic_code` text NOT NULL,
	`amount` integer NOT NULL,
	`procurement` text,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `project_items_project_idx` ON `project_items` (`project_id`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL,
	`category` text NOT NULL,
	`carryover` integer DEFAULT false NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `projects_budget_idx` ON `projects` (`budget_id`);--> statement-breakpoint
CREATE TABLE `vehicle_counts` (
	`budget_id` integer NOT NULL,
	`category` text NOT NULL,
	`establishment` integer DEFAULT 0 NOT NULL,
	`actual` integer DEFAULT 0 NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`budget_id`, `category`),
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `performance_forms` (
	`project_id` integer PRIMARY KEY NOT NULL,
	`attribute` text NOT NULL,
	`period_years` integer NOT NULL,
	`total_amount` integer DEFAULT 0 NOT NULL,
	`total_central` integer DEFAULT 0 NOT NULL,
	`total_provincial` integer DEFAULT 0 NOT NULL,
	`total_local` integer DEFAULT 0 NOT NULL,
	`total_self_raised` integer DEFAULT 0 NOT NULL,
	`total_other` integer DEFAULT 0 NOT NULL,
	`annual_amount` integer DEFAULT 0 NOT NULL,
	`annual_central` integer DEFAULT 0 NOT NULL,
	`annual_provincial` integer DEFAULT 0 NOT NULL,
	`annual_local` integer DEFAULT 0 NOT NULL,
	`annual_self_raised` integer DEFAULT 0 NOT NULL,
	`annual_other` integer DEFAULT 0 NOT NULL,
	`overview` text DEFAULT '' NOT NULL,
	`basis` text DEFAULT '' NOT NULL,
	`necessity` text DEFAULT '' NOT NULL,
	`measures` text DEFAULT '' NOT NULL,
	`plan` text DEFAULT '' NOT NULL,
	`goal_total` text DEFAULT '' NOT NULL,
	`goal_annual` text DEFAULT '' NOT NULL,
	`manager` text DEFAULT '' NOT NULL,
	`handler` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`filled_at` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `performance_indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`period` text NOT NULL,
	`level1` text NOT NULL,
	`level2` text NOT NULL,
	`name` text NOT NULL,
	`value` text DEFAULT '' NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `performance_forms`(`project_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `performance_indicators_project_idx` ON `performance_indicators` (`project_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_id` integer,
	`user_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text DEFAULT '' NOT NULL,
	`field` text,
	`old_value` text,
	`new_value` text,
	`reason` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_budget_idx` ON `audit_log` (`budget_id`,`id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_id` integer NOT NULL,
	`anchor_kind` text NOT NULL,
	`anchor_key` text DEFAULT '' NOT NULL,
	`parent_id` integer,
	`body` text NOT NULL,
	`author_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` integer,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_budget_idx` ON `comments` (`budget_id`);--> statement-breakpoint
CREATE TABLE `export_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`status` text NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`result` blob,
	`error` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_id` integer NOT NULL,
	`kind` text NOT NULL,
	`budget_version` integer NOT NULL,
	`facts_json` text NOT NULL,
	`facts_sha256` text NOT NULL,
	`document_json` text,
	`document_sha256` text,
	`pdf` blob,
	`pdf_sha256` text,
	`xlsx` blob,
	`xlsx_sha256` text,
	`note` text,
	`superseded_by` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `snapshots_budget_idx` ON `snapshots` (`budget_id`,`kind`);