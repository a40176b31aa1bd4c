//! Ids are never reused (schema step 4: AUTOINCREMENT), and the step keeps
//! every row, id, index and reference of an older file exactly.

use jalin::model::{MemoTarget, SourceKind};
use jalin::store::{AddedSource, LATEST_VERSION, NewCode, NewSource, Project, create_at_version};
use rusqlite::Connection;
use rusqlite::types::Value;

fn source(name: &str, text: &str) -> NewSource {
    NewSource {
        name: name.into(),
        kind: SourceKind::Interview,
        text: text.into(),
        original_name: None,
        attributes: vec![],
        turns: vec![],
        guid: None,
    }
}

fn added(a: AddedSource) -> jalin::model::SourceMeta {
    match a {
        AddedSource::Added(s) => s,
        other => panic!("not added: {other:?}"),
    }
}

/// Deleting the top row and adding another used to hand the new row the
/// deleted one's id; now every new id is above every id ever used, in every
/// table the workbench holds ids of, also after reopening.
#[test]
fn ids_are_never_reused_after_the_top_row_is_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    let mut p = Project::create(&path).unwrap();
    let s = added(
        p.add_source(source("a", "one two three four"), false)
            .unwrap(),
    );
    let code = p.add_code(NewCode::named("x")).unwrap();
    let k = p.coder("me").unwrap();
    let codings: Vec<_> = (0..3)
        .map(|i| p.add_coding(s.id, code.id, i, i + 2, k.id).unwrap())
        .collect();
    let top = codings[2].id;
    p.remove_coding(top).unwrap();
    let next = p.add_coding(s.id, code.id, 5, 9, k.id).unwrap();
    assert!(next.id.0 > top.0, "coding {:?} reused {:?}", next.id, top);

    let top_code = p.add_code(NewCode::named("y")).unwrap();
    p.delete_code(top_code.id).unwrap();
    let next_code = p.add_code(NewCode::named("z")).unwrap();
    assert!(next_code.id.0 > top_code.id.0);

    let top_source = added(p.add_source(source("b", "five six"), false).unwrap());
    p.delete_source(top_source.id).unwrap();
    let next_source = added(p.add_source(source("c", "seven"), false).unwrap());
    assert!(next_source.id.0 > top_source.id.0);

    let memo = p.add_memo(MemoTarget::Project, "t", "m", k.id).unwrap();
    p.delete_memo(memo.id).unwrap();
    let next_memo = p.add_memo(MemoTarget::Project, "t", "n", k.id).unwrap();
    assert!(next_memo.id.0 > memo.id.0);

    // After reopening too (the counter is in the file).
    let gone = next.id;
    p.remove_coding(gone).unwrap();
    drop(p);
    let mut p = Project::open(&path).unwrap();
    let again = p.add_coding(s.id, code.id, 10, 12, k.id).unwrap();
    assert!(again.id.0 > gone.0);
    p.check_integrity().unwrap();
}

/// A file written by the Jalin of schema 3, with data in every table.
fn v3_file_with_data(path: &std::path::Path) {
    create_at_version(path, 3).unwrap();
    let c = Connection::open(path).unwrap();
    let g = |n: u32| format!("00000000-0000-4000-8000-{n:012}");
    c.execute_batch(&format!(
        "PRAGMA foreign_keys = ON;
         INSERT INTO coders (id, guid, name) VALUES (1, '{}', 'Ana'), (4, '{}', 'Budi');
         INSERT INTO sources (id, guid, name, kind, char_len, content_hash, original_name, imported_at)
           VALUES (2, '{}', 'Palu_01', 'interview', 21, 'h1', 'palu.txt', '2024-01-01T00:00:00Z'),
                  (7, '{}', 'Notes', 'observation', 10, 'h2', NULL, '2024-01-02T00:00:00Z');
         INSERT INTO source_texts (source_id, text)
           VALUES (2, 'I: Hello there. R: Hi'), (7, 'field note');
         INSERT INTO source_attributes (source_id, key, value) VALUES (2, 'city', 'Palu');
         INSERT INTO speaker_turns (id, source_id, start, end, label_end, speaker)
           VALUES (1, 2, 0, 16, 2, 'I'), (2, 2, 16, 21, 18, 'R');
         INSERT INTO codes (id, guid, name, parent_id, color, description, sort_order)
           VALUES (3, '{}', 'Trust', NULL, '#aa3300', 'about trust', 0),
                  (5, '{}', 'Courts', 3, '#0033aa', '', 1),
                  (9, '{}', 'Family', NULL, '#33aa00', '', 2);
         INSERT INTO codings (id, guid, source_id, code_id, start, end, coder_id, created_at)
           VALUES (1, '{}', 2, 3, 0, 5, 1, '2024-01-03T00:00:00Z'),
                  (6, '{}', 2, 5, 3, 9, 4, '2024-01-03T00:00:01Z'),
                  (8, '{}', 7, 9, 0, 5, 1, '2024-01-03T00:00:02Z'),
                  (11, '{}', 7, 3, 1, 4, 1, '2024-01-03T00:00:03Z');
         INSERT INTO memos (id, guid, source_id, code_id, coding_id, title, text, coder_id, created_at, modified_at)
           VALUES (1, '{}', NULL, NULL, NULL, 'project', 'p', 1, 'a', 'b'),
                  (2, '{}', 2, NULL, NULL, 'source', 's', 4, 'a', 'b'),
                  (5, '{}', NULL, 5, NULL, 'code', 'c', 1, 'a', 'b'),
                  (6, '{}', NULL, NULL, 6, 'coding', 'k', 1, 'a', 'b');
         INSERT INTO exemplars (coding_id) VALUES (6);
         INSERT INTO review_items (session, code_id, status, note, position, updated_at)
           VALUES ('FG1', 5, 'disputed', 'check', 0, 'now');
         -- The top coding deleted before the upgrade.
         DELETE FROM codings WHERE id = 11;",
        g(1),
        g(2),
        g(3),
        g(4),
        g(5),
        g(6),
        g(7),
        g(8),
        g(9),
        g(10),
        g(11),
        g(12),
        g(13),
        g(14),
        g(15),
    ))
    .unwrap();
}

