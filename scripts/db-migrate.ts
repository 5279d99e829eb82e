// Applies committed migrations to the configured database (the server also does this at start).
import { openDatabase } from "../app/db.server";
import { getEnv } from "../app/env.server";

const { DATABASE_PATH } = getEnv();
openDatabase(DATABASE_PATH).sqlite.close();
console.log(`Migrated ${DATABASE_PATH}`);
