// One cache migration: a name recorded in `schema_migrations` and the SQL that ran.
export interface Migration {
  readonly name: string;
  readonly sql: string;
}
