//! The one seam between the store's SQL and a database: a project file
//! (SQLite, through rusqlite, exactly as before) or a team project on a
//! PostgreSQL server (through the synchronous `postgres` crate).
//!
//! [`Connection`] offers the part of rusqlite's API the store uses
//! (`prepare_cached`, `execute`, `query_row`, `query_map`, `exists`,
//! `last_insert_rowid`), with rusqlite's parameters (`params![..]`) and
//! rusqlite's [`FromSql`] for reading columns, so store code reads the same
//! for both. On SQLite every call goes straight to rusqlite. On PostgreSQL
//! each statement is translated once (see [`translate`]) and prepared once
//! per connection; values are converted to and from rusqlite's [`Value`].
//! Server errors come back as rusqlite errors: a broken rule (SQLSTATE
//! class 23) as SQLite's constraint violation, so the store's handling of
//! clashes works unchanged; anything else as a [`ServerError`] that
//! [`super::StoreError`] turns into its own message.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::ToSql;
use rusqlite::types::{FromSql, FromSqlError, Value, ValueRef};

/// An open database: a project file or a server connection.
pub enum Connection {
    Sqlite(rusqlite::Connection),
    Pg(Box<PgConn>),
}

/// A failure the server reported, in words (its message, without the
/// password or any internal detail), carried inside a rusqlite error.
#[derive(Debug, Clone)]
pub struct ServerError {
    pub message: String,
    /// The server cannot be reached any more (the connection is closed).
    pub lost: bool,
    /// The server refused for want of a privilege (role or row security).
    pub denied: bool,
}

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ServerError {}

/// Turns a `postgres` error into the rusqlite error the store handles.
pub(crate) fn from_pg(e: postgres::Error) -> rusqlite::Error {
    if let Some(db) = e.as_db_error() {
        let code = db.code().code();
        if code.starts_with("23") {
            let ext = match code {
                "23505" => rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE,
                "23503" => rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY,
                "23502" => rusqlite::ffi::SQLITE_CONSTRAINT_NOTNULL,
                "23514" => rusqlite::ffi::SQLITE_CONSTRAINT_CHECK,
                _ => rusqlite::ffi::SQLITE_CONSTRAINT,
            };
            return rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(ext),
                Some(db.message().to_string()),
            );
        }
        if code == "40001" || code == "40P01" || code == "55P03" {
            return rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                Some(db.message().to_string()),
            );
        }
        return rusqlite::Error::ToSqlConversionFailure(Box::new(ServerError {
            message: db.message().to_string(),
            lost: connection_lost(&e),
            denied: code == "42501",
        }));
    }
    let lost = connection_lost(&e);
    rusqlite::Error::ToSqlConversionFailure(Box::new(ServerError {
        message: if lost {
            "the connection to the server was lost".to_string()
        } else {
            e.to_string()
        },
        lost,
        denied: false,
    }))
}

/// Whether `e` means the connection is gone: closed, broken, or ended by
/// the server (shut down or restarted: class 57P, or a connection
/// exception, class 08).
pub(crate) fn connection_lost(e: &postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    match e.as_db_error() {
        Some(db) => {
            let code = db.code().code();
            code.starts_with("57P") || code.starts_with("08")
        }
        None => std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>()),
    }
}

/// The server error carried in `e`, if it is one.
pub fn server_error(e: &rusqlite::Error) -> Option<&ServerError> {
    match e {
        rusqlite::Error::ToSqlConversionFailure(b) => b.downcast_ref::<ServerError>(),
        _ => None,
    }
}

/// Parameters of a statement: what rusqlite's `params![..]` builds, an
/// array of values, or nothing (`[]`).
pub trait Params {
    fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R;
}

impl Params for &[&dyn ToSql] {
    fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        f(self)
    }
}

impl Params for [&(dyn ToSql + Send + Sync); 0] {
    fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        f(&[])
    }
}

macro_rules! array_params {
    ($($n:literal)*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
                let refs: [&dyn ToSql; $n] = std::array::from_fn(|i| &self[i] as &dyn ToSql);
                f(&refs)
            }
        }
        impl<T: ToSql> Params for &[T; $n] {
            fn with<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
                let refs: [&dyn ToSql; $n] = std::array::from_fn(|i| &self[i] as &dyn ToSql);
                f(&refs)
            }
        }
    )*};
}
array_params!(1 2 3 4 5 6 7 8 9 10 11 12);

/// A column index (a number from 0, as in rusqlite).
pub trait ColumnIndex {
    fn index(self) -> usize;
}

impl ColumnIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// One row of a result.
pub struct Row<'a>(RowIn<'a>);

enum RowIn<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Pg(&'a [Value]),
}

