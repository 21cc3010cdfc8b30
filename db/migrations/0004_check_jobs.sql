CREATE TABLE `check_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requested_by` integer NOT NULL,
	`file_name` text NOT NULL,
	`profile` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`lease_owner` text,
	`error` text,
	`file` blob,
	`result` text,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `check_jobs_claim_idx` ON `check_jobs` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `check_jobs_user_idx` ON `check_jobs` (`requested_by`,`id`);