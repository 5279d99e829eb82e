PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_grades` (
	`id` text PRIMARY KEY NOT NULL,
	`answer_id` text NOT NULL,
	`grader` text NOT NULL,
	`model` text,
	`prompt_version` text,
	`fallback_reason` text,
	`overall` real,
	`strengths` text NOT NULL,
	`improvements` text NOT NULL,
	`star` text,
	`probes` text NOT NULL,
	`injection_suspected` integer NOT NULL,
	`non_english` integer NOT NULL,
	`insights` text,
	`tokens_in` integer,
	`tokens_out` integer,
	`latency_ms` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_grades`("id", "answer_id", "grader", "model", "prompt_version", "fallback_reason", "overall", "strengths", "improvements", "star", "probes", "injection_suspected", "non_english", "insights", "tokens_in", "tokens_out", "latency_ms", "created_at") SELECT "id", "answer_id", "grader", "model", "prompt_version", "fallback_reason", "overall", "strengths", "improvements", "star", "probes", "injection_suspected", "non_english", "insights", "tokens_in", "tokens_out", "latency_ms", "created_at" FROM `grades`;--> statement-breakpoint
DROP TABLE `grades`;--> statement-breakpoint
ALTER TABLE `__new_grades` RENAME TO `grades`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `grades_answer_idx` ON `grades` (`answer_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `answers` ADD `skipped` integer DEFAULT false NOT NULL;