impl Row<'_> {
    /// Column `i` as a `T` (rusqlite's conversions on both databases).
    pub fn get<I: ColumnIndex, T: FromSql>(&self, i: I) -> rusqlite::Result<T> {
        let i = i.index();
        match &self.0 {
            RowIn::Sqlite(r) => r.get(i),
            RowIn::Pg(values) => {
                let v = values
                    .get(i)
                    .ok_or(rusqlite::Error::InvalidColumnIndex(i))?;
                T::column_result(ValueRef::from(v)).map_err(|e| match e {
                    FromSqlError::InvalidType => {
                        rusqlite::Error::InvalidColumnType(i, i.to_string(), v.data_type())
                    }
                    FromSqlError::OutOfRange(n) => rusqlite::Error::IntegralValueOutOfRange(i, n),
                    other => {
                        rusqlite::Error::FromSqlConversionFailure(i, v.data_type(), Box::new(other))
                    }
                })
            }
        }
    }

    /// Column `i` as it is stored.
    pub fn get_ref(&self, i: usize) -> rusqlite::Result<ValueRef<'_>> {
        match &self.0 {
            RowIn::Sqlite(r) => r.get_ref(i),
            RowIn::Pg(values) => values
                .get(i)
                .map(ValueRef::from)
                .ok_or(rusqlite::Error::InvalidColumnIndex(i)),
        }
    }
}

/// A prepared statement.
pub enum Statement<'c> {
    Cached(rusqlite::CachedStatement<'c>),
    Plain(rusqlite::Statement<'c>),
    Pg(&'c PgConn, Arc<Prepared>),
}

/// Rows of a query, read one at a time.
pub enum Rows<'s> {
    Sqlite(rusqlite::Rows<'s>),
    Pg(std::vec::IntoIter<Vec<Value>>, Vec<Value>),
}

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> rusqlite::Result<Option<Row<'_>>> {
        match self {
            Rows::Sqlite(rows) => Ok(rows.next()?.map(|r| Row(RowIn::Sqlite(r)))),
            Rows::Pg(rest, current) => match rest.next() {
                Some(values) => {
                    *current = values;
                    Ok(Some(Row(RowIn::Pg(current))))
                }
                None => Ok(None),
            },
        }
    }
}

enum Either<A, B> {
    A(A),
    B(B),
}

impl<T, A: Iterator<Item = T>, B: Iterator<Item = T>> Iterator for Either<A, B> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        match self {
            Either::A(a) => a.next(),
            Either::B(b) => b.next(),
        }
    }
}

impl<'c> Statement<'c> {
    fn sqlite(&mut self) -> Option<&mut rusqlite::Statement<'c>> {
        match self {
            Statement::Cached(s) => Some(s),
            Statement::Plain(s) => Some(s),
            Statement::Pg(..) => None,
        }
    }

    /// Runs the statement; the number of rows it changed.
    pub fn execute<P: Params>(&mut self, p: P) -> rusqlite::Result<usize> {
        if let Some(s) = self.sqlite() {
            return p.with(|v| s.execute(v));
        }
        let Statement::Pg(pg, prepared) = self else {
            unreachable!()
        };
        p.with(|v| pg.execute(prepared, v))
    }

    /// Whether the query returns a row.
    pub fn exists<P: Params>(&mut self, p: P) -> rusqlite::Result<bool> {
        if let Some(s) = self.sqlite() {
            return p.with(|v| s.exists(v));
        }
        let Statement::Pg(pg, prepared) = self else {
            unreachable!()
        };
        Ok(!p.with(|v| pg.query(prepared, v))?.is_empty())
    }

    /// The first row through `f`; `QueryReturnedNoRows` when there is none.
    pub fn query_row<T, P: Params, F>(&mut self, p: P, f: F) -> rusqlite::Result<T>
    where
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        if let Some(s) = self.sqlite() {
            return p.with(|v| s.query_row(v, |r| f(&Row(RowIn::Sqlite(r)))));
        }
        let Statement::Pg(pg, prepared) = self else {
            unreachable!()
        };
        let rows = p.with(|v| pg.query(prepared, v))?;
        match rows.first() {
            Some(values) => f(&Row(RowIn::Pg(values))),
            None => Err(rusqlite::Error::QueryReturnedNoRows),
        }
    }

    /// Every row through `f`.
    pub fn query_map<T, P: Params, F>(
        &mut self,
        p: P,
        mut f: F,
    ) -> rusqlite::Result<impl Iterator<Item = rusqlite::Result<T>> + use<'_, 'c, T, P, F>>
    where
        F: FnMut(&Row<'_>) -> rusqlite::Result<T>,
    {
        match self {
            Statement::Cached(s) => {
                Ok(Either::A(Either::A(p.with(|v| {
                    s.query_map(v, move |r| f(&Row(RowIn::Sqlite(r))))
                })?)))
            }
            Statement::Plain(s) => {
                // The same closure type cannot serve both arms; a second
                // wrapper keeps them apart.
                let mut g = move |r: &rusqlite::Row<'_>| f(&Row(RowIn::Sqlite(r)));
                Ok(Either::A(Either::B(
                    p.with(|v| s.query_map(v, move |r| g(r)))?,
                )))
            }
            Statement::Pg(pg, prepared) => {
                let rows = p.with(|v| pg.query(prepared, v))?;
                let out: Vec<rusqlite::Result<T>> = rows
                    .iter()
                    .map(|values| f(&Row(RowIn::Pg(values))))
                    .collect();
                Ok(Either::B(out.into_iter()))
            }
        }
    }

    /// The rows, to read with [`Rows::next`].
    pub fn query<P: Params>(&mut self, p: P) -> rusqlite::Result<Rows<'_>> {
        match self {
            Statement::Cached(s) => Ok(Rows::Sqlite(p.with(|v| s.query(v))?)),
            Statement::Plain(s) => Ok(Rows::Sqlite(p.with(|v| s.query(v))?)),
            Statement::Pg(pg, prepared) => {
                let rows = p.with(|v| pg.query(prepared, v))?;
                Ok(Rows::Pg(rows.into_iter(), Vec::new()))
            }
        }
    }

    /// The names of the result's columns.
    pub fn column_names(&self) -> Vec<String> {
        match self {
            Statement::Cached(s) => s.column_names().map(str::to_string).collect(),
            Statement::Plain(s) => s.column_names().map(str::to_string).collect(),
            Statement::Pg(_, p) => p
                .statement
                .get()
                .map(|s| s.columns().iter().map(|c| c.name().to_string()).collect())
                .unwrap_or_default(),
        }
    }

    /// SQLite's statement counters (0 on a server).
    #[cfg(test)]
    pub fn get_status(&self, status: rusqlite::StatementStatus) -> i32 {
        match self {
            Statement::Cached(s) => s.get_status(status),
            Statement::Plain(s) => s.get_status(status),
            Statement::Pg(..) => 0,
        }
    }
}

