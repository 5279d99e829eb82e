// The unit project has no database: a test that opens SQLite (getDb(), openDatabase()) fails at once with
// "ENOTDIR ... /dev/null/...", and belongs in the integration project (vitest.config.ts).
process.env.DATABASE_PATH = "/dev/null/unit-tests-open-no-database/test.db";