/// Every object's rows (all columns, by rowid), columns and references.
#[derive(Debug, PartialEq)]
struct Snapshot {
    rows: Vec<(String, Vec<Vec<Value>>)>,
    columns: Vec<(String, Vec<Vec<Value>>)>,
    references: Vec<(String, Vec<Vec<Value>>)>,
    /// Index name, table and SQL (`None` for a constraint's own index).
    indexes: Vec<(String, String, Option<String>)>,
}

fn all(c: &Connection, sql: &str) -> Vec<Vec<Value>> {
    let mut stmt = c.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn snapshot(path: &std::path::Path) -> Snapshot {
    let c = Connection::open(path).unwrap();
    let tables: Vec<String> = c
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let per_table = |sql: &dyn Fn(&str) -> String| {
        tables
            .iter()
            .map(|t| (t.clone(), all(&c, &sql(t))))
            .collect::<Vec<_>>()
    };
    Snapshot {
        rows: per_table(&|t| format!("SELECT * FROM \"{t}\" ORDER BY rowid")),
        columns: per_table(&|t| format!("SELECT * FROM pragma_table_xinfo('{t}')")),
        references: per_table(&|t| format!("SELECT * FROM pragma_foreign_key_list('{t}')")),
        indexes: c
            .prepare(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap(),
    }
}

/// Every object's SQL as this Jalin leaves it, by type and name.
fn schema_sql(path: &std::path::Path) -> Vec<(String, String, Option<String>)> {
    let c = Connection::open(path).unwrap();
    c.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn upgrading_a_version_3_file_keeps_every_row_id_index_and_reference() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.jalin");
    v3_file_with_data(&path);
    let before = snapshot(&path);
    assert_eq!(before.rows.iter().map(|(_, r)| r.len()).sum::<usize>(), 23);

    let mut p = Project::open(&path).unwrap();
    assert_eq!(p.schema_version().unwrap(), LATEST_VERSION);
    p.check_integrity().unwrap();
    let after = snapshot(&path);
    assert_eq!(before.rows, after.rows, "rows changed");
    assert_eq!(before.columns, after.columns, "columns changed");
    assert_eq!(before.references, after.references, "references changed");
    assert_eq!(before.indexes, after.indexes, "indexes changed");

    // The upgraded file has exactly the schema of a new one.
    let fresh = dir.path().join("fresh.jalin");
    drop(Project::create(&fresh).unwrap());
    assert_eq!(schema_sql(&path), schema_sql(&fresh));

    // The counters start at each table's largest id.
    let c = Connection::open(&path).unwrap();
    let seq = all(&c, "SELECT name, seq FROM sqlite_sequence ORDER BY name");
    let want: Vec<Vec<Value>> = [
        ("coders", 4),
        ("codes", 9),
        ("codings", 8),
        ("memos", 6),
        ("sources", 7),
    ]
    .iter()
    .map(|(n, s)| vec![Value::Text(n.to_string()), Value::Integer(*s)])
    .collect();
    assert_eq!(seq, want);

    // References still cascade: deleting a code removes its codings and
    // memos, and the rest stays.
    let coding = p.coding(jalin::model::CodingId(8)).unwrap();
    p.delete_code(jalin::model::CodeId(9)).unwrap();
    assert!(p.coding(coding.id).is_err());
    assert_eq!(p.codings().unwrap().len(), 2);
    let new = p
        .add_coding(
            jalin::model::SourceId(7),
            jalin::model::CodeId(3),
            2,
            6,
            jalin::model::CoderId(1),
        )
        .unwrap();
    assert!(new.id.0 > 8, "{:?}", new.id);
    p.delete_source(jalin::model::SourceId(2)).unwrap();
    let c = Connection::open(&path).unwrap();
    for (table, n) in [
        ("speaker_turns", 0),
        ("source_attributes", 0),
        ("memos", 2),
        ("exemplars", 0),
        ("codings", 1),
    ] {
        let got: i64 = c
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(got, n, "{table}");
    }
}

/// Versions 1 and 2 upgrade through step 4 as well.
#[test]
fn empty_files_of_every_older_version_upgrade_to_the_new_schema() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.jalin");
    drop(Project::create(&fresh).unwrap());
    for v in 1..LATEST_VERSION {
        let path = dir.path().join(format!("v{v}.jalin"));
        create_at_version(&path, v).unwrap();
        let p = Project::open(&path).unwrap();
        assert_eq!(p.schema_version().unwrap(), LATEST_VERSION);
        p.check_integrity().unwrap();
        drop(p);
        assert_eq!(schema_sql(&path), schema_sql(&fresh), "from version {v}");
    }
}