impl Connection {
    /// The SQLite connection (project files only).
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Connection::Sqlite(c) => Some(c),
            Connection::Pg(_) => None,
        }
    }

    /// The server connection (team projects only).
    pub fn pg(&self) -> Option<&PgConn> {
        match self {
            Connection::Sqlite(_) => None,
            Connection::Pg(p) => Some(p),
        }
    }

    pub fn prepare_cached(&self, sql: &str) -> rusqlite::Result<Statement<'_>> {
        match self {
            Connection::Sqlite(c) => Ok(Statement::Cached(c.prepare_cached(sql)?)),
            Connection::Pg(p) => Ok(Statement::Pg(p, p.prepare(sql)?)),
        }
    }

    pub fn prepare(&self, sql: &str) -> rusqlite::Result<Statement<'_>> {
        match self {
            Connection::Sqlite(c) => Ok(Statement::Plain(c.prepare(sql)?)),
            Connection::Pg(p) => Ok(Statement::Pg(p, p.prepare(sql)?)),
        }
    }

    pub fn execute<P: Params>(&self, sql: &str, p: P) -> rusqlite::Result<usize> {
        match self {
            Connection::Sqlite(c) => p.with(|v| c.execute(sql, v)),
            Connection::Pg(_) => self.prepare(sql)?.execute(p),
        }
    }

    pub fn query_row<T, P: Params, F>(&self, sql: &str, p: P, f: F) -> rusqlite::Result<T>
    where
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        match self {
            Connection::Sqlite(c) => p.with(|v| c.query_row(sql, v, |r| f(&Row(RowIn::Sqlite(r))))),
            Connection::Pg(_) => self.prepare(sql)?.query_row(p, f),
        }
    }

    /// The id of the row the last successful insert made.
    pub fn last_insert_rowid(&self) -> i64 {
        match self {
            Connection::Sqlite(c) => c.last_insert_rowid(),
            Connection::Pg(p) => p.last_id.get(),
        }
    }

    /// Whether no transaction is open.
    pub fn is_autocommit(&self) -> bool {
        match self {
            Connection::Sqlite(c) => c.is_autocommit(),
            Connection::Pg(p) => p.depth.get() == 0,
        }
    }
}

/// A statement prepared on the server.
pub struct Prepared {
    /// `None` until its first run when the server needs the values' types.
    statement: std::sync::OnceLock<postgres::Statement>,
    /// The statement as sent to the server.
    text: String,
    /// The insert returns the new row's id (see [`translate`]).
    returns_id: bool,
}

/// A connection to a team project on a server: one PostgreSQL schema,
/// which the connection's `search_path` points at.
pub struct PgConn {
    client: RefCell<postgres::Client>,
    cache: RefCell<HashMap<String, Arc<Prepared>>>,
    /// Open transaction levels: 0 none, 1 a transaction, more savepoints.
    pub(crate) depth: Cell<u32>,
    last_id: Cell<i64>,
    /// Changes other connections told of (NOTIFY) so far.
    notified: Cell<i64>,
    /// This connection's server process, whose own notifications are not
    /// changes made elsewhere.
    pid: Cell<i32>,
    /// The LISTEN statement, run again on a new connection.
    listening: RefCell<String>,
    /// Makes a new connection (its `search_path` set) when the server
    /// dropped this one (restarted, or the network broke).
    reopen: RefCell<Option<Reopen>>,
}

/// Makes a new connection to a team project's server, ready for queries;
/// `Err` says why not.
pub type Reopen = Box<dyn Fn() -> Result<postgres::Client, String> + Send>;

impl PgConn {
    /// Wraps a connected client whose `search_path` is the project's schema.
    pub fn new(client: postgres::Client) -> PgConn {
        PgConn {
            client: RefCell::new(client),
            cache: RefCell::new(HashMap::new()),
            depth: Cell::new(0),
            last_id: Cell::new(0),
            notified: Cell::new(0),
            pid: Cell::new(0),
            listening: RefCell::new(String::new()),
            reopen: RefCell::new(None),
        }
    }

