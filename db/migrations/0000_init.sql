CREATE TABLE `answers` (
	`id` text PRIMARY KEY NOT NULL,
	`round_question_id` text NOT NULL,
	`slot` integer NOT NULL,
	`probe` text,
	`text` text DEFAULT '' NOT NULL,
	`seconds_allowed` integer NOT NULL,
	`started_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`draft_saved_at` integer,
	`submitted_at` integer,
	`timed_out` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`round_question_id`) REFERENCES `round_questions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_round_question_slot_idx` ON `answers` (`round_question_id`,`slot`);--> statement-breakpoint
CREATE TABLE `criterion_scores` (
	`grade_id` text NOT NULL,
	`position` integer NOT NULL,
	`criterion_id` text NOT NULL,
	`score` integer NOT NULL,
	`evidence` text,
	`rationale` text NOT NULL,
	FOREIGN KEY (`grade_id`) REFERENCES `grades`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `criterion_scores_grade_position_idx` ON `criterion_scores` (`grade_id`,`position`);--> statement-breakpoint
CREATE INDEX `criterion_scores_criterion_idx` ON `criterion_scores` (`criterion_id`);--> statement-breakpoint
CREATE TABLE `grades` (
	`id` text PRIMARY KEY NOT NULL,
	`answer_id` text NOT NULL,
	`grader` text NOT NULL,
	`model` text,
	`prompt_version` text,
	`fallback_reason` text,
	`overall` real NOT NULL,
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
CREATE INDEX `grades_answer_idx` ON `grades` (`answer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `round_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`position` integer NOT NULL,
	`question_id` text NOT NULL,
	`question` text NOT NULL,
	`seconds_allowed` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `round_questions_round_position_idx` ON `round_questions` (`round_id`,`position`);--> statement-breakpoint
CREATE INDEX `round_questions_question_idx` ON `round_questions` (`question_id`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`title` text NOT NULL,
	`band` text NOT NULL,
	`skills` text NOT NULL,
	`kinds` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rounds_user_created_idx` ON `rounds` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);