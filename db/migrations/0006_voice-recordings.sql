CREATE TABLE `recordings` (
	`answer_id` text PRIMARY KEY NOT NULL,
	`mime_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`duration_ms` integer,
	`status` text NOT NULL,
	`failure_reason` text,
	`transcript` text,
	`transcribed_by` text,
	`delivery` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`audio` blob NOT NULL,
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade
);
