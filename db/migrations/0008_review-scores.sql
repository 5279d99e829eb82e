-- Issue 17, bug 8: the review pages' scores, kept up to date by the database itself.
--
-- review_scores holds one row per figure of each graded attempt: a main answer's newest grade
-- with a score (skipped and not-assessed answers have none, so they are in no figure), as its
-- overall, each rubric criterion (keyed by its name as that round's question words it, in lower
-- case, so "STAR structure" across questions is one series while a reused criterion id under
-- another name is another), and each skill of the question as that round asked it. review_series
-- sums them per series (the overall score, a criterion, a skill) with where the user stands now
-- (the mean of the newest five scores) and the change since their first ones, so /progress,
-- /readiness and the re-practice queue read a few hundred rows instead of walking every answer,
-- grade and criterion score. Triggers on the tables they come from keep both current; a page
-- view (a read) never writes them.
--
-- Any migration that rebuilds rounds, round_questions, answers, grades or criterion_scores
-- (drizzle's CREATE __new_x / DROP x / RENAME) fails with "error in view review_scores_source" or
-- "error in trigger review_…": drop the view and the review_* triggers first and create them again
-- afterwards, as written here (tests/integration/review-scores.test.ts checks they are all there).
CREATE TABLE `review_scores` (
	`answer_id` text NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`user_id` text NOT NULL,
	`question_id` text NOT NULL,
	`at` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`score` real NOT NULL,
	PRIMARY KEY (`answer_id`, `kind`, `key`),
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_scores_series_idx` ON `review_scores` (`user_id`, `kind`, `key`, `at`, `position`, `score`, `question_id`);
--> statement-breakpoint
CREATE TABLE `review_series` (
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`attempts` integer NOT NULL,
	`total` real NOT NULL,
	`recent` real NOT NULL,
	`change` real,
	`first_at` integer NOT NULL,
	PRIMARY KEY (`user_id`, `kind`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- What review_scores must hold: every row it should have, computed from the source tables. The
-- triggers below insert from it for one answer at a time; the tests compare the table with it whole.
-- kind 'overall' (key ''): the answer's overall score, named by the question's title;
-- kind 'criterion' (key: its name in lower case): named as that question's rubric names it;
-- kind 'skill' (key: the skill): the overall score again, once per skill of the question.
-- `at` is the round's start, like every review page; `position` orders a round's questions.
CREATE VIEW `review_scores_source` AS
WITH `attempt` AS (
	SELECT a.`id` AS `answer_id`, r.`user_id`, rq.`question_id`, r.`created_at` AS `at`, rq.`position`,
		CASE WHEN json_valid(rq.`question`) THEN rq.`question` ELSE '{}' END AS `question`,
		(SELECT g.`id` FROM `grades` g WHERE g.`answer_id` = a.`id`
			ORDER BY g.`created_at` DESC, g.`rowid` DESC LIMIT 1) AS `grade_id`
	FROM `answers` a
	JOIN `round_questions` rq ON rq.`id` = a.`round_question_id`
	JOIN `rounds` r ON r.`id` = rq.`round_id`
	WHERE a.`slot` = 0 AND a.`submitted_at` IS NOT NULL AND a.`skipped` = 0
),
`criterion` AS (
	SELECT t.`answer_id`, t.`user_id`, t.`question_id`, t.`at`, t.`position`, cs.`score`,
		coalesce(
			(SELECT json_extract(c.`value`, '$.name') FROM json_each(t.`question`, '$.rubric') c
				WHERE json_extract(c.`value`, '$.id') = cs.`criterion_id` LIMIT 1),
			cs.`criterion_id`) AS `name`
	FROM `attempt` t JOIN `grades` g ON g.`id` = t.`grade_id`
	JOIN `criterion_scores` cs ON cs.`grade_id` = g.`id`
	WHERE g.`overall` IS NOT NULL
)
SELECT t.`answer_id`, 'overall' AS `kind`, '' AS `key`, t.`user_id`, t.`question_id`, t.`at`, t.`position`,
	coalesce(json_extract(t.`question`, '$.title'), t.`question_id`) AS `name`, g.`overall` AS `score`
FROM `attempt` t JOIN `grades` g ON g.`id` = t.`grade_id`
WHERE g.`overall` IS NOT NULL
UNION ALL
SELECT c.`answer_id`, 'criterion', lower(c.`name`), c.`user_id`, c.`question_id`, c.`at`, c.`position`, c.`name`, c.`score`
FROM `criterion` c
UNION ALL
SELECT t.`answer_id`, 'skill', s.`value`, t.`user_id`, t.`question_id`, t.`at`, t.`position`, s.`value`, g.`overall`
FROM `attempt` t JOIN `grades` g ON g.`id` = t.`grade_id`, json_each(t.`question`, '$.skills') s
WHERE g.`overall` IS NOT NULL AND s.`type` = 'text';
--> statement-breakpoint
INSERT OR IGNORE INTO `review_scores` SELECT * FROM `review_scores_source`;
--> statement-breakpoint
-- One row per series. recent: the mean of the newest five scores. change: the mean of the newest k
-- minus that of the first k, k = min(5, attempts / 2), so no attempt is on both sides; null with one.
INSERT INTO `review_series`
WITH `ranked` AS (
	SELECT `user_id`, `kind`, `key`, `name`, `at`, `score`,
		row_number() OVER (PARTITION BY `user_id`, `kind`, `key` ORDER BY `at` DESC, `position` DESC) AS `newest_rank`,
		row_number() OVER (PARTITION BY `user_id`, `kind`, `key` ORDER BY `at`, `position`) AS `oldest_rank`,
		min(5, count(*) OVER (PARTITION BY `user_id`, `kind`, `key`) / 2) AS `k`
	FROM `review_scores`
)
SELECT `user_id`, `kind`, `key`, max(CASE WHEN `newest_rank` = 1 THEN `name` END), count(*), total(`score`),
	avg(`score`) FILTER (WHERE `newest_rank` <= 5),
	CASE WHEN count(*) < 2 THEN NULL
		ELSE avg(`score`) FILTER (WHERE `newest_rank` <= `k`) - avg(`score`) FILTER (WHERE `oldest_rank` <= `k`) END,
	min(`at`)
FROM `ranked`
GROUP BY `user_id`, `kind`, `key`;
--> statement-breakpoint
-- review_series follows review_scores: a series is summed again whenever one of its scores comes or
-- goes. Not while the user is being deleted: their series go with them (the foreign key).
CREATE TRIGGER `review_series_after_score_insert` AFTER INSERT ON `review_scores` BEGIN
	DELETE FROM `review_series` WHERE `user_id` = NEW.`user_id` AND `kind` = NEW.`kind` AND `key` = NEW.`key`;
	INSERT INTO `review_series`
	SELECT NEW.`user_id`, NEW.`kind`, NEW.`key`,
		(SELECT s.`name` FROM `review_scores` s WHERE s.`user_id` = NEW.`user_id` AND s.`kind` = NEW.`kind` AND s.`key` = NEW.`key`
			ORDER BY s.`at` DESC, s.`position` DESC LIMIT 1),
		count(*), total(g.`score`),
		(SELECT avg(n.`score`) FROM (SELECT s.`score` FROM `review_scores` s
			WHERE s.`user_id` = NEW.`user_id` AND s.`kind` = NEW.`kind` AND s.`key` = NEW.`key`
			ORDER BY s.`at` DESC, s.`position` DESC LIMIT 5) n),
		CASE WHEN count(*) < 2 THEN NULL ELSE
			(SELECT avg(n.`score`) FROM (SELECT s.`score` FROM `review_scores` s
				WHERE s.`user_id` = NEW.`user_id` AND s.`kind` = NEW.`kind` AND s.`key` = NEW.`key`
				ORDER BY s.`at` DESC, s.`position` DESC
				LIMIT (SELECT min(5, count(*) / 2) FROM `review_scores` s
					WHERE s.`user_id` = NEW.`user_id` AND s.`kind` = NEW.`kind` AND s.`key` = NEW.`key`)) n)
			- (SELECT avg(o.`score`) FROM (SELECT s.`score` FROM `review_scores` s
				WHERE s.`user_id` = NEW.`user_id` AND s.`kind` = NEW.`kind` AND s.`key` = NEW.`key`
				ORDER BY s.`at`, s.`position`
				LIMIT (SELECT min(5, count(*) / 2) FROM `review_scores` s
					WHERE s.`user_id` = NEW.`user_id` AND s.`kind` = NEW.`kind` AND s.`key` = NEW.`key`)) o)
		END,
		min(g.`at`)
	FROM `review_scores` g
	WHERE g.`user_id` = NEW.`user_id` AND g.`kind` = NEW.`kind` AND g.`key` = NEW.`key`
	HAVING count(*) > 0;
END;
--> statement-breakpoint
CREATE TRIGGER `review_series_after_score_delete` AFTER DELETE ON `review_scores`
WHEN EXISTS (SELECT 1 FROM `users` WHERE `id` = OLD.`user_id`) BEGIN
	DELETE FROM `review_series` WHERE `user_id` = OLD.`user_id` AND `kind` = OLD.`kind` AND `key` = OLD.`key`;
	INSERT INTO `review_series`
	SELECT OLD.`user_id`, OLD.`kind`, OLD.`key`,
		(SELECT s.`name` FROM `review_scores` s WHERE s.`user_id` = OLD.`user_id` AND s.`kind` = OLD.`kind` AND s.`key` = OLD.`key`
			ORDER BY s.`at` DESC, s.`position` DESC LIMIT 1),
		count(*), total(g.`score`),
		(SELECT avg(n.`score`) FROM (SELECT s.`score` FROM `review_scores` s
			WHERE s.`user_id` = OLD.`user_id` AND s.`kind` = OLD.`kind` AND s.`key` = OLD.`key`
			ORDER BY s.`at` DESC, s.`position` DESC LIMIT 5) n),
		CASE WHEN count(*) < 2 THEN NULL ELSE
			(SELECT avg(n.`score`) FROM (SELECT s.`score` FROM `review_scores` s
				WHERE s.`user_id` = OLD.`user_id` AND s.`kind` = OLD.`kind` AND s.`key` = OLD.`key`
				ORDER BY s.`at` DESC, s.`position` DESC
				LIMIT (SELECT min(5, count(*) / 2) FROM `review_scores` s
					WHERE s.`user_id` = OLD.`user_id` AND s.`kind` = OLD.`kind` AND s.`key` = OLD.`key`)) n)
			- (SELECT avg(o.`score`) FROM (SELECT s.`score` FROM `review_scores` s
				WHERE s.`user_id` = OLD.`user_id` AND s.`kind` = OLD.`kind` AND s.`key` = OLD.`key`
				ORDER BY s.`at`, s.`position`
				LIMIT (SELECT min(5, count(*) / 2) FROM `review_scores` s
					WHERE s.`user_id` = OLD.`user_id` AND s.`kind` = OLD.`kind` AND s.`key` = OLD.`key`)) o)
		END,
		min(g.`at`)
	FROM `review_scores` g
	WHERE g.`user_id` = OLD.`user_id` AND g.`kind` = OLD.`kind` AND g.`key` = OLD.`key`
	HAVING count(*) > 0;
END;
--> statement-breakpoint
-- review_scores follows its sources: whatever changes an answer's figures rebuilds that answer's rows
-- from the view. Deleting an answer (its round, its user) removes them through the foreign key.
CREATE TRIGGER `review_scores_after_grade_insert` AFTER INSERT ON `grades` BEGIN
	DELETE FROM `review_scores` WHERE `answer_id` = NEW.`answer_id`;
	INSERT OR IGNORE INTO `review_scores` SELECT * FROM `review_scores_source` WHERE `answer_id` = NEW.`answer_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `review_scores_after_grade_update` AFTER UPDATE ON `grades` BEGIN
	DELETE FROM `review_scores` WHERE `answer_id` IN (OLD.`answer_id`, NEW.`answer_id`);
	INSERT OR IGNORE INTO `review_scores` SELECT * FROM `review_scores_source` WHERE `answer_id` IN (OLD.`answer_id`, NEW.`answer_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `review_scores_after_grade_delete` AFTER DELETE ON `grades` BEGIN
	DELETE FROM `review_scores` WHERE `answer_id` = OLD.`answer_id`;
	INSERT OR IGNORE INTO `review_scores` SELECT * FROM `review_scores_source` WHERE `answer_id` = OLD.`answer_id`;
END;
--> statement-breakpoint
-- A grade's criterion scores are stored just after the grade: each adds the rows the answer's newest
-- grade now has (an older grade's scores are not in the view; IGNORE keeps the rows already there).
CREATE TRIGGER `review_scores_after_criterion_insert` AFTER INSERT ON `criterion_scores` BEGIN
	INSERT OR IGNORE INTO `review_scores` SELECT * FROM `review_scores_source`
	WHERE `answer_id` = (SELECT `answer_id` FROM `grades` WHERE `id` = NEW.`grade_id`) AND `kind` = 'criterion';
END;
--> statement-breakpoint
CREATE TRIGGER `review_scores_after_criterion_update` AFTER UPDATE ON `criterion_scores` BEGIN
	DELETE FROM `review_scores` WHERE `answer_id` IN (SELECT `answer_id` FROM `grades` WHERE `id` IN (OLD.`grade_id`, NEW.`grade_id`));
	INSERT OR IGNORE INTO `review_scores` SELECT * FROM `review_scores_source`
	WHERE `answer_id` IN (SELECT `answer_id` FROM `grades` WHERE `id` IN (OLD.`grade_id`, NEW.`grade_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `review_scores_after_criterion_delete` AFTER DELETE ON `criterion_scores` BEGIN
	DELETE FROM `review_scores` WHERE `answer_id` = (SELECT `answer_id` FROM `grades` WHERE `id` = OLD.`grade_id`)
		AND `kind` = 'criterion';
	INSERT OR IGNORE INTO `review_scores` SELECT * FROM `review_scores_source`
	WHERE `answer_id` = (SELECT `answer_id` FROM `grades` WHERE `id` = OLD.`grade_id`) AND `kind` = 'criterion';
END;
--> statement-breakpoint
-- Submitting, skipping or moving an answer (the draft's text and time are not figures).
CREATE TRIGGER `review_scores_after_answer_update`
AFTER UPDATE OF `submitted_at`, `skipped`, `slot`, `round_question_id` ON `answers` BEGIN
	DELETE FROM `review_scores` WHERE `answer_id` = NEW.`id`;
	INSERT OR IGNORE INTO `review_scores` SELECT * FROM `review_scores_source` WHERE `answer_id` = NEW.`id`;
END;
--> statement-breakpoint
-- A question's snapshot (its title, rubric names, skills), id or place in the round.
CREATE TRIGGER `review_scores_after_round_question_update`
AFTER UPDATE OF `question`, `question_id`, `position`, `round_id` ON `round_questions` BEGIN
	DELETE FROM `review_scores` WHERE `answer_id` IN (SELECT `id` FROM `answers` WHERE `round_question_id` = NEW.`id`);
	INSERT OR IGNORE INTO `review_scores` SELECT * FROM `review_scores_source`
	WHERE `answer_id` IN (SELECT `id` FROM `answers` WHERE `round_question_id` = NEW.`id`);
END;
--> statement-breakpoint
-- A round's date or owner.
CREATE TRIGGER `review_scores_after_round_update` AFTER UPDATE OF `created_at`, `user_id` ON `rounds` BEGIN
	DELETE FROM `review_scores` WHERE `answer_id` IN (
		SELECT a.`id` FROM `answers` a JOIN `round_questions` rq ON rq.`id` = a.`round_question_id` WHERE rq.`round_id` = NEW.`id`);
	INSERT OR IGNORE INTO `review_scores` SELECT * FROM `review_scores_source` WHERE `answer_id` IN (
		SELECT a.`id` FROM `answers` a JOIN `round_questions` rq ON rq.`id` = a.`round_question_id` WHERE rq.`round_id` = NEW.`id`);
END;