    /// How to connect again when the server drops the connection.
    pub fn set_reopen(&self, reopen: Reopen) {
        *self.reopen.borrow_mut() = Some(reopen);
    }

    /// Replaces a lost connection by a new one, between transactions:
    /// statements prepared on the old one are forgotten, LISTEN runs again,
    /// and the count of changes elsewhere moves (notifications sent while
    /// no connection listened are lost, so everything is to be re-read).
    fn reconnect(&self) -> rusqlite::Result<()> {
        let made = match self.reopen.borrow().as_ref() {
            Some(reopen) => reopen(),
            None => Err("this connection cannot be made again".into()),
        };
        let client = made.map_err(|reason| {
            rusqlite::Error::ToSqlConversionFailure(Box::new(ServerError {
                message: format!(
                    "the connection to the server was lost and cannot be made again now ({reason})"
                ),
                lost: true,
                denied: false,
            }))
        })?;
        *self.client.borrow_mut() = client;
        self.cache.borrow_mut().clear();
        self.depth.set(0);
        let listen = self.listening.borrow().clone();
        if !listen.is_empty() {
            self.listen(&listen)?;
        }
        self.notified.set(self.notified.get() + 1);
        Ok(())
    }

    /// Whether the connection is known to be gone.
    fn closed(&self) -> bool {
        self.client.borrow().is_closed()
    }

    /// Listens for the project's change notifications (`listen` is the
    /// LISTEN statement), so [`PgConn::changes_elsewhere`] counts them.
    pub fn listen(&self, listen: &str) -> rusqlite::Result<()> {
        *self.listening.borrow_mut() = listen.to_string();
        let mut client = self.client.borrow_mut();
        client.batch_execute(listen).map_err(from_pg)?;
        let pid: i32 = client
            .query_one("SELECT pg_backend_pid()", &[])
            .map_err(from_pg)?
            .get(0);
        self.pid.set(pid);
        Ok(())
    }

    /// How many changes other connections have committed so far, as their
    /// notifications said (the server's `data_version`). Reads what has
    /// arrived without waiting.
    pub fn changes_elsewhere(&self) -> rusqlite::Result<i64> {
        use postgres::fallible_iterator::FallibleIterator;
        if self.depth.get() > 0 {
            // Notifications arrive between transactions.
            return Ok(self.notified.get());
        }
        if self.closed() {
            self.reconnect()?;
            return Ok(self.notified.get());
        }
        let read = {
            let mut client = self.client.borrow_mut();
            let mut notes = client.notifications();
            // Waits at most a millisecond: the client reads its socket only
            // while it runs (the plain non-blocking iterator sees only what
            // arrived with earlier replies).
            let mut arrived = notes.timeout_iter(std::time::Duration::from_millis(1));
            loop {
                match arrived.next() {
                    Ok(Some(note)) => {
                        if note.process_id() != self.pid.get() {
                            self.notified.set(self.notified.get() + 1);
                        }
                    }
                    Ok(None) => break Ok(()),
                    Err(e) => break Err(e),
                }
            }
        };
        match read {
            Ok(()) => Ok(self.notified.get()),
            // The server restarted or the network broke: a new connection,
            // and everything read again.
            Err(e) if connection_lost(&e) => {
                self.reconnect()?;
                Ok(self.notified.get())
            }
            Err(e) => Err(from_pg(e)),
        }
    }

