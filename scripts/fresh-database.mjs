// Prints the URL of a new, empty database on the server in DATABASE_URL, so the
// end-to-end app does not share rows (and connections to long-gone sandboxes) with
// the integration tests that ran on the same server before it.
import postgres from "postgres";

const base = new URL(process.env.DATABASE_URL);
const name = `stockroom_e2e_${Date.now().toString(36)}`;
const sql = postgres(base.toString(), { max: 1, onnotice: () => {} });
await sql.unsafe(`create database ${name}`);
await sql.end();
base.pathname = `/${name}`;
console.log(base.toString());
