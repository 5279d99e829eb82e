CREATE TABLE `skill_self_scores` (
	`user_id` text NOT NULL,
	`skill` text NOT NULL,
	`score` integer NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `skill`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `user_preferences` (
	`user_id` text PRIMARY KEY NOT NULL,
	`low_anxiety` integer DEFAULT false NOT NULL,
	`target_role` text DEFAULT 'backend' NOT NULL,
	`target_band` text DEFAULT '3-5' NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `criterion_scores_grade_criterion_idx` ON `criterion_scores` (`grade_id`,`criterion_id`,`score`);--> statement-breakpoint
CREATE INDEX `round_questions_round_question_idx` ON `round_questions` (`round_id`,`question_id`,`id`);