    /// Runs one statement written for PostgreSQL (not translated, not
    /// cached), with the `postgres` crate's own parameters (arrays among
    /// them); returns the rows it changed. For the set-based writes that
    /// have no SQLite form (`UPDATE … FROM unnest($1::bigint[], …)`).
    pub fn execute_native(
        &self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> rusqlite::Result<usize> {
        self.client
            .borrow_mut()
            .execute(sql, params)
            .map(|n| n as usize)
            .map_err(from_pg)
    }

    /// Runs `sql` (one or more statements, no parameters).
    pub fn batch(&self, sql: &str) -> rusqlite::Result<()> {
        self.client.borrow_mut().batch_execute(sql).map_err(from_pg)
    }

    /// Runs one statement of the transaction machinery (as the store
    /// writes it for SQLite) and keeps count of the open levels.
    pub fn control(&self, sql: &str) -> rusqlite::Result<()> {
        let begins = sql.starts_with("BEGIN");
        let text = if sql == "BEGIN IMMEDIATE" {
            "BEGIN"
        } else {
            sql
        };
        let mut done = self.batch(text);
        // A transaction starts on a live connection: one the server dropped
        // since the last (restarted, say) is made again first. Nothing of
        // this transaction was sent yet, so nothing can be lost.
        if begins
            && self.depth.get() == 0
            && done
                .as_ref()
                .is_err_and(|e| server_error(e).is_some_and(|s| s.lost))
        {
            self.reconnect()?;
            done = self.batch(text);
        }
        let depth = self.depth.get();
        match sql {
            _ if begins && done.is_ok() => self.depth.set(1),
            "COMMIT" | "ROLLBACK" => self.depth.set(0),
            s if s.starts_with("SAVEPOINT") && done.is_ok() => self.depth.set(depth + 1),
            s if s.starts_with("RELEASE") && done.is_ok() => {
                self.depth.set(depth.saturating_sub(1))
            }
            _ => {}
        }
        done
    }

    fn prepare(&self, sql: &str) -> rusqlite::Result<Arc<Prepared>> {
        if let Some(p) = self.cache.borrow().get(sql) {
            return Ok(Arc::clone(p));
        }
        let (text, returns_id) = translate(sql);
        // Inside a transaction a failed PREPARE would abort it (PostgreSQL
        // refuses every later statement), so it is tried under a savepoint
        // that is rolled back when it fails.
        let guarded = self.depth.get() > 0;
        if guarded {
            self.batch("SAVEPOINT jalin_prepare")?;
        }
        let prepared = self.client.borrow_mut().prepare(&text);
        if guarded {
            self.batch(if prepared.is_ok() {
                "RELEASE SAVEPOINT jalin_prepare"
            } else {
                "ROLLBACK TO SAVEPOINT jalin_prepare; RELEASE SAVEPOINT jalin_prepare"
            })?;
        }
        let statement = match prepared {
            Ok(s) => Some(s),
            // A parameter the server cannot type from the statement alone
            // (`?1 IS NULL OR …`): prepared at its first run, typed by the
            // values given.
            Err(e)
                if e.code() == Some(&postgres::error::SqlState::INDETERMINATE_DATATYPE)
                    || e.code() == Some(&postgres::error::SqlState::AMBIGUOUS_PARAMETER) =>
            {
                None
            }
            Err(e) => return Err(from_pg(e)),
        };
        let once = std::sync::OnceLock::new();
        if let Some(s) = statement {
            let _ = once.set(s);
        }
        let p = Arc::new(Prepared {
            statement: once,
            text,
            returns_id,
        });
        self.cache
            .borrow_mut()
            .insert(sql.to_string(), Arc::clone(&p));
        Ok(p)
    }

    /// The statement and its values, prepared now with the values' types
    /// when the server could not type it alone.
    fn bind(
        &self,
        p: &Prepared,
        params: &[&dyn ToSql],
    ) -> rusqlite::Result<(postgres::Statement, Vec<PgParam>)> {
        let values: Vec<PgParam> = params
            .iter()
            .map(|v| {
                Ok(PgParam(match v.to_sql()? {
                    rusqlite::types::ToSqlOutput::Borrowed(r) => owned(r),
                    rusqlite::types::ToSqlOutput::Owned(v) => v,
                    _ => Value::Null,
                }))
            })
            .collect::<rusqlite::Result<_>>()?;
        let known = p.statement.get().cloned();
        let statement = match known {
            Some(s) => s,
            None => {
                use postgres::types::Type as T;
                let types: Vec<T> = values
                    .iter()
                    .map(|v| match v.0 {
                        Value::Null | Value::Integer(_) => T::INT8,
                        Value::Real(_) => T::FLOAT8,
                        Value::Text(_) => T::TEXT,
                        Value::Blob(_) => T::BYTEA,
                    })
                    .collect();
                let s = self
                    .client
                    .borrow_mut()
                    .prepare_typed(&p.text, &types)
                    .map_err(from_pg)?;
                let _ = p.statement.set(s.clone());
                s
            }
        };
        let wanted = statement.params().len();
        if values.len() != wanted {
            return Err(rusqlite::Error::InvalidParameterCount(values.len(), wanted));
        }
        Ok((statement, values))
    }

    fn execute(&self, p: &Prepared, params: &[&dyn ToSql]) -> rusqlite::Result<usize> {
        let (statement, values) = self.bind(p, params)?;
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = values
            .iter()
            .map(|v| v as &(dyn postgres::types::ToSql + Sync))
            .collect();
        let mut client = self.client.borrow_mut();
        if p.returns_id {
            let rows = client.query(&statement, &refs).map_err(from_pg)?;
            if let Some(row) = rows.first() {
                let id: i64 = match row.columns()[0].type_() {
                    &postgres::types::Type::INT4 => i64::from(row.get::<_, i32>(0)),
                    _ => row.get(0),
                };
                self.last_id.set(id);
            }
            Ok(rows.len())
        } else {
            Ok(client.execute(&statement, &refs).map_err(from_pg)? as usize)
        }
    }

    /// Runs `sql` (no parameters; every column an integer) and hands each
    /// row to `each` as it arrives, keeping none: the million-row reads of
    /// the counting tables, without a row object per coding.
    pub fn int_rows(&self, sql: &str, mut each: impl FnMut(&[i64])) -> rusqlite::Result<()> {
        use postgres::fallible_iterator::FallibleIterator;
        let p = self.prepare(sql)?;
        let (statement, _) = self.bind(&p, &[])?;
        let mut client = self.client.borrow_mut();
        let none: Vec<&(dyn postgres::types::ToSql + Sync)> = Vec::new();
        let mut rows = client.query_raw(&statement, none).map_err(from_pg)?;
        let mut values = Vec::new();
        while let Some(row) = rows.next().map_err(from_pg)? {
            values.clear();
            for (i, col) in row.columns().iter().enumerate() {
                values.push(match *col.type_() {
                    postgres::types::Type::INT4 => {
                        i64::from(row.try_get::<_, i32>(i).map_err(from_pg)?)
                    }
                    _ => row.try_get::<_, i64>(i).map_err(from_pg)?,
                });
            }
            each(&values);
        }
        Ok(())
    }

    fn query(&self, p: &Prepared, params: &[&dyn ToSql]) -> rusqlite::Result<Vec<Vec<Value>>> {
        let (statement, values) = self.bind(p, params)?;
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = values
            .iter()
            .map(|v| v as &(dyn postgres::types::ToSql + Sync))
            .collect();
        let rows = self
            .client
            .borrow_mut()
            .query(&statement, &refs)
            .map_err(from_pg)?;
        rows.iter().map(row_values).collect()
    }
}

/// A row from the server as rusqlite values.
pub(crate) fn row_values(row: &postgres::Row) -> rusqlite::Result<Vec<Value>> {
    use postgres::types::Type as T;
    let mut out = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let bad = |e: postgres::Error| from_pg(e);
        let v = match *col.type_() {
            T::BOOL => row
                .try_get::<_, Option<bool>>(i)
                .map_err(bad)?
                .map(|b| Value::Integer(i64::from(b))),
            T::INT2 => row
                .try_get::<_, Option<i16>>(i)
                .map_err(bad)?
                .map(|n| Value::Integer(n.into())),
            T::INT4 => row
                .try_get::<_, Option<i32>>(i)
                .map_err(bad)?
                .map(|n| Value::Integer(n.into())),
            T::INT8 => row
                .try_get::<_, Option<i64>>(i)
                .map_err(bad)?
                .map(Value::Integer),
            T::OID => row
                .try_get::<_, Option<u32>>(i)
                .map_err(bad)?
                .map(|n| Value::Integer(n.into())),
            T::FLOAT4 => row
                .try_get::<_, Option<f32>>(i)
                .map_err(bad)?
                .map(|n| Value::Real(n.into())),
            T::FLOAT8 => row
                .try_get::<_, Option<f64>>(i)
                .map_err(bad)?
                .map(Value::Real),
            T::NUMERIC => row
                .try_get::<_, Option<Numeric>>(i)
                .map_err(bad)?
                .map(|n| n.0),
            T::BYTEA => row
                .try_get::<_, Option<Vec<u8>>>(i)
                .map_err(bad)?
                .map(Value::Blob),
            _ => row
                .try_get::<_, Option<String>>(i)
                .map_err(bad)?
                .map(Value::Text),
        };
        out.push(v.unwrap_or(Value::Null));
    }
    Ok(out)
}

