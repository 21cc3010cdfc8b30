CREATE TABLE `render_browsers` (
	`owner` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `render_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`priority` integer NOT NULL,
	`budget_id` integer NOT NULL,
	`requested_by` integer NOT NULL,
	`status` text NOT NULL,
	`digest` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`lease_owner` text,
	`lease_expires_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`result` blob,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `render_jobs_claim_idx` ON `render_jobs` (`status`,`priority`,`id`);--> statement-breakpoint
CREATE INDEX `render_jobs_user_idx` ON `render_jobs` (`requested_by`,`kind`,`status`);