ALTER TABLE `criterion_scores` ADD `quotes` text;--> statement-breakpoint
ALTER TABLE `criterion_scores` ADD `spread` integer;--> statement-breakpoint
ALTER TABLE `criterion_scores` ADD `capped_from` integer;--> statement-breakpoint
ALTER TABLE `grades` ADD `checks` text;