/// A NUMERIC from the server (`sum` of integers is one): an integer when it
/// has no fraction, else a float.
struct Numeric(Value);

impl<'a> postgres::types::FromSql<'a> for Numeric {
    fn from_sql(
        _: &postgres::types::Type,
        raw: &'a [u8],
    ) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        let word = |i: usize| -> Result<i16, Box<dyn std::error::Error + Sync + Send>> {
            raw.get(i * 2..i * 2 + 2)
                .map(|b| i16::from_be_bytes([b[0], b[1]]))
                .ok_or_else(|| "short NUMERIC".into())
        };
        let ndigits = word(0)? as usize;
        let weight = i32::from(word(1)?);
        let sign = word(2)? as u16;
        let dscale = word(3)?;
        if sign == 0xC000 {
            return Ok(Numeric(Value::Real(f64::NAN)));
        }
        let mut int: i128 = 0;
        let mut real = 0f64;
        let mut fraction = false;
        for i in 0..ndigits {
            let d = i128::from(word(4 + i)?);
            let power = weight - i as i32;
            real += d as f64 * 10000f64.powi(power);
            if power >= 0 {
                int = int.saturating_add(d.saturating_mul(10000i128.saturating_pow(power as u32)));
            } else if d != 0 {
                fraction = true;
            }
        }
        let negative = sign == 0x4000;
        if dscale == 0
            && !fraction
            && let Ok(n) = i64::try_from(int)
        {
            return Ok(Numeric(Value::Integer(if negative { -n } else { n })));
        }
        Ok(Numeric(Value::Real(if negative { -real } else { real })))
    }

    fn accepts(ty: &postgres::types::Type) -> bool {
        *ty == postgres::types::Type::NUMERIC
    }
}

/// `v` as the server's type `ty`.
fn put<T: postgres::types::ToSql>(
    v: T,
    ty: &postgres::types::Type,
    out: &mut bytes::BytesMut,
) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
    v.to_sql(ty, out)
}

