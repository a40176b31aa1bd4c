//! Team projects on a real PostgreSQL server (issue 14): the schema that
//! mirrors the `.jalin` file's, roles and row-level security, NOTIFY.
//! Needs `JALIN_TEST_PG_URL` (see `common::pg_url`); each test makes its
//! own database and drops it, with the roles it made.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use jalin::store::pg_schema::{self, ServerProject};
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, Config, NoTls};

/// A database of one test on the test server, dropped (with the roles the
/// test made) when the test ends, passed or failed.
struct TestDb {
    admin: Config,
    config: Config,
    name: String,
    /// Roles to drop at the end (cluster-wide, unlike the database).
    roles: std::cell::RefCell<Vec<String>>,
}

impl TestDb {
    /// A new database named after `tag`, or `None` when no server is
    /// configured (the test is then skipped).
    fn new(tag: &str) -> Option<TestDb> {
        let url = common::pg_url()?;
        let admin: Config = url.parse().expect("JALIN_TEST_PG_URL is a connection URL");
        let name = format!("jalin_test_{tag}_{}", short_id());
        let mut c = admin.connect(NoTls).expect("connect to JALIN_TEST_PG_URL");
        c.batch_execute(&format!(
            "CREATE DATABASE {}",
            pg_schema::quote_ident(&name)
        ))
        .expect("create test database");
        let mut config = admin.clone();
        config.dbname(&name);
        Some(TestDb {
            admin,
            config,
            name,
            roles: Default::default(),
        })
    }

    /// The location of project `schema` in the test database, for the
    /// command line.
    fn location(&self, schema: &str) -> String {
        let url = common::pg_url().unwrap();
        let base = url.split('?').next().unwrap();
        let server = &base[..base.rfind('/').unwrap()];
        format!("{server}/{}?project={schema}", self.name)
    }

    /// A connection to the test database as the server's test role.
    fn client(&self) -> Client {
        self.config
            .connect(NoTls)
            .expect("connect to test database")
    }

    /// A connection to the test database as `role` (trust or the same
    /// password as the test role).
    fn client_as(&self, role: &str) -> Client {
        let mut c = self.config.clone();
        c.user(role);
        c.connect(NoTls)
            .unwrap_or_else(|e| panic!("connect as {role}: {e}"))
    }

    /// Drops `role` when the test ends.
    fn forget_role(&self, role: &str) {
        self.roles.borrow_mut().push(role.to_string());
    }

    /// Creates project `schema` with its roles, to be dropped at the end.
    fn create_project(&self, schema: &str) -> Client {
        let mut c = self.client();
        for r in pg_schema::group_roles(schema) {
            self.forget_role(&r);
        }
        let mut tx = c.transaction().unwrap();
        tx.batch_execute(&pg_schema::create_project_sql(schema))
            .expect("create project");
        tx.commit().unwrap();
        c
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Ok(mut c) = self.admin.connect(NoTls) else {
            return;
        };
        let _ = c.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            pg_schema::quote_ident(&self.name)
        ));
        for r in self.roles.borrow().iter().rev() {
            let _ = c.batch_execute(&format!(
                "DROP ROLE IF EXISTS {}",
                pg_schema::quote_ident(r)
            ));
        }
    }
}

/// Eight hex digits, different in every test and process.
fn short_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..8].to_string()
}