/// A borrowed value made owned.
pub(crate) fn owned(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::Integer(n),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// A rusqlite value sent to the server as the type the statement wants
/// there (an integer for an `int4` column, a text for a `text` one).
#[derive(Debug)]
struct PgParam(Value);

impl postgres::types::ToSql for PgParam {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::Type as T;
        match &self.0 {
            Value::Null => Ok(postgres::types::IsNull::Yes),
            Value::Integer(n) => match *ty {
                T::INT8 => put(*n, ty, out),
                T::INT4 => put(i32::try_from(*n)?, ty, out),
                T::INT2 => put(i16::try_from(*n)?, ty, out),
                T::FLOAT8 => put(*n as f64, ty, out),
                T::FLOAT4 => put(*n as f32, ty, out),
                T::BOOL => put(*n != 0, ty, out),
                T::NUMERIC => Err("cannot send an integer as NUMERIC".into()),
                _ => put(n.to_string(), &T::TEXT, out),
            },
            Value::Real(f) => match *ty {
                T::FLOAT4 => put(*f as f32, ty, out),
                T::FLOAT8 => put(*f, ty, out),
                _ => put(f.to_string(), &T::TEXT, out),
            },
            Value::Text(s) => match *ty {
                T::INT8 => put(s.parse::<i64>()?, ty, out),
                T::INT4 => put(s.parse::<i32>()?, ty, out),
                T::BYTEA => put(s.as_bytes(), ty, out),
                _ => put(s.as_str(), &T::TEXT, out),
            },
            Value::Blob(b) => put(b.as_slice(), &T::BYTEA, out),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// Tables whose rows have an `id` the store reads back after inserting.
const ID_TABLES: &[&str] = &[
    "coders",
    "sources",
    "codes",
    "codings",
    "memos",
    "speakers",
    "speaker_turns",
];

/// The key an `INSERT OR REPLACE` into each table replaces by.
const REPLACE_KEYS: &[(&str, &[&str])] = &[
    ("meta", &["key"]),
    ("source_attributes", &["source_id", "key"]),
    ("speaker_attributes", &["speaker_id", "key"]),
    ("review_items", &["session", "code_id"]),
    ("guid_spellings", &["guid"]),
    ("exemplars", &["coding_id"]),
    ("id_high_water", &["name"]),
];

/// SQLite's `strftime` for the one time format the store writes.
const SQLITE_NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
const PG_NOW: &str = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

/// The store's SQL (written for SQLite, portable where it can be) for
/// PostgreSQL: `?N` → `$N`; the column `end` (a reserved word there)
/// quoted; a new coding's id ([`super::codings::NEXT_CODING_ID`]) → the
/// identity sequence's next value; `ifnull` → `coalesce`; SQLite's `strftime` for now → `to_char`;
/// `INSERT OR IGNORE` → `ON CONFLICT DO NOTHING`; `INSERT OR REPLACE` →
/// `ON CONFLICT (key) DO UPDATE`; an insert into a table with ids returns
/// the new id (SQLite's `last_insert_rowid`). Keywords in the store's SQL
/// are upper case, so a lower-case `end` is always the column. Returns the
/// text and whether it returns an id.
pub fn translate(sql: &str) -> (String, bool) {
    let sql = sql
        .replace(
            super::codings::NEXT_CODING_ID,
            "nextval(pg_get_serial_sequence('codings', 'id'))",
        )
        .replace(SQLITE_NOW, PG_NOW)
        .replace("ifnull(", "coalesce(");
    let mut out = String::with_capacity(sql.len() + 32);
    let mut chars = sql.chars().peekable();
    let mut next_anon = 1;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '?' => {
                let mut n = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    n.push(*d);
                    chars.next();
                }
                if n.is_empty() {
                    n = next_anon.to_string();
                    next_anon += 1;
                }
                out.push('$');
                out.push_str(&n);
            }
            c if c.is_alphanumeric() || c == '_' => {
                let mut word = String::from(c);
                while let Some(d) = chars.peek().filter(|d| d.is_alphanumeric() || **d == '_') {
                    word.push(*d);
                    chars.next();
                }
                if word == "end" {
                    out.push_str("\"end\"");
                } else if word == "rowid" {
                    // Insertion order, as near as the server has one.
                    out.push_str("ctid");
                } else {
                    out.push_str(&word);
                }
            }
            _ => {
                out.push(c);
            }
        }
    }
    // SQLite's NOCASE is the function `nocase` in a project's schema.
    static EQ: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"([\w."]+) = (\$\d+) COLLATE NOCASE"#).expect("valid")
    });
    static ANY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"([\w."]+) COLLATE NOCASE"#).expect("valid")
    });
    let out = EQ.replace_all(&out, "nocase($1) = nocase($2)");
    let mut sql = ANY.replace_all(&out, "nocase($1)").into_owned();
    let trimmed = sql.trim_start();
    let mut returns_id = false;
    if let Some(rest) = trimmed.strip_prefix("INSERT OR IGNORE INTO ") {
        sql = format!("INSERT INTO {} ON CONFLICT DO NOTHING", rest.trim_end());
    } else if let Some(rest) = trimmed.strip_prefix("INSERT OR REPLACE INTO ") {
        let table = rest
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .next();
        let key = REPLACE_KEYS
            .iter()
            .find(|(t, _)| Some(*t) == table)
            .map(|(_, k)| *k);
        let columns: Vec<&str> = rest
            .split_once('(')
            .and_then(|(_, r)| r.split_once(')'))
            .map(|(cols, _)| cols.split(',').map(str::trim).collect())
            .unwrap_or_default();
        sql = match key {
            Some(key) => {
                let set: Vec<String> = columns
                    .iter()
                    .filter(|c| !key.contains(c))
                    .map(|c| format!("{c} = EXCLUDED.{c}"))
                    .collect();
                format!(
                    "INSERT INTO {} ON CONFLICT ({}) DO {}",
                    rest.trim_end(),
                    key.join(", "),
                    if set.is_empty() {
                        "NOTHING".to_string()
                    } else {
                        format!("UPDATE SET {}", set.join(", "))
                    }
                )
            }
            None => format!("INSERT INTO {}", rest.trim_end()),
        };
    }
    let trimmed = sql.trim_start();
    if let Some(rest) = trimmed.strip_prefix("INSERT INTO ") {
        let table = rest
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .next()
            .unwrap_or("")
            .to_string();
        let table = table.as_str();
        if ID_TABLES.contains(&table) {
            sql = id_or_next(&sql, table);
        }
        if ID_TABLES.contains(&table) && !sql.contains("RETURNING") {
            sql = format!("{} RETURNING id", sql.trim_end());
            returns_id = true;
        }
    }
    (sql, returns_id)
}