/// One column as both stores describe it: type family, NOT NULL, part of
/// the primary key.
type Columns = Vec<(String, &'static str, bool, bool)>;

/// (column, referenced table, referenced column, on delete)
type ForeignKeys = BTreeSet<(String, String, String, String)>;

struct Shape {
    tables: BTreeMap<String, (Columns, ForeignKeys)>,
    indexes: BTreeSet<String>,
}

/// The schema of a new `.jalin` file.
fn sqlite_shape() -> Shape {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.jalin");
    drop(jalin::store::Project::create(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut tables = BTreeMap::new();
    for t in names {
        let cols: Columns = conn
            .prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid")
            .unwrap()
            .query_map([&t], |r| {
                let ty: String = r.get(1)?;
                let pk: i64 = r.get(3)?;
                Ok((
                    r.get::<_, String>(0)?,
                    match ty.as_str() {
                        "INTEGER" => "integer",
                        "TEXT" => "text",
                        _ => "other",
                    },
                    r.get::<_, bool>(2)? || pk > 0,
                    pk > 0,
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let fks: ForeignKeys = conn
            .prepare(
                "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(?1)",
            )
            .unwrap()
            .query_map([&t], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        tables.insert(t, (cols, fks));
    }
    let indexes = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    Shape { tables, indexes }
}

/// The schema of project `schema` on the server, from the catalogues.
fn server_shape(c: &mut Client, schema: &str) -> Shape {
    let mut tables = BTreeMap::new();
    for row in c
        .query(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
            &[&schema],
        )
        .unwrap()
    {
        let t: String = row.get(0);
        let pk: BTreeSet<String> = c
            .query(
                "SELECT k.column_name::text FROM information_schema.table_constraints tc \
                 JOIN information_schema.key_column_usage k \
                   ON k.constraint_schema = tc.constraint_schema \
                  AND k.constraint_name = tc.constraint_name \
                 WHERE tc.table_schema = $1 AND tc.table_name = $2 \
                   AND tc.constraint_type = 'PRIMARY KEY'",
                &[&schema, &t],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        let cols: Columns = c
            .query(
                "SELECT column_name::text, data_type::text, is_nullable::text \
                 FROM information_schema.columns \
                 WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
                &[&schema, &t],
            )
            .unwrap()
            .iter()
            .map(|r| {
                let name: String = r.get(0);
                let ty: String = r.get(1);
                let nullable: String = r.get(2);
                let in_pk = pk.contains(&name);
                (
                    name,
                    match ty.as_str() {
                        "bigint" => "integer",
                        "text" => "text",
                        _ => "other",
                    },
                    nullable == "NO",
                    in_pk,
                )
            })
            .collect();
        let fks: ForeignKeys = c
            .query(
                "SELECT a.attname::text, rc.relname::text, ra.attname::text, \
                        CASE k.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'a' THEN 'NO ACTION' \
                             WHEN 'r' THEN 'RESTRICT' WHEN 'n' THEN 'SET NULL' \
                             ELSE 'SET DEFAULT' END \
                 FROM pg_constraint k \
                 JOIN pg_class cl ON cl.oid = k.conrelid \
                 JOIN pg_namespace n ON n.oid = cl.relnamespace \
                 JOIN pg_class rc ON rc.oid = k.confrelid \
                 JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] \
                 JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1] \
                 WHERE k.contype = 'f' AND n.nspname = $1 AND cl.relname = $2",
                &[&schema, &t],
            )
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
            .collect();
        tables.insert(t, (cols, fks));
    }
    // Indexes made by CREATE INDEX, not by a key or UNIQUE constraint.
    let indexes = c
        .query(
            "SELECT i.relname::text FROM pg_index x \
             JOIN pg_class i ON i.oid = x.indexrelid \
             JOIN pg_namespace n ON n.oid = i.relnamespace \
             WHERE n.nspname = $1 \
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)",
            &[&schema],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    Shape { tables, indexes }
}

/// PGO-1: the server's project schema has exactly the `.jalin` file's
/// tables, columns (in order, type, NOT NULL, primary key), foreign keys
/// with their ON DELETE, and indexes; the server adds only what
/// `pg_schema` lists as its own.
#[test]
fn server_schema_mirrors_the_sqlite_schema() {
    let Some(db) = TestDb::new("mirror") else {
        return;
    };
    let schema = format!("mirror_{}", short_id());
    let mut c = db.create_project(&schema);
    let file = sqlite_shape();
    let mut server = server_shape(&mut c, &schema);
    for t in pg_schema::SERVER_ONLY_TABLES {
        assert!(
            server.tables.remove(*t).is_some(),
            "server table {t} missing"
        );
    }
    for i in pg_schema::SERVER_ONLY_INDEXES {
        assert!(server.indexes.remove(*i), "server index {i} missing");
    }
    let file_tables: Vec<_> = file.tables.keys().collect();
    let server_tables: Vec<_> = server.tables.keys().collect();
    assert_eq!(server_tables, file_tables, "tables differ");
    for (t, (cols, fks)) in &file.tables {
        let (scols, sfks) = &server.tables[t];
        assert_eq!(scols, cols, "columns of {t} differ (server, then file)");
        assert_eq!(sfks, fks, "foreign keys of {t} differ (server, then file)");
    }
    assert_eq!(
        server.indexes, file.indexes,
        "indexes differ (server, then file)"
    );
}

/// PGO-2: a new project reads as a Jalin project of the mirrored version;
/// a missing schema and a schema of something else are told apart;
/// creating a project over an existing one fails and changes nothing.
#[test]
fn project_version_tells_projects_from_other_schemas() {
    let Some(db) = TestDb::new("version") else {
        return;
    };
    let schema = format!("Team \"{}\"", short_id());
    let mut c = db.create_project(&schema);
    assert_eq!(
        pg_schema::project_version(&mut c, &schema).unwrap(),
        ServerProject::Version(pg_schema::MIRRORED_VERSION)
    );
    assert_eq!(
        pg_schema::project_version(&mut c, "nothing_here").unwrap(),
        ServerProject::Missing
    );
    c.batch_execute("CREATE SCHEMA other; CREATE TABLE other.meta (key text, value text)")
        .unwrap();
    assert_eq!(
        pg_schema::project_version(&mut c, "other").unwrap(),
        ServerProject::NotJalin
    );
    c.batch_execute("CREATE SCHEMA bare").unwrap();
    assert_eq!(
        pg_schema::project_version(&mut c, "bare").unwrap(),
        ServerProject::NotJalin
    );

    let guid_before: String = c
        .query_one(
            &format!(
                "SELECT value FROM {}.meta WHERE key = 'guid'",
                pg_schema::quote_ident(&schema)
            ),
            &[],
        )
        .unwrap()
        .get(0);
    let mut tx = c.transaction().unwrap();
    let again = tx.batch_execute(&pg_schema::create_project_sql(&schema));
    assert!(again.is_err(), "a second create over the project succeeded");
    drop(tx);
    let guid_after: String = c
        .query_one(
            &format!(
                "SELECT value FROM {}.meta WHERE key = 'guid'",
                pg_schema::quote_ident(&schema)
            ),
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(guid_after, guid_before);
}

/// PGO-3: ids are never reused (the top row deleted, the next row gets a
/// new id), and after rows were written with their own ids (a copy), the
/// next id is past them.
#[test]
fn server_ids_are_never_reused() {
    let Some(db) = TestDb::new("ids") else {
        return;
    };
    let schema = format!("ids_{}", short_id());
    let s = pg_schema::quote_ident(&schema);
    let mut c = db.create_project(&schema);
    let add = |c: &mut Client, name: &str| -> i64 {
        c.query_one(
            &format!("INSERT INTO {s}.coders (guid, name) VALUES ($1, $1) RETURNING id"),
            &[&name],
        )
        .unwrap()
        .get(0)
    };
    let a = add(&mut c, "a");
    let b = add(&mut c, "b");
    c.execute(&format!("DELETE FROM {s}.coders WHERE id = $1"), &[&b])
        .unwrap();
    let next = add(&mut c, "c");
    assert!(next > b && b > a, "ids {a}, {b}, then {next}");

    c.batch_execute(&format!(
        "INSERT INTO {s}.coders (id, guid, name) VALUES (500, 'copied', 'copied')"
    ))
    .unwrap();
    c.batch_execute(&pg_schema::sync_identities_sql(&schema))
        .unwrap();
    assert_eq!(add(&mut c, "after copy"), 501);
}

/// PGO-4: names are unique ignoring ASCII case only, as SQLite's NOCASE:
/// the same pairs are refused or allowed by a `.jalin` file and the server.
#[test]
fn names_are_unique_ignoring_case_as_in_a_file() {
    let Some(db) = TestDb::new("nocase") else {
        return;
    };
    let schema = format!("nocase_{}", short_id());
    let s = pg_schema::quote_ident(&schema);
    let mut c = db.create_project(&schema);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nocase.jalin");
    drop(jalin::store::Project::create(&path).unwrap());
    let file = rusqlite::Connection::open(&path).unwrap();
    let pairs = [
        ("Ana", "ANA", false),
        ("Bo", "Bo ", true),
        ("Émile", "émile", true),
        ("Ola", "Öla", true),
        ("x", "X", false),
    ];
    for (i, (first, second, both_allowed)) in pairs.iter().enumerate() {
        for (k, name) in [first, second].iter().enumerate() {
            let guid = format!("g{i}-{k}");
            let in_file = file
                .execute(
                    "INSERT INTO coders (guid, name) VALUES (?1, ?2)",
                    [guid.as_str(), name],
                )
                .is_ok();
            let on_server = c
                .execute(
                    &format!("INSERT INTO {s}.coders (guid, name) VALUES ($1, $2)"),
                    &[&guid, name],
                )
                .is_ok();
            assert_eq!(
                on_server, in_file,
                "'{name}' after '{first}': server {on_server}, file {in_file}"
            );
            if k == 1 {
                assert_eq!(in_file, *both_allowed, "'{second}' after '{first}'");
            }
        }
    }
}

/// A project with a lead (`lead_X`), two coders (`ana_X`, `ben_X`) and a
/// reader (`rita_X`), one source, one code, and one coding by each coder.
/// Returns the logins (lead, ana, ben, rita) and the coding ids (ana's,
/// ben's).
struct Team {
    schema: String,
    s: String,
    lead: String,
    ana: String,
    ben: String,
    rita: String,
    ana_coding: i64,
    ben_coding: i64,
}

fn team(db: &TestDb, tag: &str) -> Team {
    use pg_schema::TeamRole;
    let id = short_id();
    let schema = format!("{tag}_{id}");
    let s = pg_schema::quote_ident(&schema);
    let mut c = db.create_project(&schema);
    let [lead, ana, ben, rita] = ["lead", "ana", "ben", "rita"].map(|n| format!("{n}_{id}"));
    for (login, role) in [
        (&lead, TeamRole::Lead),
        (&ana, TeamRole::Coder),
        (&ben, TeamRole::Coder),
        (&rita, TeamRole::Reader),
    ] {
        db.forget_role(login);
        let m = pg_schema::add_member(&mut c, &schema, login, role, None).unwrap();
        assert!(m.created_login);
        assert_eq!(m.coder.is_some(), role != TeamRole::Reader);
    }
    // The lead sets up the codebook and a source, as themselves.
    let mut l = db.client_as(&lead);
    l.batch_execute(&format!(
        "INSERT INTO {s}.sources (guid, name, kind, char_len, content_hash, imported_at) \
             VALUES ('src-1', 'Interview 1', 'interview', 100, 'h', '2026-01-01T00:00:00Z');
         INSERT INTO {s}.source_texts (source_id, text) \
             SELECT id, repeat('a', 100) FROM {s}.sources;
         INSERT INTO {s}.codes (guid, name, color) VALUES ('code-1', 'Trust', '#336699');"
    ))
    .expect("the lead writes the codebook and sources");
    let code = |c: &mut Client, guid: &str, start: i64| -> i64 {
        c.query_one(
            &format!(
                "INSERT INTO {s}.codings (guid, source_id, code_id, start, \"end\", coder_id, created_at) \
                 SELECT $1, (SELECT id FROM {s}.sources), (SELECT id FROM {s}.codes), $2::bigint, $2::bigint + 5, \
                        {s}.current_coder_id(), '2026-01-01T00:00:00Z' \
                 RETURNING id"
            ),
            &[&guid, &start],
        )
        .unwrap()
        .get(0)
    };
    let ana_coding = code(&mut db.client_as(&ana), "coding-ana", 0);
    let ben_coding = code(&mut db.client_as(&ben), "coding-ben", 10);
    Team {
        schema,
        s,
        lead,
        ana,
        ben,
        rita,
        ana_coding,
        ben_coding,
    }
}

/// The number of rows a statement changed, or the server's refusal.
fn try_execute(c: &mut Client, sql: &str) -> Result<u64, String> {
    c.execute(sql, &[]).map_err(|e| {
        e.as_db_error()
            .map(|d| d.message().to_string())
            .unwrap_or_else(|| e.to_string())
    })
}

/// PGO-5: a coder's login cannot delete, change or take over another
/// coder's coding, nor write one in another's name, even with
/// hand-written SQL; nor touch the codebook, sources, coders or settings.
/// Their own coding they may change and delete.
#[test]
fn a_coder_cannot_touch_another_coders_coding_even_by_hand() {
    let Some(db) = TestDb::new("rls") else {
        return;
    };
    let t = team(&db, "rls");
    let s = &t.s;
    let mut ana = db.client_as(&t.ana);
    let ben_id = t.ben_coding;

    // Row security: the statements run but reach no row of Ben's.
    assert_eq!(
        try_execute(
            &mut ana,
            &format!("DELETE FROM {s}.codings WHERE id = {ben_id}")
        ),
        Ok(0)
    );
    // A DELETE of every coding takes only Ana's own.
    assert_eq!(
        try_execute(&mut ana, &format!("DELETE FROM {s}.codings")),
        Ok(1)
    );
    // (That DELETE took Ana's own coding; Ben's is still there, below.)
    assert_eq!(
        try_execute(
            &mut ana,
            &format!("UPDATE {s}.codings SET start = 1 WHERE id = {ben_id}")
        ),
        Ok(0)
    );
    // Taking Ben's coding over or writing one in Ben's name: refused.
    let ben_coder: i64 = ana
        .query_one(
            &format!("SELECT coder_id FROM {s}.codings WHERE id = {ben_id}"),
            &[],
        )
        .unwrap()
        .get(0);
    let forged = try_execute(
        &mut ana,
        &format!(
            "INSERT INTO {s}.codings (guid, source_id, code_id, start, \"end\", coder_id, created_at) \
             SELECT 'forged', source_id, code_id, 50, 60, coder_id, created_at \
             FROM {s}.codings WHERE id = {ben_id}"
        ),
    );
    assert!(
        forged
            .as_ref()
            .is_err_and(|e| e.contains("row-level security")),
        "{forged:?}"
    );
    // Other tables: no privilege at all.
    for sql in [
        format!("DELETE FROM {s}.codes"),
        format!("UPDATE {s}.sources SET name = 'x'"),
        format!("INSERT INTO {s}.coders (guid, name) VALUES ('g', 'Mallory')"),
        format!("UPDATE {s}.coder_logins SET coder_id = {ben_coder}"),
        format!("UPDATE {s}.meta SET value = '0' WHERE key = 'blind'"),
        format!("TRUNCATE {s}.codings"),
    ] {
        let r = try_execute(&mut ana, &sql);
        assert!(
            r.as_ref().is_err_and(|e| e.contains("permission denied")),
            "{sql}: {r:?}"
        );
    }
    // Ben's coding is untouched; the lead sees it.
    let mut lead = db.client_as(&t.lead);
    let row = lead
        .query_one(
            &format!("SELECT start, coder_id FROM {s}.codings WHERE id = {ben_id}"),
            &[],
        )
        .unwrap();
    assert_eq!(
        (row.get::<_, i64>(0), row.get::<_, i64>(1)),
        (10, ben_coder)
    );
    // Ana's own coding was hers to delete (the DELETE of all above).
    let ana_left: i64 = lead
        .query_one(
            &format!(
                "SELECT count(*) FROM {s}.codings WHERE id = {}",
                t.ana_coding
            ),
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(ana_left, 0);
    // Ben changes his own.
    let mut ben = db.client_as(&t.ben);
    assert_eq!(
        try_execute(
            &mut ben,
            &format!("UPDATE {s}.codings SET start = 2 WHERE id = {ben_id}")
        ),
        Ok(1)
    );
}

fn count(c: &mut Client, sql: &str) -> i64 {
    c.query_one(sql, &[]).unwrap().get(0)
}

/// PGO-6: with blind coding on (meta `blind` = '1', which only the lead may
/// set), a coder's login sees only their own codings and memos, even by
/// hand-written SQL; the lead and readers see all; off again, all see all.
#[test]
fn blind_coding_is_enforced_by_the_server() {
    let Some(db) = TestDb::new("blind") else {
        return;
    };
    let t = team(&db, "blind");
    let s = &t.s;
    let mut lead = db.client_as(&t.lead);
    let mut ana = db.client_as(&t.ana);
    let mut rita = db.client_as(&t.rita);
    let mut ben = db.client_as(&t.ben);
    // A memo by Ben on his coding, an exemplar of it (by the lead).
    ben.batch_execute(&format!(
        "INSERT INTO {s}.memos (guid, coding_id, text, coder_id, created_at, modified_at) \
         VALUES ('memo-ben', {}, 'why', {s}.current_coder_id(), 'x', 'x')",
        t.ben_coding
    ))
    .unwrap();
    lead.batch_execute(&format!(
        "INSERT INTO {s}.exemplars (coding_id) VALUES ({})",
        t.ben_coding
    ))
    .unwrap();
    let seen = |c: &mut Client| {
        (
            count(c, &format!("SELECT count(*) FROM {s}.codings")),
            count(c, &format!("SELECT count(*) FROM {s}.memos")),
            count(c, &format!("SELECT count(*) FROM {s}.exemplars")),
        )
    };
    assert_eq!(seen(&mut ana), (2, 1, 1), "blind off");

    let r = try_execute(
        &mut ana,
        &format!("INSERT INTO {s}.meta (key, value) VALUES ('blind', '1')"),
    );
    assert!(r.is_err_and(|e| e.contains("permission denied")));
    lead.batch_execute(&format!(
        "INSERT INTO {s}.meta (key, value) VALUES ('blind', '1')"
    ))
    .unwrap();
    assert_eq!(seen(&mut ana), (1, 0, 0), "Ana, blind on");
    assert_eq!(seen(&mut ben), (1, 1, 1), "Ben, blind on");
    assert_eq!(seen(&mut lead), (2, 1, 1), "the lead, blind on");
    assert_eq!(seen(&mut rita), (2, 1, 1), "the reader, blind on");
    // The counts the server keeps are hidden as the codings are.
    let tallied = |c: &mut Client| {
        count(
            c,
            &format!(
                "SELECT (SELECT CAST(coalesce(sum(n), 0) AS bigint) FROM {s}.coding_tally) \
                      + (SELECT count(*) FROM {s}.coding_turn_tally)"
            ),
        )
    };
    assert_eq!(tallied(&mut ana), 1, "Ana's tallies, blind on");
    assert_eq!(tallied(&mut lead), 2, "the lead's tallies, blind on");
    assert_eq!(tallied(&mut rita), 2, "the reader's tallies, blind on");
    // Nobody writes a tally but the server's triggers.
    for (who, c) in [
        ("Ana", &mut ana),
        ("the lead", &mut lead),
        ("the reader", &mut rita),
    ] {
        for sql in [
            format!("UPDATE {s}.coding_tally SET n = n + 1"),
            format!("DELETE FROM {s}.coding_tally"),
            format!("INSERT INTO {s}.coding_tally VALUES (1, 1, 1, 5)"),
            format!("SELECT {s}.tally_turns_again(ARRAY[1::bigint])"),
        ] {
            let r = try_execute(c, &sql);
            assert!(
                r.as_ref().is_err_and(|e| e.contains("permission denied")),
                "{who}: {sql}: {r:?}"
            );
        }
    }
    // Hidden is hidden for every way of asking: by id, joined, aggregated.
    assert_eq!(
        count(
            &mut ana,
            &format!(
                "SELECT count(*) FROM {s}.codes k JOIN {s}.codings c ON c.code_id = k.id \
                 WHERE c.id = {}",
                t.ben_coding
            )
        ),
        0
    );

    lead.batch_execute(&format!(
        "UPDATE {s}.meta SET value = '0' WHERE key = 'blind'"
    ))
    .unwrap();
    assert_eq!(seen(&mut ana), (2, 1, 1), "blind off again");
}

/// PGO-7: a reader reads everything and changes nothing; the lead changes
/// the codebook, and deleting a code takes every coder's codings of it
/// (the cascade is not held back by row security).
#[test]
fn readers_read_and_the_lead_manages_the_codebook() {
    let Some(db) = TestDb::new("roles") else {
        return;
    };
    let t = team(&db, "roles");
    let s = &t.s;
    let mut rita = db.client_as(&t.rita);
    assert_eq!(
        count(&mut rita, &format!("SELECT count(*) FROM {s}.codings")),
        2
    );
    assert_eq!(
        count(&mut rita, &format!("SELECT count(*) FROM {s}.source_texts")),
        1
    );
    for sql in [
        format!("DELETE FROM {s}.codings"),
        format!("UPDATE {s}.memos SET text = 'x'"),
        format!("INSERT INTO {s}.codes (guid, name, color) VALUES ('c2', 'Doubt', '#000000')"),
        format!("DELETE FROM {s}.sources"),
        format!("INSERT INTO {s}.meta (key, value) VALUES ('blind', '1')"),
    ] {
        let r = try_execute(&mut rita, &sql);
        assert!(
            r.as_ref().is_err_and(|e| e.contains("permission denied")),
            "{sql}: {r:?}"
        );
    }
    // Someone who is no member cannot even read.
    let stranger = format!("stranger_{}", short_id());
    db.forget_role(&stranger);
    db.client()
        .batch_execute(&format!(
            "CREATE ROLE {} LOGIN",
            pg_schema::quote_ident(&stranger)
        ))
        .unwrap();
    let r = db
        .client_as(&stranger)
        .query(&format!("SELECT count(*) FROM {s}.codings"), &[]);
    assert!(r.is_err(), "a stranger read the codings");

    let mut lead = db.client_as(&t.lead);
    assert_eq!(
        try_execute(
            &mut lead,
            &format!("UPDATE {s}.codes SET name = 'Confidence'")
        ),
        Ok(1)
    );
    assert_eq!(
        try_execute(&mut lead, &format!("DELETE FROM {s}.codes")),
        Ok(1)
    );
    assert_eq!(
        count(&mut lead, &format!("SELECT count(*) FROM {s}.codings")),
        0
    );
    let _ = &t.schema;
}

/// PGO-8: adding members: the login and coder are made once (again
/// changes nothing); a login already coding as someone else, a coder
/// already taken by another login, a group role or `pg_` name as login,
/// and a missing project are refused with a message naming them; removing
/// a member keeps their coder and codings but takes their access.
#[test]
fn members_are_added_once_and_refused_clearly() {
    use pg_schema::{MemberError, TeamRole};
    let Some(db) = TestDb::new("members") else {
        return;
    };
    let t = team(&db, "members");
    let mut c = db.client();
    let again = pg_schema::add_member(&mut c, &t.schema, &t.ana, TeamRole::Coder, None).unwrap();
    assert!(!again.created_login);
    assert_eq!(
        again.coder.as_ref().map(|c| c.1.as_str()),
        Some(t.ana.as_str())
    );
    assert_eq!(
        count(&mut c, &format!("SELECT count(*) FROM {}.coders", t.s)),
        3,
        "lead, ana, ben"
    );

    let e = pg_schema::add_member(&mut c, &t.schema, &t.ana, TeamRole::Coder, Some("Someone"))
        .unwrap_err();
    assert!(matches!(e, MemberError::LoginTaken { .. }), "{e}");
    assert!(e.to_string().contains(&t.ana), "{e}");

    let other = format!("other_{}", short_id());
    db.forget_role(&other);
    let e = pg_schema::add_member(&mut c, &t.schema, &other, TeamRole::Coder, Some(&t.ben))
        .unwrap_err();
    assert!(matches!(e, MemberError::CoderTaken { .. }), "{e}");
    assert!(e.to_string().contains(&t.ben), "{e}");
    // Refused whole: the login was not made either.
    assert_eq!(
        count(
            &mut c,
            &format!(
                "SELECT count(*) FROM pg_roles WHERE rolname = {}",
                pg_schema::quote_literal(&other)
            )
        ),
        0
    );

    for bad in [
        "".to_string(),
        "pg_monitor".to_string(),
        pg_schema::group_role(&t.schema, TeamRole::Lead),
        "x".repeat(64),
    ] {
        let e = pg_schema::add_member(&mut c, &t.schema, &bad, TeamRole::Reader, None).unwrap_err();
        assert!(matches!(e, MemberError::BadLogin(..)), "{bad}: {e}");
    }
    let e = pg_schema::add_member(&mut c, "no_such_project", &other, TeamRole::Reader, None)
        .unwrap_err();
    assert!(e.to_string().contains("no_such_project"), "{e}");

    pg_schema::remove_member(&mut c, &t.schema, &t.ben).unwrap();
    let r = db
        .client_as(&t.ben)
        .query(&format!("SELECT count(*) FROM {}.codings", t.s), &[]);
    assert!(r.is_err(), "a removed member still reads");
    assert_eq!(
        count(&mut c, &format!("SELECT count(*) FROM {}.codings", t.s)),
        2
    );
    let _ = (&t.lead, &t.rita);
}

/// PGO-9: every change to a project table is announced on the project's
/// channel when its transaction commits, with table, operation and the
/// coder who made it; a rolled-back change is not; another project's
/// changes are not heard.
#[test]
fn changes_are_announced_to_listeners() {
    let Some(db) = TestDb::new("notify") else {
        return;
    };
    let t = team(&db, "notify");
    let s = &t.s;
    let mut listener = db.client_as(&t.rita);
    listener
        .batch_execute(&pg_schema::listen_sql(&t.schema))
        .unwrap();
    // A second project in the same database, whose changes go elsewhere.
    let other = format!("other_{}", short_id());
    db.create_project(&other);

    let mut ana = db.client_as(&t.ana);
    let ana_pid: i32 = ana
        .query_one("SELECT pg_backend_pid()", &[])
        .unwrap()
        .get(0);
    let ana_id: i64 = ana
        .query_one(&format!("SELECT {s}.current_coder_id()"), &[])
        .unwrap()
        .get(0);
    ana.batch_execute(&format!(
        "BEGIN; DELETE FROM {s}.codings WHERE id = {}; ROLLBACK;",
        t.ana_coding
    ))
    .unwrap();
    ana.batch_execute(&format!(
        "UPDATE {s}.codings SET start = 1 WHERE id = {}",
        t.ana_coding
    ))
    .unwrap();
    db.client()
        .batch_execute(&format!(
            "INSERT INTO {}.codes (guid, name, color) VALUES ('c', 'C', '#000000')",
            pg_schema::quote_ident(&other)
        ))
        .unwrap();
    let mut lead = db.client_as(&t.lead);
    lead.batch_execute(&format!(
        "INSERT INTO {s}.codes (guid, name, color) VALUES ('code-2', 'Doubt', '#000000')"
    ))
    .unwrap();

    let mut got = Vec::new();
    let mut notes = listener.notifications();
    let mut it = notes.timeout_iter(std::time::Duration::from_secs(2));
    while let Some(n) = it.next().unwrap() {
        assert_eq!(n.channel(), pg_schema::channel(&t.schema));
        let v: serde_json::Value = serde_json::from_str(n.payload()).unwrap();
        got.push((n.process_id() == ana_pid, v));
        if got.len() == 2 {
            break;
        }
    }
    drop(it);
    assert_eq!(
        got,
        vec![
            (
                true,
                serde_json::json!({"table": "codings", "op": "UPDATE", "coder": ana_id})
            ),
            (
                false,
                serde_json::json!({"table": "codes", "op": "INSERT", "coder": lead_coder(&mut lead, s)})
            ),
        ]
    );
    // Nothing else (the rolled-back DELETE, the other project) arrives.
    let extra = notes
        .timeout_iter(std::time::Duration::from_millis(500))
        .next()
        .unwrap();
    assert!(
        extra.is_none(),
        "{:?}",
        extra.map(|n| n.payload().to_string())
    );

    // Every table of the project has the trigger, but the tallies, which
    // change only with `codings` and `speaker_turns`.
    let missing: Vec<String> = db
        .client()
        .query(
            "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname <> ALL ($2) AND NOT EXISTS \
               (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'notify_change')",
            &[&t.schema, &pg_schema::TALLY_TABLES.to_vec()],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(missing.is_empty(), "tables without NOTIFY: {missing:?}");
}

fn lead_coder(c: &mut Client, s: &str) -> i64 {
    c.query_one(&format!("SELECT {s}.current_coder_id()"), &[])
        .unwrap()
        .get(0)
}

/// PGO-11: `jalin team LOCATION add LOGIN --role R [--coder NAME]` makes a
/// member who may then code as that coder; adding them again changes
/// nothing; a login already coding as another is refused naming both;
/// `remove` takes the access; a file project is refused.
#[test]
fn members_are_added_from_the_command_line() {
    let Some(db) = TestDb::new("cli") else {
        return;
    };
    let schema = format!("cli_{}", short_id());
    let s = pg_schema::quote_ident(&schema);
    drop(db.create_project(&schema));
    let loc = db.location(&schema);
    let login = format!("dewi_{}", short_id());
    db.forget_role(&login);

    let out = common::ok([
        "team", &loc, "add", &login, "--role", "coder", "--coder", "Dewi",
    ]);
    assert_eq!(
        out,
        format!(
            "login '{login}' is a coder of {schema}, coding as 'Dewi'\n\
             the login is new and has no password: set one with psql's \\password {login}\n"
        )
    );
    let again = common::ok([
        "team", &loc, "add", &login, "--role", "coder", "--coder", "dewi",
    ]);
    assert_eq!(
        again,
        format!("login '{login}' is a coder of {schema}, coding as 'Dewi'\n")
    );
    let mut c = db.client_as(&login);
    let me: i64 = c
        .query_one(&format!("SELECT {s}.current_coder_id()"), &[])
        .unwrap()
        .get(0);
    let name: String = c
        .query_one(
            &format!("SELECT name FROM {s}.coders WHERE id = $1"),
            &[&me],
        )
        .unwrap()
        .get(0);
    assert_eq!(name, "Dewi");

    let r = common::jalin([
        "team", &loc, "add", &login, "--role", "coder", "--coder", "Eko",
    ]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .contains(&format!("login '{login}' already codes as coder 'Dewi'")),
        "{}",
        r.stderr
    );

    common::ok(["team", &loc, "remove", &login]);
    let mut c = db.client_as(&login);
    assert!(c.query(&format!("SELECT 1 FROM {s}.codings"), &[]).is_err());

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.jalin");
    let r = common::jalin([
        "team",
        file.to_str().unwrap(),
        "add",
        "x",
        "--role",
        "reader",
    ]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("team projects on a server"),
        "{}",
        r.stderr
    );
}

/// The server part of the test server's URL (`postgres://USER@HOST:PORT`)
/// and `HOST:PORT`.
fn server_of(db: &TestDb) -> (String, String) {
    let loc = db.location("x");
    let base = loc.split('?').next().unwrap();
    let server = base[..base.rfind('/').unwrap()].to_string();
    let hostport = server.rsplit_once('@').map_or(server.as_str(), |(_, h)| h);
    let hostport = hostport.to_string();
    (server, hostport)
}

/// A team project made with the command line as the test role, with one
/// source `Interview_01`, one code `Places`; its group roles are dropped
/// at the end.
fn cli_project(db: &TestDb, tag: &str) -> (String, String, tempfile::TempDir) {
    let schema = format!("{tag}_{}", short_id());
    let loc = db.location(&schema);
    for r in pg_schema::group_roles(&schema) {
        db.forget_role(&r);
    }
    common::ok(["new", &loc]);
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("Interview_01.txt");
    let body: String = "Respondent: We met at the village hall on market days. ".repeat(200);
    std::fs::write(&text, body).unwrap();
    common::ok(["import", &loc, text.to_str().unwrap()]);
    common::ok(["codes", "add", &loc, "Places"]);
    (schema, loc, dir)
}

/// PGO-12: `jalin bench server` runs coder processes at once on a server
/// and on a file, and its table shows every coding there exactly once;
/// the bench's own project and roles are gone afterwards.
#[test]
fn bench_server_applies_every_coding_once() {
    let Some(db) = TestDb::new("bench") else {
        return;
    };
    let loc = db.location("x");
    let url = loc.split('?').next().unwrap();
    let out = common::ok([
        "bench",
        "server",
        "--url",
        url,
        "--coders",
        "3",
        "--codings",
        "20",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with("STORE "))
        .unwrap_or_else(|| panic!("no table: {out}"));
    assert_eq!(
        lines[header],
        "STORE  EXPECTED PRESENT DUPLICATES WALL_S CODINGS_PER_S P50_MS P95_MS"
    );
    for (row, store) in lines[header + 1..header + 3].iter().zip(["server", "file"]) {
        let f: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(&f[..4], &[store, "60", "60", "0"], "{out}");
        let p50: f64 = f[6].parse().unwrap();
        let p95: f64 = f[7].parse().unwrap();
        assert!(p50 > 0.0 && p95 >= p50, "{out}");
    }
    assert!(out.contains("# server / file: p50 "), "{out}");
    let project = out
        .lines()
        .find_map(|l| l.strip_prefix("# server: "))
        .and_then(|l| l.split("project=").nth(1))
        .unwrap_or_else(|| panic!("no server line: {out}"))
        .to_string();
    let mut admin = db.admin.connect(NoTls).unwrap();
    let left: i64 = admin
        .query_one(
            "SELECT count(*) FROM pg_roles WHERE rolname = ANY($1)",
            &[&pg_schema::group_roles(&project).to_vec()],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "the bench left its project's roles");
}

/// PGO-13: on a team project the coder defaults to the login: the coder
/// `jalin team add` linked to it, else a coder named as the login (not
/// `$JALIN_CODER` or `$USER`).
#[test]
fn the_coder_of_a_team_project_is_the_login() {
    let Some(db) = TestDb::new("login") else {
        return;
    };
    let (schema, loc, _dir) = cli_project(&db, "lg");
    let login = format!("sari_{}", short_id());
    db.forget_role(&login);
    common::ok([
        "team", &loc, "add", &login, "--role", "coder", "--coder", "Sari",
    ]);
    let admin_user = db.admin.get_user().unwrap().to_string();
    let as_login = loc.replacen(&format!("://{admin_user}@"), &format!("://{login}@"), 1);
    assert_ne!(as_login, loc);
    let code = |at: &str, range: &str| {
        common::ok([
            "code",
            at,
            "--source",
            "Interview_01",
            "--code",
            "Places",
            "--range",
            range,
        ])
    };
    code(&as_login, "0..10");
    code(&loc, "20..30");
    let mut c = db.client();
    let s = pg_schema::quote_ident(&schema);
    let who: Vec<(String, i64)> = c
        .query(
            &format!(
                "SELECT k.name, g.start FROM {s}.codings g JOIN {s}.coders k ON k.id = g.coder_id \
                 ORDER BY g.start"
            ),
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(
        who,
        vec![("Sari".to_string(), 0), (admin_user.clone(), 20)],
        "JALIN_CODER is 'tester' in the tests, and must not win on a server"
    );
    // An explicit --coder still names the coder (here refused by the
    // server: a coder's login codes only as its own coder).
    let r = common::jalin([
        "--coder",
        "Other",
        "code",
        &as_login,
        "--source",
        "Interview_01",
        "--code",
        "Places",
        "--range",
        "40..50",
    ]);
    assert_ne!(r.code, 0, "{}", r.stdout);
}

/// PGO-14: `sslmode` passes through: `require` against a server without
/// TLS is refused naming the server and nothing is made; `prefer` connects;
/// `verify-full` without a root certificate says where it looked; an
/// unknown mode is refused.
#[test]
fn sslmode_passes_through() {
    let Some(db) = TestDb::new("tls") else {
        return;
    };
    let mut admin = db.admin.connect(NoTls).unwrap();
    let ssl: String = admin.query_one("SHOW ssl", &[]).unwrap().get(0);
    let schema = format!("tls_{}", short_id());
    for r in pg_schema::group_roles(&schema) {
        db.forget_role(&r);
    }
    let loc = db.location(&schema);
    let (_, hostport) = server_of(&db);
    if ssl == "off" {
        let r = common::jalin(["new", &format!("{loc}&sslmode=require")]);
        assert_eq!(r.code, 1, "{}", r.stdout);
        assert!(
            r.stderr.contains(&format!(
                "the server at {hostport} does not offer TLS, and the location asks for it (sslmode=require)"
            )),
            "{}",
            r.stderr
        );
        let r = common::jalin(["list", "codes", &loc]);
        assert!(
            r.stderr.contains("there is no team project"),
            "{}",
            r.stderr
        );
    }
    common::ok(["new", &format!("{loc}&sslmode=prefer")]);
    common::ok(["list", "codes", &format!("{loc}&sslmode=disable")]);
    let r = common::jalin([
        "list",
        "codes",
        &format!("{loc}&sslmode=verify-full&sslrootcert=/nonexistent/root.crt"),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(
            "sslmode=verify-full checks the server's certificate against a root certificate, \
             and there is none at /nonexistent/root.crt"
        ),
        "{}",
        r.stderr
    );
    let r = common::jalin(["list", "codes", &format!("{loc}&sslmode=sometimes")]);
    assert!(
        r.stderr.contains("sslmode 'sometimes' is not one of"),
        "{}",
        r.stderr
    );
}

/// PGO-15: the tests leave no roles behind on a long-lived server: the
/// group roles of a project made with the command line and a member's
/// login are gone once the test's database is dropped.
#[test]
fn tests_leave_no_roles_behind() {
    let Some(db) = TestDb::new("roles") else {
        return;
    };
    let (schema, loc, _dir) = cli_project(&db, "rl");
    let login = format!("eko_{}", short_id());
    db.forget_role(&login);
    common::ok(["team", &loc, "add", &login, "--role", "reader"]);
    let mut names = pg_schema::group_roles(&schema).to_vec();
    names.push(login);
    let admin = db.admin.clone();
    let count = |names: &Vec<String>| -> i64 {
        admin
            .connect(NoTls)
            .unwrap()
            .query_one(
                "SELECT count(*) FROM pg_roles WHERE rolname = ANY($1)",
                &[names],
            )
            .unwrap()
            .get(0)
    };
    assert_eq!(count(&names), 4);
    drop(db);
    assert_eq!(count(&names), 0, "roles left behind: {names:?}");
}

/// Codings in project `schema`.
fn codings_in(db: &TestDb, schema: &str) -> i64 {
    let s = pg_schema::quote_ident(schema);
    count(
        &mut db.client(),
        &format!("SELECT count(*) FROM {s}.codings"),
    )
}

/// Starts `jalin` with `args`, kills it (SIGKILL) after `after`, and
/// returns whether it was still running then, and what it printed.
fn kill_after(args: &[&str], after: std::time::Duration) -> (bool, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jalin"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    (running, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// PGO-16: a client killed mid-command leaves nothing half-written: `jalin
/// code --from --one-transaction` killed at several moments leaves none or
/// all of its codings; without it, every row it reported saved is there;
/// `jalin copy` to a server killed leaves no project or the whole one; the
/// project opens afterwards.
#[test]
fn a_killed_client_leaves_nothing_half_written() {
    let Some(db) = TestDb::new("kill") else {
        return;
    };
    let (schema, loc, dir) = cli_project(&db, "kl");
    let rows = 1500;
    let csv = dir.path().join("codings.csv");
    let mut text = String::from("source,code,start,end\n");
    for k in 0..rows {
        text.push_str(&format!("Interview_01,Places,{},{}\n", k * 5, k * 5 + 4));
    }
    std::fs::write(&csv, text).unwrap();
    let csv = csv.to_str().unwrap();
    let s = pg_schema::quote_ident(&schema);
    let mut killed_running = 0;
    for ms in [300, 800, 1500, 2500, 4000] {
        db.client()
            .batch_execute(&format!("DELETE FROM {s}.codings"))
            .unwrap();
        let (running, _) = kill_after(
            &["code", &loc, "--from", csv, "--one-transaction"],
            std::time::Duration::from_millis(ms),
        );
        killed_running += usize::from(running);
        // The server notices the lost client and rolls back; a commit
        // that got through stays whole.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let n = codings_in(&db, &schema);
        assert!(
            n == 0 || n == rows as i64,
            "killed after {ms} ms: {n} of {rows} codings"
        );
        common::ok(["list", "codes", &loc]);
    }
    assert!(killed_running > 0, "no kill landed while the command ran");

    // Row by row: each row reported saved is saved.
    db.client()
        .batch_execute(&format!("DELETE FROM {s}.codings"))
        .unwrap();
    let (running, out) = kill_after(
        &["code", &loc, "--from", csv],
        std::time::Duration::from_millis(1500),
    );
    let reported: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_once(": ").map(|(_, g)| g))
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let mut c = db.client();
    for g in &reported {
        let n = count(
            &mut c,
            &format!("SELECT count(*) FROM {s}.codings WHERE guid = '{g}'"),
        );
        assert_eq!(n, 1, "coding {g} reported saved is not there");
    }
    if running {
        assert!((codings_in(&db, &schema) as usize) < rows + 1);
    }

    // jalin copy to a server: one transaction.
    let file = dir.path().join("copy.jalin");
    common::ok(["copy", &loc, file.to_str().unwrap()]);
    let mut copy_running = 0;
    for ms in [50, 150, 400, 1000] {
        let target = format!("cp_{}", short_id());
        for r in pg_schema::group_roles(&target) {
            db.forget_role(&r);
        }
        let dest = db.location(&target);
        let (running, _) = kill_after(
            &["copy", file.to_str().unwrap(), &dest],
            std::time::Duration::from_millis(ms),
        );
        copy_running += usize::from(running);
        std::thread::sleep(std::time::Duration::from_millis(300));
        let r = common::jalin(["list", "codes", &dest]);
        if r.code == 0 {
            assert_eq!(
                codings_in(&db, &target),
                codings_in(&db, &schema),
                "a copy killed after {ms} ms is there but not whole"
            );
        } else {
            assert!(
                r.stderr.contains("there is no team project"),
                "killed after {ms} ms: {}",
                r.stderr
            );
            let left = count(
                &mut db.client(),
                &format!("SELECT count(*) FROM pg_namespace WHERE nspname = '{target}'"),
            );
            assert_eq!(left, 0, "a half-made schema is left");
        }
    }
    eprintln!("copy killed while running {copy_running} of 4 times");
}

/// A private throwaway PostgreSQL cluster for one test (as .ci/pg.sh
/// makes one): its own directory, socket folder and loopback port, run by
/// the `postgres` user when the test runs as root; stopped and removed when
/// dropped. For tests that restart or reconfigure a server, which the
/// shared test server must not suffer.
struct Cluster {
    dir: tempfile::TempDir,
    bin: std::path::PathBuf,
    port: u16,
}

impl Cluster {
    /// A running cluster, or `None` (the test is skipped, saying why) when
    /// PostgreSQL's server programs are not installed. `conf` lines go into
    /// postgresql.conf before the start.
    fn start(conf: &str, prepare: impl FnOnce(&Path)) -> Option<Cluster> {
        let mut dirs: Vec<std::path::PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path().join("bin"))
            .filter(|b| b.join("initdb").is_file())
            .collect();
        dirs.sort();
        let Some(bin) = dirs.pop() else {
            let why = "no PostgreSQL server programs (initdb) under /usr/lib/postgresql";
            assert!(
                std::env::var("JALIN_REQUIRE_PG").as_deref() != Ok("1"),
                "JALIN_REQUIRE_PG=1 but {why}"
            );
            eprintln!("skipped: {why}");
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        std::fs::create_dir(dir.path().join("sock")).unwrap();
        let cluster = Cluster { dir, bin, port };
        if cluster.root() {
            let ok = std::process::Command::new("chown")
                .args(["-R", "postgres:"])
                .arg(cluster.dir.path())
                .status()
                .unwrap()
                .success();
            assert!(ok, "chown to postgres");
        }
        let data = cluster.data();
        cluster.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        if !conf.is_empty() {
            let path = data.join("postgresql.conf");
            let mut text = std::fs::read_to_string(&path).unwrap();
            text.push_str(conf);
            std::fs::write(&path, text).unwrap();
        }
        prepare(&data);
        cluster.ctl("start");
        Some(cluster)
    }

    fn root(&self) -> bool {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }

    fn data(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    /// Runs one of the server programs as the cluster's owner.
    fn run(&self, program: &str, args: &[&str]) -> bool {
        let exe = self.bin.join(program);
        let mut cmd = if self.root() {
            let mut c = std::process::Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            std::process::Command::new(&exe)
        };
        let out = cmd.args(args).output().unwrap();
        if !out.status.success() {
            eprintln!(
                "{program} {args:?}: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        out.status.success()
    }

    /// `pg_ctl ACTION` (start, stop, restart) on this cluster, waiting.
    fn ctl(&self, action: &str) {
        let data = self.data();
        let log = self.dir.path().join("server.log");
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.path().join("sock").display()
        );
        let ok = self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-m",
                "fast",
                "-w",
                "-t",
                "60",
                "-o",
                &opts,
                action,
            ],
        );
        assert!(
            ok,
            "pg_ctl {action}: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }
}

/// PGO-17: the server restarted while a workbench has a team project open:
/// the workbench connects again by itself (on its next poll or change),
/// every coding it reported saved is on the server, and while the server
/// is down a change is refused in plain words and nothing is half-written.
#[test]
fn a_workbench_reconnects_after_the_server_restarts() {
    use jalin::app::Command;
    use jalin::app::state::AppState;
    let Some(cluster) = Cluster::start("", |_| {}) else {
        return;
    };
    let loc = format!("{}?project=wb", cluster.url());
    let (source, code) = {
        let mut p = jalin::store::Project::create_location(&loc).unwrap();
        let s = p
            .add_source(
                jalin::store::NewSource {
                    name: "Interview_01".into(),
                    kind: jalin::model::SourceKind::Document,
                    text: "We met at the village hall on market days. ".repeat(20),
                    original_name: None,
                    attributes: Vec::new(),
                    turns: Vec::new(),
                    guid: None,
                },
                true,
            )
            .unwrap();
        let jalin::store::AddedSource::Added(s) = s else {
            panic!("source not added")
        };
        let c = p
            .add_code(jalin::store::NewCode {
                name: "Places".into(),
                parent: None,
                color: None,
                description: String::new(),
                guid: None,
            })
            .unwrap();
        (s.id, c.id)
    };
    let mut state = AppState::new("Sari".into());
    state.open_server(&loc, "").unwrap();
    let coder = state.coder_id().unwrap();
    let add = |state: &mut AppState, start: usize| {
        state.run(
            "Apply Places",
            Command::AddCoding {
                source,
                code,
                start,
                end: start + 5,
                coder,
            },
        )
    };
    assert!(add(&mut state, 0).is_some(), "{:?}", state.error);

    cluster.ctl("restart");
    // The next poll connects again and reads everything anew.
    assert!(
        state.sync_outside().unwrap(),
        "nothing re-read after the restart"
    );
    assert!(add(&mut state, 10).is_some(), "{:?}", state.error);
    // A change straight after a restart (its own poll reconnects first).
    cluster.ctl("restart");
    assert!(add(&mut state, 20).is_some(), "{:?}", state.error);

    cluster.ctl("stop");
    assert!(add(&mut state, 30).is_none());
    let error = state.error.take().unwrap();
    assert!(
        error.starts_with("Not saved: Apply Places.")
            && error.contains("cannot be made again now")
            && error.contains(&format!("127.0.0.1:{}", cluster.port)),
        "{error}"
    );
    let poll = state.sync_outside().unwrap_err().to_string();
    assert!(poll.contains("Jalin connects again"), "{poll}");

    cluster.ctl("start");
    state.sync_outside().unwrap();
    assert!(add(&mut state, 40).is_some(), "{:?}", state.error);
    let starts: Vec<usize> = jalin::store::Project::open_location(&loc)
        .unwrap()
        .codings()
        .unwrap()
        .iter()
        .map(|c| c.start)
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(sorted, vec![0, 10, 20, 40], "codings on the server");
    assert_eq!(state.codings.len(), 4, "codings the workbench shows");
}

/// PGO-18: against a server with TLS on (a throwaway cluster with a
/// self-signed certificate made by the openssl program): `require` uses
/// TLS, `disable` does not, `verify-ca` accepts the certificate signed by
/// the given root, `verify-full` refuses it for a host name it does not
/// name, saying so.
#[test]
fn tls_is_used_as_sslmode_asks() {
    let certs = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=jalin-test",
            "-addext",
            "subjectAltName=DNS:jalin-test",
            "-keyout",
        ])
        .arg(certs.path().join("server.key"))
        .arg("-out")
        .arg(certs.path().join("server.crt"))
        .output();
    if !made.as_ref().is_ok_and(|o| o.status.success()) {
        let why = "the openssl program cannot make a certificate here";
        assert!(
            std::env::var("JALIN_REQUIRE_PG").as_deref() != Ok("1"),
            "JALIN_REQUIRE_PG=1 but {why}"
        );
        eprintln!("skipped: {why}");
        return;
    }
    let Some(cluster) = Cluster::start("ssl = on\n", |data| {
        for f in ["server.key", "server.crt"] {
            std::fs::copy(certs.path().join(f), data.join(f)).unwrap();
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            data.join("server.key"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        let _ = std::process::Command::new("chown")
            .arg("postgres:")
            .arg(data.join("server.key"))
            .arg(data.join("server.crt"))
            .status();
    }) else {
        return;
    };
    let root = certs.path().join("server.crt");
    let base = format!("{}?project=tls", cluster.url());
    let uses_tls = |extra: &str| -> bool {
        let loc = jalin::store::ServerLocation::parse(&format!("{base}&{extra}")).unwrap();
        let mut c = jalin::store::connect_server(&loc, jalin::store::Password::Given(""))
            .unwrap_or_else(|e| panic!("{extra}: {e}"));
        c.query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0)
    };
    common::ok(["new", &format!("{base}&sslmode=require")]);
    assert!(uses_tls("sslmode=require"));
    assert!(uses_tls("sslmode=prefer"));
    assert!(!uses_tls("sslmode=disable"));
    let ca = format!("sslmode=verify-ca&sslrootcert={}", root.display());
    assert!(uses_tls(&ca));
    common::ok(["list", "codes", &format!("{base}&{ca}")]);
    let r = common::jalin([
        "list",
        "codes",
        &format!("{base}&sslmode=verify-full&sslrootcert={}", root.display()),
    ]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stderr.contains(&format!(
            "the TLS connection to the server at 127.0.0.1:{} failed (sslmode=verify-full",
            cluster.port
        )),
        "{}",
        r.stderr
    );
}

/// A small project with every case the counting tables meet: interviews,
/// focus groups with speaker turns (ties, empty and overlapping turns,
/// gaps, codings before the first turn or reaching into the next), a
/// focus group without turns, documents, observations, a role set by
/// hand, a code hierarchy and three coders. Returns the coders' ids.
fn counting_project(path: &Path, seed: u64) -> Vec<jalin::model::CoderId> {
    use jalin::model::{Attribute, SourceKind, SpeakerTurn};
    use jalin::store::{AddedSource, NewCode, NewCoding, NewSource, Project};
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut p = Project::create(path).unwrap();
    let kinds = [
        SourceKind::Interview,
        SourceKind::FocusGroup,
        SourceKind::FocusGroup,
        SourceKind::Document,
        SourceKind::Observation,
        SourceKind::FocusGroup,
        SourceKind::FocusGroup,
    ];
    let len = 400;
    let mut sources = Vec::new();
    for (i, kind) in kinds.iter().enumerate() {
        let text: String = (0..len)
            .map(|j| (b'a' + ((i + j) % 26) as u8) as char)
            .collect();
        let mut turns = Vec::new();
        // Source 2 is a focus group without turns.
        if *kind == SourceKind::FocusGroup && i != 2 {
            let mut start = 20 + next(30);
            while start < len - 10 {
                let end = if next(5) == 0 {
                    start // an empty turn
                } else if next(6) == 0 {
                    (start + 80).min(len) // overlapping the next
                } else {
                    start + 5 + next(40)
                };
                let speaker = ["Moderator", "Ana", "Budi", "citra", "ANA"][next(5)];
                turns.push(SpeakerTurn {
                    start,
                    end: end.min(len),
                    label_end: start,
                    speaker: speaker.into(),
                });
                // Sometimes the next turn starts at the same place, or
                // after a gap.
                start = match next(4) {
                    0 => start,
                    1 => end + 3 + next(10),
                    _ => end.max(start + 1),
                };
            }
        }
        let added = p
            .add_source(
                NewSource {
                    name: format!("Source_{i}"),
                    kind: *kind,
                    text,
                    original_name: None,
                    attributes: vec![Attribute::new("city", ["Palu", "Ambon"][i % 2])],
                    turns,
                    guid: None,
                },
                true,
            )
            .unwrap();
        let AddedSource::Added(s) = added else {
            panic!("source {i} not added")
        };
        sources.push(s.id);
    }
    // Ana speaks as a moderator in the first focus group (set by hand).
    p.set_speaker_role(
        sources[1],
        "Ana",
        Some(jalin::model::roles::Role::Moderator),
    )
    .ok();
    let mut codes = Vec::new();
    for (name, parent) in [
        ("Structure", None),
        ("roles", Some(0)),
        ("routes", Some(0)),
        ("Support", None),
        ("family", Some(3)),
        ("Alone", None),
    ] {
        let c = p
            .add_code(NewCode {
                name: name.into(),
                parent: parent.map(|i: usize| codes[i]),
                color: None,
                description: String::new(),
                guid: None,
            })
            .unwrap();
        codes.push(c.id);
    }
    let coders: Vec<_> = ["Ana", "Budi", "Citra"]
        .iter()
        .map(|n| p.coder(n).unwrap().id)
        .collect();
    let mut seen = BTreeSet::new();
    let mut batch = Vec::new();
    for _ in 0..400 {
        let start = next(len - 1);
        let end = (start + 1 + next(40)).min(len);
        let (s, c, k) = (next(sources.len()), next(codes.len()), next(coders.len()));
        if seen.insert((s, c, start, end, k)) {
            batch.push(NewCoding {
                source: sources[s],
                code: codes[c],
                start,
                end,
                coder: coders[k],
                guid: None,
            });
        }
    }
    p.add_codings(&batch).unwrap();
    coders
}

/// The frequency and triangulation tables counted in SQL against the same
/// tables counted from every coding read, on `location`, under several
/// groupings and filters.
fn check_counted_tables(location: &str, coders: &[jalin::model::CoderId], against: &str) {
    use jalin::analysis::{self, Filter, Grouping};
    use jalin::model::SourceKind;
    let p = jalin::store::Project::open_location(location).unwrap();
    let reference = jalin::store::Project::open_location(against).unwrap();
    let codes = p.codes().unwrap();
    let filters = [
        Filter::default(),
        Filter {
            coders: vec![coders[0]],
            ..Filter::default()
        },
        Filter {
            coders: vec![coders[0], coders[2]],
            kinds: vec![SourceKind::FocusGroup, SourceKind::Interview],
            codes: vec![codes[0].id],
            ..Filter::default()
        },
        Filter {
            coders: vec![analysis::NOBODY],
            ..Filter::default()
        },
        Filter {
            attributes: vec![("city".into(), "Palu".into())],
            ..Filter::default()
        },
    ];
    for filter in &filters {
        let all = filter.keep(reference.lean_data().unwrap());
        let data = filter.keep(p.counting_data().unwrap());
        let with_turns = p.coding_counts(&filter.coders, true).unwrap();
        let without = p.coding_counts(&filter.coders, false).unwrap();
        for g in [
            Grouping::None,
            Grouping::Kind,
            Grouping::Attribute("city".into()),
        ] {
            assert_eq!(
                analysis::frequencies_counted(&data, &with_turns, &g),
                analysis::frequencies(&all, &g),
                "frequencies by {g:?}, {filter:?}, on {location}"
            );
            assert_eq!(
                analysis::triangulation_counted(&data, &without, &g),
                analysis::triangulation(&all, &g),
                "triangulation by {g:?}, {filter:?}, on {location}"
            );
        }
        if filter.is_empty() {
            let counted: usize = with_turns.per_source.iter().map(|c| c.2).sum();
            assert_eq!(counted, all.codings.len(), "on {location}");
            assert!(!with_turns.turns.is_empty(), "no coding found in a turn");
        }
    }
}

/// `location` with `role` as its user (the test server trusts it).
fn location_as(location: &str, role: &str) -> String {
    let (scheme, rest) = location.split_once("://").unwrap();
    let host = rest.split_once('@').map_or(rest, |(_, h)| h);
    format!("{scheme}://{role}@{host}")
}

/// PGO-19: the frequency and triangulation tables counted in SQL (`GROUP
/// BY` source and code, and focus-group speaker turn) are the tables
/// counted from every coding, on generated projects (ties, empty and
/// overlapping turns, gaps, a role set by hand, filters by coder, kind,
/// code and attribute): on a file always, and on the server (the file
/// copied there) when `JALIN_TEST_PG_URL` is set, from the server's
/// tallies; and, the tallies dropped (a project made before them), from
/// its codings as a reader opens it, and from tallies again once its owner
/// opened it.
#[test]
fn tables_counted_in_sql_match_counting_every_coding() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new("sqlcount");
    for seed in [1u64, 7, 20251201] {
        let file = dir.path().join(format!("counted-{seed}.jalin"));
        let coders = counting_project(&file, seed);
        let file = file.to_string_lossy().into_owned();
        check_counted_tables(&file, &coders, &file);
        if let Some(db) = &db {
            let schema = format!("counted_{seed}_{}", short_id());
            for r in pg_schema::group_roles(&schema) {
                db.forget_role(&r);
            }
            let loc = db.location(&schema);
            jalin::store::copy_project(&file, &loc).unwrap();
            check_counted_tables(&loc, &coders, &file);
            // `jalin chart` counts as `jalin report` does: the same figures.
            for chart in ["frequencies", "heatmap"] {
                let svg = |project: &str, name: &str| {
                    let out = dir.path().join(format!("{chart}-{seed}-{name}.svg"));
                    let out = out.to_string_lossy().into_owned();
                    common::ok([
                        "chart",
                        chart,
                        project,
                        "--format",
                        "svg",
                        "--by",
                        "attr:city",
                        "--out",
                        &out,
                    ]);
                    std::fs::read_to_string(&out).unwrap()
                };
                assert_eq!(svg(&loc, "server"), svg(&file, "file"), "{chart}");
            }
            // A project made before the server kept tallies is counted from
            // its codings by a member; its owner opening it adds them.
            let s = pg_schema::quote_ident(&schema);
            let mut admin = db.client();
            admin
                .batch_execute(&format!(
                    "DROP TABLE {s}.coding_tally, {s}.coding_turn_tally;
                     DROP FUNCTION {s}.tally_add(), {s}.tally_change(),
                         {s}.tally_remove(), {s}.tally_clear(),
                         {s}.tally_turns_clear(), {s}.tally_turns_changed(),
                         {s}.tally_turns_again(bigint[]) CASCADE;"
                ))
                .unwrap();
            let reader = format!("reader_{}", short_id());
            db.forget_role(&reader);
            pg_schema::add_member(
                &mut admin,
                &schema,
                &reader,
                pg_schema::TeamRole::Reader,
                None,
            )
            .unwrap();
            let tallied = |c: &mut Client| {
                let lit = pg_schema::quote_literal(&format!("{s}.coding_tally"));
                if count(
                    c,
                    &format!("SELECT count(*) FROM pg_class WHERE oid = to_regclass({lit})"),
                ) == 0
                {
                    return -1;
                }
                count(c, &format!("SELECT count(*) FROM {s}.coding_tally"))
            };
            check_counted_tables(&location_as(&loc, &reader), &coders, &file);
            assert_eq!(tallied(&mut admin), -1, "a reader's open adds no tallies");
            check_counted_tables(&loc, &coders, &file);
            assert!(tallied(&mut admin) > 0, "the owner's open adds the tallies");
        }
    }
}

/// The rows of `table` in schema `s` that `other` lacks, as text.
fn rows_missing(c: &mut Client, table: &str, other: &str) -> Vec<String> {
    c.query(
        &format!("SELECT CAST(row(t.*) AS text) FROM (TABLE {table} EXCEPT TABLE {other}) t"),
        &[],
    )
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect()
}

/// PGO-20: a team project's counts kept change by change (`coding_tally`,
/// `coding_turn_tally`, updated by triggers in each change's transaction)
/// are the counts of the codings there after every kind of change:
/// codings removed, restored, added one by one and in a batch; codes
/// merged and deleted; a focus group's text edited before its turns (turns
/// and codings move); a source removed and restored, another deleted; a
/// source's kind changed. Checked three ways: the tables read from the
/// tallies against the same project copied to a file and counted from every
/// coding; the per-code tally against `GROUP BY` over the codings; the turn
/// tally against the turns counted again from scratch.
#[test]
fn server_tallies_follow_every_change() {
    use jalin::model::SourceKind;
    use jalin::store::{NewCoding, Project};
    let Some(db) = TestDb::new("tally") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tally.jalin");
    let coders = counting_project(&file, 11);
    let schema = format!("tally_{}", short_id());
    for r in pg_schema::group_roles(&schema) {
        db.forget_role(&r);
    }
    let loc = db.location(&schema);
    jalin::store::copy_project(&file.to_string_lossy(), &loc).unwrap();
    {
        let mut p = Project::open_location(&loc).unwrap();
        let sources = p.sources().unwrap();
        let codes = p.codes().unwrap();
        let codings = p.codings().unwrap();
        let mut removed: Vec<_> = codings
            .iter()
            .step_by(5)
            .map(|c| p.remove_coding(c.id).unwrap())
            .collect();
        p.restore_coding(&removed.remove(0)).unwrap();
        let focus: Vec<_> = sources
            .iter()
            .filter(|s| s.kind == SourceKind::FocusGroup && !p.turns(s.id).unwrap().is_empty())
            .map(|s| s.id)
            .collect();
        assert!(focus.len() >= 3, "the project has focus groups with turns");
        for (i, at) in [0usize, 30, 31, 200, 390].iter().enumerate() {
            p.add_coding(focus[0], codes[i].id, *at, at + 7, coders[1])
                .unwrap();
        }
        let batch: Vec<NewCoding> = (0..40)
            .map(|i| NewCoding {
                source: focus[i % 3],
                code: codes[i % 4].id,
                start: 9 * i,
                end: 9 * i + 12,
                coder: coders[2],
                guid: None,
            })
            .filter(|c| {
                p.check_coding(c.source, c.code, c.start, c.end, Some(c.coder))
                    .is_ok()
            })
            .collect();
        p.add_codings(&batch).unwrap();
        p.merge_codes(codes[1].id, codes[2].id).unwrap();
        p.replace_text(focus[0], 0, 5, "a much longer beginning")
            .unwrap();
        p.replace_text(focus[1], 100, 160, "").unwrap();
        p.delete_code(codes[5].id).unwrap();
        let gone = p.remove_source(focus[2], None).unwrap();
        p.restore_source(&gone).unwrap();
        let interview = sources
            .iter()
            .find(|s| s.kind == SourceKind::Interview)
            .unwrap();
        p.set_source_kind(interview.id, SourceKind::FocusGroup)
            .unwrap();
        p.set_source_kind(focus[1], SourceKind::Document).unwrap();
        let document = sources
            .iter()
            .find(|s| s.kind == SourceKind::Document)
            .unwrap();
        p.delete_source(document.id).unwrap();
    }
    let copy = dir.path().join("copy.jalin");
    jalin::store::copy_project(&loc, &copy.to_string_lossy()).unwrap();
    check_counted_tables(&loc, &coders, &copy.to_string_lossy());

    let s = pg_schema::quote_ident(&schema);
    let mut c = db.client();
    c.batch_execute(&format!(
        "CREATE TEMP TABLE per_code AS \
             SELECT source_id, code_id, coder_id, count(*) AS n FROM {s}.codings \
             GROUP BY source_id, code_id, coder_id;
         CREATE TEMP TABLE per_code_kept AS TABLE {s}.coding_tally;
         CREATE TEMP TABLE turns_kept AS TABLE {s}.coding_turn_tally;
         SELECT {s}.tally_turns_again(ARRAY(SELECT id FROM {s}.sources));
         CREATE TEMP TABLE turns_again AS TABLE {s}.coding_turn_tally;"
    ))
    .unwrap();
    assert!(count(&mut c, "SELECT count(*) FROM per_code") > 30);
    assert!(count(&mut c, "SELECT count(*) FROM turns_again") > 50);
    for (a, b) in [
        ("per_code", "per_code_kept"),
        ("per_code_kept", "per_code"),
        ("turns_kept", "turns_again"),
        ("turns_again", "turns_kept"),
    ] {
        assert_eq!(
            rows_missing(&mut c, a, b),
            Vec::<String>::new(),
            "{a} not in {b}"
        );
    }
    // No row is kept at zero.
    assert_eq!(
        count(
            &mut c,
            &format!(
                "SELECT (SELECT count(*) FROM {s}.coding_tally WHERE n <= 0) \
                      + (SELECT count(*) FROM {s}.coding_turn_tally WHERE n <= 0)"
            )
        ),
        0
    );
    // Emptied by the owner's TRUNCATE, turns take their tally with them,
    // codings both.
    let rows = |c: &mut Client, t: &str| count(c, &format!("SELECT count(*) FROM {s}.{t}"));
    c.batch_execute(&format!("TRUNCATE {s}.speaker_turns"))
        .unwrap();
    assert_eq!(rows(&mut c, "coding_turn_tally"), 0);
    assert!(rows(&mut c, "coding_tally") > 30);
    c.batch_execute(&format!("TRUNCATE {s}.codings CASCADE"))
        .unwrap();
    assert_eq!(rows(&mut c, "coding_tally"), 0);
}

/// PGO-21: `jalin copy` from a server reads the whole project at one
/// moment: while another connection keeps editing a source's text (moving
/// its codings) and adding codes with codings and memos, every copy
/// succeeds and every coding in it still covers the word it was made on.
#[test]
fn a_copy_from_a_server_is_one_moment() {
    use jalin::store::{NewCode, Project};
    let Some(db) = TestDb::new("snap") else {
        return;
    };
    let (_schema, loc, dir) = cli_project(&db, "sn");
    {
        let mut p = Project::open_location(&loc).unwrap();
        let source = p.sources().unwrap()[0].id;
        let code = p.codes().unwrap()[0].id;
        let coder = p.coder("tester").unwrap().id;
        let text = p.source_text(source).unwrap();
        let mut from = 0;
        for _ in 0..40 {
            let at = from + text[from..].find("village").unwrap();
            p.add_coding(source, code, at, at + 7, coder).unwrap();
            from = at + 7;
        }
    }
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (loc, stop) = (loc.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut p = Project::open_location(&loc).unwrap();
            let source = p.sources().unwrap()[0].id;
            let coder = p.coder("tester").unwrap().id;
            let mut n = 0usize;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                // "X" in front and away again: every coding moves by one.
                p.replace_text(source, 0, 0, "X").unwrap();
                p.replace_text(source, 0, 1, "").unwrap();
                let code = p.add_code(NewCode::named(format!("Extra {n}"))).unwrap();
                let c = p.add_coding(source, code.id, 3, 10, coder).unwrap();
                p.add_memo(
                    jalin::model::MemoTarget::Coding(c.id),
                    "note",
                    "text",
                    coder,
                )
                .unwrap();
                n += 1;
            }
            n
        })
    };
    for i in 0..40 {
        let copy = dir.path().join(format!("copy{i}.jalin"));
        jalin::store::copy_project(&loc, &copy.to_string_lossy())
            .unwrap_or_else(|e| panic!("copy {i}: {e}"));
        let p = Project::open(&copy).unwrap();
        let source = p.sources().unwrap()[0].id;
        let text: Vec<char> = p.source_text(source).unwrap().chars().collect();
        let places = p.codes().unwrap()[0].id;
        for c in p.codings().unwrap().iter().filter(|c| c.code == places) {
            let quote: String = text[c.start..c.end.min(text.len())].iter().collect();
            assert_eq!(quote, "village", "copy {i}: coding {}..{}", c.start, c.end);
        }
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let rounds = writer.join().unwrap();
    assert!(rounds > 0, "the writer ran while copying");
}

/// Whether a team project's tallies equal its codings counted again: the
/// per-code tally against `GROUP BY`, the turn tally against a recount
/// from scratch (which leaves the tally recounted). Empty when they do.
fn tally_differences(c: &mut Client, s: &str) -> Vec<String> {
    c.batch_execute(&format!(
        "DROP TABLE IF EXISTS per_code, per_code_kept, turns_kept, turns_again;
         CREATE TEMP TABLE per_code AS \
             SELECT source_id, code_id, coder_id, count(*) AS n FROM {s}.codings \
             GROUP BY source_id, code_id, coder_id;
         CREATE TEMP TABLE per_code_kept AS TABLE {s}.coding_tally;
         CREATE TEMP TABLE turns_kept AS TABLE {s}.coding_turn_tally;
         SELECT {s}.tally_turns_again(ARRAY(SELECT id FROM {s}.sources));
         CREATE TEMP TABLE turns_again AS TABLE {s}.coding_turn_tally;"
    ))
    .unwrap();
    let mut out = Vec::new();
    for (a, b) in [
        ("per_code", "per_code_kept"),
        ("per_code_kept", "per_code"),
        ("turns_kept", "turns_again"),
        ("turns_again", "turns_kept"),
    ] {
        for row in rows_missing(c, a, b) {
            out.push(format!("{a} not in {b}: {row}"));
        }
    }
    out
}

/// PGO-22: a text edit on a server moves its codings and turns in a few
/// statements, not one or two per coding (each statement moving codings
/// counts the source's turns again, so an edit before 1,000 codings took
/// 25 s): an edit before 300 codings runs at most 2 UPDATE statements on
/// `codings` and 1 on `speaker_turns`, as does its undo, and the tallies
/// equal a recount after each.
#[test]
fn a_text_edit_moves_codings_in_a_few_statements() {
    use jalin::store::{NewCoding, Project};
    let Some(db) = TestDb::new("edit") else {
        return;
    };
    let schema = format!("ed_{}", short_id());
    let loc = db.location(&schema);
    for r in pg_schema::group_roles(&schema) {
        db.forget_role(&r);
    }
    common::ok(["new", &loc]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Group_01.txt");
    let body = "Interviewer: Where did you meet?\nRespondent: We met at the village hall on market days.\n"
        .repeat(150);
    std::fs::write(&file, body).unwrap();
    common::ok(["import", &loc, file.to_str().unwrap()]);
    common::ok(["codes", "add", &loc, "Places"]);
    let s = pg_schema::quote_ident(&schema);
    let mut p = Project::open_location(&loc).unwrap();
    let source = p.sources().unwrap()[0].id;
    assert!(p.turns(source).unwrap().len() > 100, "one turn per line");
    let code = p.codes().unwrap()[0].id;
    let coder = p.coder("tester").unwrap().id;
    let text = p.source_text(source).unwrap();
    let batch: Vec<NewCoding> = ["village", "market"]
        .iter()
        .flat_map(|w| text.match_indices(w).map(move |(at, _)| (at, w.len())))
        .take(300)
        .map(|(at, n)| NewCoding {
            source,
            code,
            start: at,
            end: at + n,
            coder,
            guid: None,
        })
        .collect();
    assert_eq!(batch.len(), 300);
    p.add_codings(&batch).unwrap();
    let mut c = db.client();
    // Counts the statements that update each table (not their rows).
    c.batch_execute(&format!(
        "CREATE TABLE public.statements (tbl text);
         CREATE FUNCTION public.count_statement() RETURNS trigger LANGUAGE plpgsql AS
             $$BEGIN INSERT INTO public.statements VALUES (TG_TABLE_NAME); RETURN NULL; END$$;
         CREATE TRIGGER zz_count AFTER UPDATE ON {s}.codings
             FOR EACH STATEMENT EXECUTE FUNCTION public.count_statement();
         CREATE TRIGGER zz_count AFTER UPDATE ON {s}.speaker_turns
             FOR EACH STATEMENT EXECUTE FUNCTION public.count_statement();"
    ))
    .unwrap();
    let statements = |c: &mut Client, t: &str| {
        let n = count(
            c,
            &format!("SELECT count(*) FROM public.statements WHERE tbl = '{t}'"),
        );
        c.batch_execute(&format!("DELETE FROM public.statements WHERE tbl = '{t}'"))
            .unwrap();
        n
    };
    let at = text.find("We met").unwrap();
    let edit = p.replace_text(source, at, at + 2, "They").unwrap();
    assert_eq!(edit.moved.len(), 300);
    assert!(edit.turns.len() > 100);
    assert!(statements(&mut c, "speaker_turns") <= 1);
    assert!(statements(&mut c, "codings") <= 2);
    assert_eq!(tally_differences(&mut c, &s), Vec::<String>::new());
    p.revert_text(&edit).unwrap();
    assert!(statements(&mut c, "speaker_turns") <= 1);
    assert!(statements(&mut c, "codings") <= 2);
    assert_eq!(tally_differences(&mut c, &s), Vec::<String>::new());
    let back = p.source_text(source).unwrap();
    for g in p.codings().unwrap() {
        let w: String = back.chars().skip(g.start).take(g.end - g.start).collect();
        assert!(w == "village" || w == "market", "{w:?}");
    }
}

/// PGO-23: a coder cannot take other members' memos with their own coding
/// (the cascade from `codings` to `memos` ignores row security): removing
/// a coding that carries the lead's memo is refused, by hand-written SQL
/// and through Jalin, in blind mode too (where the coder cannot see the
/// memo), saying why, and nothing changes; a coding with only the coder's
/// own memo goes with it; the lead may remove any.
#[test]
fn a_coder_cannot_remove_others_memos_with_their_coding() {
    use jalin::store::Project;
    let Some(db) = TestDb::new("memo") else {
        return;
    };
    let t = team(&db, "mm");
    let s = &t.s;
    let mut lead = db.client_as(&t.lead);
    lead.batch_execute(&format!(
        "INSERT INTO {s}.memos (guid, coding_id, title, text, coder_id, created_at, modified_at) \
         VALUES ('memo-lead', {}, 'Why', 'the lead''s note', {s}.current_coder_id(), 'x', 'x');
         INSERT INTO {s}.exemplars (coding_id) VALUES ({});
         UPDATE {s}.meta SET value = '1' WHERE key = 'blind';
         INSERT INTO {s}.meta (key, value) SELECT 'blind', '1' \
             WHERE NOT EXISTS (SELECT 1 FROM {s}.meta WHERE key = 'blind');",
        t.ana_coding, t.ana_coding
    ))
    .unwrap();
    let memos = |c: &mut Client| count(c, &format!("SELECT count(*) FROM {s}.memos"));
    let mut ana = db.client_as(&t.ana);
    assert_eq!(
        memos(&mut ana),
        0,
        "blind: ana does not see the lead's memo"
    );
    let refused = try_execute(
        &mut ana,
        &format!("DELETE FROM {s}.codings WHERE id = {}", t.ana_coding),
    )
    .unwrap_err();
    assert!(refused.contains("memo(s) by other members"), "{refused}");
    // Through Jalin, as ana.
    let loc = location_as(&db.location(&t.schema), &t.ana);
    let mut p = Project::open_location(&loc).unwrap();
    let e = p
        .remove_coding(jalin::model::CodingId(t.ana_coding))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("memo(s) by other members") && e.contains("nothing was changed"),
        "{e}"
    );
    assert_eq!(memos(&mut lead), 1);
    assert_eq!(
        count(&mut lead, &format!("SELECT count(*) FROM {s}.codings")),
        2
    );
    // Her own memo does not stop her.
    let own = p
        .add_coding(
            p.sources().unwrap()[0].id,
            p.codes().unwrap()[0].id,
            40,
            50,
            p.codings().unwrap()[0].coder,
        )
        .unwrap();
    p.add_memo(
        jalin::model::MemoTarget::Coding(own.id),
        "mine",
        "x",
        own.coder,
    )
    .unwrap();
    let gone = p.remove_coding(own.id).unwrap();
    assert_eq!(gone.memos.len(), 1);
    // The lead may.
    try_execute(
        &mut lead,
        &format!("DELETE FROM {s}.codings WHERE id = {}", t.ana_coding),
    )
    .unwrap();
    assert_eq!(memos(&mut lead), 0);
}

/// PGO-24: two connections insert the same coding at once, each inside a
/// transaction (as every command runs): the one that loses is told the
/// coding is already applied, not that its transaction was aborted (the
/// explanation ran in the aborted transaction).
#[test]
fn a_losing_concurrent_insert_says_why() {
    use jalin::store::Project;
    let Some(db) = TestDb::new("race") else {
        return;
    };
    let (_schema, loc, _dir) = cli_project(&db, "rc");
    let first = {
        let loc = loc.clone();
        std::thread::spawn(move || {
            let mut p = Project::open_location(&loc).unwrap();
            let (source, code) = (p.sources().unwrap()[0].id, p.codes().unwrap()[0].id);
            let coder = p.coder("tester").unwrap().id;
            p.transact(|p| {
                p.add_coding(source, code, 5, 15, coder)?;
                std::thread::sleep(std::time::Duration::from_millis(1500));
                Ok(())
            })
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(500));
    let mut p = Project::open_location(&loc).unwrap();
    let (source, code) = (p.sources().unwrap()[0].id, p.codes().unwrap()[0].id);
    let coder = p.coder("tester").unwrap().id;
    // Waits on the first one's row, which then commits.
    let second = p.transact(|p| p.add_coding(source, code, 5, 15, coder).map(|_| ()));
    first.join().unwrap().unwrap();
    let e = second.unwrap_err().to_string();
    assert!(e.contains("is already applied to 5..15"), "{e}");
    assert!(!e.contains("aborted"), "{e}");
    assert_eq!(p.codings().unwrap().len(), 1);
}

/// PGO-25: a port that accepts connections and never speaks PostgreSQL
/// (no server needed): the command gives up after 10 s saying the server
/// there does not answer as PostgreSQL, instead of hanging.
#[test]
fn a_silent_port_is_given_up_on() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming() {
            held.push(s);
        }
    });
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jalin"))
        .args([
            "list",
            "sources",
            &format!("postgres://nobody@127.0.0.1:{port}/db?project=p"),
        ])
        .env("PGPASSWORD", "x")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let began = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if began.elapsed() > std::time::Duration::from_secs(40) {
            child.kill().unwrap();
            panic!("jalin still waits after 40 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr.contains(&format!(
            "the server at 127.0.0.1:{port} does not answer as PostgreSQL"
        )),
        "{stderr}"
    );
    assert!(began.elapsed() < std::time::Duration::from_secs(15));
}

/// PGO-26: `jalin team` says what the server said, never only "db error":
/// adding `public`, removing a login that does not exist, and a member
/// without CREATEROLE adding someone each fail with the server's reason;
/// a role that cannot log in, another project's group role and a login
/// with members of its own are refused (granting them the project would
/// give it to every member of theirs), and nothing is granted.
#[test]
fn team_commands_say_why_and_refuse_group_roles() {
    let Some(db) = TestDb::new("teamerr") else {
        return;
    };
    let id = short_id();
    let schema = format!("te_{id}");
    drop(db.create_project(&schema));
    let other = format!("other_{id}");
    drop(db.create_project(&other));
    let loc = db.location(&schema);
    let fails = |args: &[&str], says: &str| {
        let r = common::jalin(args);
        assert_ne!(r.code, 0, "{args:?}: {}", r.stdout);
        assert!(!r.stderr.contains("db error"), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    };
    fails(
        &["team", &loc, "add", "public", "--role", "coder"],
        "role name \"public\" is reserved",
    );
    let nobody = format!("nobody_{id}");
    fails(
        &["team", &loc, "remove", &nobody],
        &format!("role \"{nobody}\" does not exist"),
    );
    let ana = format!("ana_{id}");
    db.forget_role(&ana);
    common::ok(["team", &loc, "add", &ana, "--role", "coder"]);
    let newcomer = format!("newcomer_{id}");
    fails(
        &[
            "team",
            &location_as(&loc, &ana),
            "add",
            &newcomer,
            "--role",
            "coder",
        ],
        "permission denied",
    );
    fails(
        &[
            "team",
            &loc,
            "add",
            &format!("{other}_lead"),
            "--role",
            "coder",
        ],
        "a team project's group role",
    );
    let group = format!("group_{id}");
    let boss = format!("boss_{id}");
    db.forget_role(&group);
    db.forget_role(&boss);
    let mut c = db.client();
    c.batch_execute(&format!(
        "CREATE ROLE {group} NOLOGIN; CREATE ROLE {boss} LOGIN; GRANT {boss} TO {ana};"
    ))
    .unwrap();
    fails(
        &["team", &loc, "add", &group, "--role", "coder"],
        "cannot log in",
    );
    fails(
        &["team", &loc, "add", &boss, "--role", "coder"],
        "other roles are members of it",
    );
    let granted = count(
        &mut c,
        &format!(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid \
             JOIN pg_roles r ON r.oid = m.member \
             WHERE g.rolname LIKE '{schema}%' AND r.rolname <> '{ana}'"
        ),
    );
    assert_eq!(granted, 0);
}

/// PGO-27: a coder removing another coder's coding, or deleting or changing
/// another member's memo, through Jalin is told a coder may touch only
/// their own (row security narrowed the write to nothing), not the file's
/// message about a trigger in the project file; nothing changes.
#[test]
fn a_coder_is_told_they_may_remove_only_their_own() {
    use jalin::store::Project;
    let Some(db) = TestDb::new("own") else {
        return;
    };
    let t = team(&db, "ow");
    let s = &t.s;
    let mut lead = db.client_as(&t.lead);
    let memo: i64 = lead
        .query_one(
            &format!(
                "INSERT INTO {s}.memos (guid, title, text, coder_id, created_at, modified_at) \
                 VALUES ('memo-p', 'Plan', 'x', {s}.current_coder_id(), 'x', 'x') RETURNING id"
            ),
            &[],
        )
        .unwrap()
        .get(0);
    let mut p = Project::open_location(&location_as(&db.location(&t.schema), &t.ana)).unwrap();
    let said = |e: jalin::store::StoreError, rule: &str| {
        let e = e.to_string();
        assert!(
            e.contains(&format!("a coder may {rule}")) && !e.contains("project file"),
            "{e}"
        );
    };
    said(
        p.remove_coding(jalin::model::CodingId(t.ben_coding))
            .unwrap_err(),
        "remove only their own codings",
    );
    said(
        p.delete_memo(jalin::model::MemoId(memo)).unwrap_err(),
        "delete only their own memos",
    );
    said(
        p.update_memo(jalin::model::MemoId(memo), "Mine", "y")
            .unwrap_err(),
        "change only their own memos",
    );
    assert_eq!(
        count(&mut lead, &format!("SELECT count(*) FROM {s}.codings")),
        2
    );
    assert_eq!(
        count(
            &mut lead,
            &format!("SELECT count(*) FROM {s}.memos WHERE title = 'Plan'")
        ),
        1
    );
}

/// PGO-28: `qdpx export` of a team project names it after the project,
/// not the location's tail; a blind coder's `jalin copy` and `qdpx export`
/// say that other coders' codings were left out, as reports do (the
/// lead's do not).
#[test]
fn exports_of_team_projects_name_them_and_note_what_blind_coding_hid() {
    use std::io::Read;
    let Some(db) = TestDb::new("blindx") else {
        return;
    };
    let t = team(&db, "bx");
    let loc = db.location(&t.schema);
    let dir = tempfile::tempdir().unwrap();
    let qdpx = dir.path().join("lead.qdpx");
    let lead_loc = location_as(&loc, &t.lead);
    let out = common::ok(["qdpx", "export", &lead_loc, qdpx.to_str().unwrap()]);
    assert!(!out.contains("left out"), "{out}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&qdpx).unwrap()).unwrap();
    let mut qde = String::new();
    zip.by_name("project.qde")
        .unwrap()
        .read_to_string(&mut qde)
        .unwrap();
    assert!(qde.contains(&format!("name=\"{}\"", t.schema)), "{qde}");
    assert!(!qde.contains("project="), "{qde}");

    common::ok(["blind", &lead_loc, "on"]);
    let ana_loc = location_as(&loc, &t.ana);
    let note = "other coders' codings, memos and exemplar marks are hidden from you";
    let out = common::ok([
        "qdpx",
        "export",
        &ana_loc,
        dir.path().join("ana.qdpx").to_str().unwrap(),
    ]);
    assert!(out.contains("1 coding") && out.contains(note), "{out}");
    let out = common::ok([
        "copy",
        &ana_loc,
        dir.path().join("ana.jalin").to_str().unwrap(),
    ]);
    assert!(out.contains("1 coding") && out.contains(note), "{out}");
    let out = common::ok([
        "copy",
        &lead_loc,
        dir.path().join("lead.jalin").to_str().unwrap(),
    ]);
    assert!(out.contains("2 codings") && !out.contains(note), "{out}");
}

/// PGO-29: a location naming `project=` twice is refused (it used the
/// last); a schema with a `meta` table that is not a Jalin project's (other
/// rows, other columns) is "not a Jalin project" when opened and when
/// `new` is asked for it; `project=a%00b` is refused without printing a
/// NUL.
#[test]
fn locations_name_one_jalin_project() {
    let Some(db) = TestDb::new("loc") else {
        return;
    };
    let loc = db.location("first");
    let r = common::jalin(["list", "sources", &format!("{loc}&project=second")]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("gives 'project' twice"), "{}", r.stderr);
    let mut c = db.client();
    c.batch_execute(
        "CREATE SCHEMA other_app; CREATE TABLE other_app.meta (key text, value text);
         INSERT INTO other_app.meta VALUES ('application', 'SomethingElse');
         CREATE SCHEMA odd_meta; CREATE TABLE odd_meta.meta (id int, note text);",
    )
    .unwrap();
    for schema in ["other_app", "odd_meta"] {
        let at = db.location(schema);
        let r = common::jalin(["list", "sources", &at]);
        assert_ne!(r.code, 0);
        assert!(r.stderr.contains("is not a Jalin project"), "{}", r.stderr);
        let r = common::jalin(["new", &at]);
        assert_ne!(r.code, 0);
        assert!(
            r.stderr
                .contains("that is not a Jalin project already exists"),
            "{}",
            r.stderr
        );
    }
    let r = common::jalin(["new", &db.location("a%00b")]);
    assert_ne!(r.code, 0);
    assert!(!r.stderr.contains('\0'), "{:?}", r.stderr);
    assert!(r.stderr.contains("NUL"), "{}", r.stderr);
}