/// Splits `s` at its top-level commas (not inside parentheses or quotes).
fn top_level_split(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None::<char>, 0);
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, ',') if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// An insert that gives `id` as a parameter which may be NULL ("make
/// one", as SQLite reads NULL for an `INTEGER PRIMARY KEY`): the NULL
/// takes the table's next id on the server, where an identity column
/// refuses NULL.
fn id_or_next(sql: &str, table: &str) -> String {
    let Some(open) = sql.find('(') else {
        return sql.to_string();
    };
    let Some(close) = sql[open..].find(')').map(|i| open + i) else {
        return sql.to_string();
    };
    let columns: Vec<&str> = sql[open + 1..close].split(',').map(str::trim).collect();
    let Some(at) = columns.iter().position(|c| *c == "id") else {
        return sql.to_string();
    };
    let Some(values) = sql[close..]
        .find("VALUES")
        .map(|i| close + i + "VALUES".len())
    else {
        return sql.to_string();
    };
    let Some(vopen) = sql[values..].find('(').map(|i| values + i) else {
        return sql.to_string();
    };
    // The matching parenthesis of the first row.
    let mut depth = 0;
    let mut vclose = None;
    for (i, c) in sql[vopen..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    vclose = Some(vopen + i);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(vclose) = vclose else {
        return sql.to_string();
    };
    let mut parts: Vec<String> = top_level_split(&sql[vopen + 1..vclose])
        .into_iter()
        .map(str::to_string)
        .collect();
    match parts.get_mut(at) {
        Some(p) if p.trim().starts_with('$') => {
            *p = format!(
                " coalesce({}, nextval(pg_get_serial_sequence('{table}', 'id')))",
                p.trim()
            );
        }
        _ => return sql.to_string(),
    }
    format!(
        "{}({}){}",
        &sql[..vopen],
        parts.join(","),
        &sql[vclose + 1..]
    )
}

#[cfg(test)]
mod tests {
    use super::translate;

    #[test]
    fn a_null_id_takes_the_next_one_on_the_server() {
        assert_eq!(
            translate("INSERT INTO sources (guid, name, id) VALUES (?1, coalesce(?2, 'x'), ?3)").0,
            "INSERT INTO sources (guid, name, id) VALUES ($1, coalesce($2, 'x'), coalesce($3, nextval(pg_get_serial_sequence('sources', 'id')))) RETURNING id"
        );
    }

    #[test]
    fn sql_is_translated_for_postgres() {
        assert_eq!(
            translate("SELECT start, end FROM codings WHERE id = ?1 AND end > ?2").0,
            "SELECT start, \"end\" FROM codings WHERE id = $1 AND \"end\" > $2"
        );
        assert_eq!(
            translate("SELECT c.end, 'end?' FROM codings c WHERE ifnull(a, 0) = ?").0,
            "SELECT c.\"end\", 'end?' FROM codings c WHERE coalesce(a, 0) = $1"
        );
        let (sql, id) = translate("INSERT INTO codings (guid, end) VALUES (?1, ?2)");
        assert_eq!(
            sql,
            "INSERT INTO codings (guid, \"end\") VALUES ($1, $2) RETURNING id"
        );
        assert!(id);
        assert_eq!(
            translate("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, '1')"),
            (
                "INSERT INTO meta (key, value) VALUES ($1, '1') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value".to_string(),
                false
            )
        );
        assert_eq!(
            translate("INSERT OR IGNORE INTO guid_spellings (guid, spelling) VALUES (?1, ?2)").0,
            "INSERT INTO guid_spellings (guid, spelling) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        );
        assert_eq!(
            translate(
                "SELECT id FROM sources WHERE name = ?1 COLLATE NOCASE ORDER BY name COLLATE NOCASE"
            )
            .0,
            "SELECT id FROM sources WHERE nocase(name) = nocase($1) ORDER BY nocase(name)"
        );
        assert_eq!(
            translate("SELECT CASE WHEN a THEN 1 ELSE 0 END FROM t").0,
            "SELECT CASE WHEN a THEN 1 ELSE 0 END FROM t"
        );
    }
}
