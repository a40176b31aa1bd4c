//! Team projects on a PostgreSQL server: where one is (a location URL),
//! connecting (with the password from `PGPASSWORD`, `.pgpass` or a
//! prompt, never from or into anything Jalin keeps), opening and creating.

use std::path::PathBuf;

use super::db::{Connection, PgConn};
use super::pg_schema::{self, ServerProject};
use super::{LATEST_VERSION, Project, Result, StoreError};

/// How the connection uses TLS (`sslmode` in the location), as libpq:
/// `disable` never; `allow` and `prefer` when the server offers it, without
/// checking its certificate; `require` always, without checking the
/// certificate; `verify-ca` always, with a certificate signed by the root
/// certificate (`sslrootcert`); `verify-full` also with the host's name in
/// it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    /// The word in a location.
    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Allow => "allow",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }

    fn verifies(self) -> bool {
        matches!(self, SslMode::VerifyCa | SslMode::VerifyFull)
    }
}

/// Where a team project is: `postgres://USER@HOST:PORT/DB?project=NAME`
/// (also `postgresql://`; `sslmode=disable|allow|prefer|require|verify-ca|verify-full`
/// and `sslrootcert=PATH` may follow).
/// Holds no password: a location is shown, logged and remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerLocation {
    pub user: String,
    pub host: String,
    pub port: u16,
    pub database: String,
    pub project: String,
    pub sslmode: Option<SslMode>,
    /// The root certificate that signs the server's (`verify-ca`,
    /// `verify-full`); default `PGSSLROOTCERT`, else
    /// `~/.postgresql/root.crt`, as libpq.
    pub sslrootcert: Option<String>,
}

/// Whether `s` names a team project on a server (rather than a file).
pub fn is_server_location(s: &str) -> bool {
    let lower = s.trim_start().to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

fn percent_decode(s: &str) -> std::result::Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("'{s}' has a broken %-escape"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    if out.contains(&0) {
        return Err(format!(
            "'{s}' holds a NUL character (%00), which no PostgreSQL name can"
        ));
    }
    String::from_utf8(out).map_err(|_| format!("'{s}' is not UTF-8 once decoded"))
}

impl ServerLocation {
    /// Reads a location. A password in it is refused (it would end up in
    /// shell histories and recent-project lists): use `PGPASSWORD`,
    /// `~/.pgpass` or the prompt.
    pub fn parse(s: &str) -> std::result::Result<ServerLocation, String> {
        let s = s.trim();
        let rest = s
            .split_once("://")
            .filter(|(scheme, _)| {
                scheme.eq_ignore_ascii_case("postgres") || scheme.eq_ignore_ascii_case("postgresql")
            })
            .map(|(_, r)| r)
            .ok_or_else(|| "a team project's location starts with postgres://".to_string())?;
        let (main, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (authority, database) = main.split_once('/').unwrap_or((main, ""));
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        if userinfo.is_some_and(|u| u.contains(':')) {
            return Err(
                "the location holds a password; Jalin never keeps passwords: \
                 remove it and use PGPASSWORD, ~/.pgpass or the password prompt"
                    .into(),
            );
        }
        let user = match userinfo {
            Some(u) if !u.is_empty() => percent_decode(u)?,
            _ => std::env::var("PGUSER")
                .or_else(|_| std::env::var("USER"))
                .unwrap_or_else(|_| "postgres".into()),
        };
        let (host, port) = if let Some(h) = hostport.strip_prefix('[') {
            // [IPv6]:port
            let (h, p) = h
                .split_once(']')
                .ok_or_else(|| "an IPv6 host needs its closing ]".to_string())?;
            (h.to_string(), p.strip_prefix(':').unwrap_or(""))
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), p),
                None => (hostport.to_string(), ""),
            }
        };
        let host = if host.is_empty() {
            "localhost".to_string()
        } else {
            percent_decode(&host)?
        };
        let port = if port.is_empty() {
            5432
        } else {
            port.parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| format!("'{port}' is not a port number"))?
        };
        let database = if database.is_empty() {
            user.clone()
        } else {
            percent_decode(database)?
        };
        let mut project = None;
        let mut sslmode = None;
        let mut sslrootcert = None;
        let mut seen = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = percent_decode(v)?;
            if seen.contains(&k) {
                return Err(format!(
                    "the location gives '{k}' twice; give it once (one location names one project)"
                ));
            }
            seen.push(k);
            match k {
                "project" => project = Some(v),
                "sslmode" => {
                    sslmode = Some(match v.as_str() {
                        "disable" => SslMode::Disable,
                        "allow" => SslMode::Allow,
                        "prefer" => SslMode::Prefer,
                        "require" => SslMode::Require,
                        "verify-ca" => SslMode::VerifyCa,
                        "verify-full" => SslMode::VerifyFull,
                        other => {
                            return Err(format!(
                                "sslmode '{other}' is not one of disable, allow, prefer, require, verify-ca, verify-full"
                            ));
                        }
                    })
                }
                "sslrootcert" if !v.is_empty() => sslrootcert = Some(v),
                "password" => {
                    return Err(
                        "the location holds a password; Jalin never keeps passwords: \
                         remove it and use PGPASSWORD, ~/.pgpass or the password prompt"
                            .into(),
                    );
                }
                other => {
                    return Err(format!(
                        "'{other}' is not an option of a team project's location (project, sslmode, sslrootcert)"
                    ));
                }
            }
        }
        let project = project.filter(|p| !p.is_empty()).ok_or_else(|| {
            "the location names no project: add ?project=NAME (postgres://USER@HOST:PORT/DB?project=NAME)"
                .to_string()
        })?;
        Ok(ServerLocation {
            user,
            host,
            port,
            database,
            project,
            sslmode,
            sslrootcert,
        })
    }

    /// The location as text, never with a password.
    pub fn display(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let enc = |s: &str| {
            s.chars()
                .map(|c| match c {
                    '%' | '@' | '/' | '?' | '&' | ':' | '#' | ' ' => format!("%{:02X}", c as u32),
                    // A NUL or other control character, escaped too: a
                    // message never prints it raw.
                    c if c.is_control() => {
                        c.to_string().bytes().map(|b| format!("%{b:02X}")).collect()
                    }
                    c => c.to_string(),
                })
                .collect::<String>()
        };
        let mut out = format!(
            "postgres://{}@{}:{}/{}?project={}",
            enc(&self.user),
            host,
            self.port,
            enc(&self.database),
            enc(&self.project)
        );
        if let Some(mode) = self.sslmode {
            out.push_str("&sslmode=");
            out.push_str(mode.as_str());
        }
        if let Some(root) = &self.sslrootcert {
            out.push_str("&sslrootcert=");
            out.push_str(&enc(root));
        }
        out
    }

    /// The password for this location from `PGPASSWORD` or the password
    /// file (`PGPASSFILE`, else `~/.pgpass`), as libpq finds it.
    pub fn stored_password(&self) -> Option<String> {
        if let Ok(p) = std::env::var("PGPASSWORD") {
            return Some(p);
        }
        let file = std::env::var_os("PGPASSFILE")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass")))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // libpq ignores a password file others may read.
            let meta = std::fs::metadata(&file).ok()?;
            if meta.permissions().mode() & 0o077 != 0 || !meta.is_file() {
                return None;
            }
        }
        let text = std::fs::read_to_string(&file).ok()?;
        pgpass_lookup(&text, &self.host, self.port, &self.database, &self.user)
    }

    fn config(&self, password: Option<&str>) -> postgres::Config {
        let mut config = postgres::Config::new();
        config
            .host(&self.host)
            .port(self.port)
            .user(&self.user)
            .dbname(&self.database)
            .application_name("jalin")
            .connect_timeout(std::time::Duration::from_secs(10));
        if let Some(p) = password {
            config.password(p);
        }
        config.ssl_mode(match self.mode() {
            SslMode::Disable => postgres::config::SslMode::Disable,
            SslMode::Allow | SslMode::Prefer => postgres::config::SslMode::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => {
                postgres::config::SslMode::Require
            }
        });
        config
    }

    /// The TLS mode, `prefer` when the location names none (as libpq).
    pub fn mode(&self) -> SslMode {
        self.sslmode.unwrap_or(SslMode::Prefer)
    }

    /// The root certificate file for `verify-ca` and `verify-full`, found
    /// as libpq finds it.
    fn root_cert(&self) -> PathBuf {
        if let Some(p) = &self.sslrootcert {
            return PathBuf::from(p);
        }
        if let Some(p) = std::env::var_os("PGSSLROOTCERT").filter(|p| !p.is_empty()) {
            return PathBuf::from(p);
        }
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
            .join(".postgresql")
            .join("root.crt")
    }

    /// The TLS connector for this location's `sslmode`: certificates are
    /// checked only for `verify-ca` (against the root certificate) and
    /// `verify-full` (also the host name), as libpq.
    fn tls(&self) -> Result<postgres_openssl::MakeTlsConnector> {
        use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
        let mode = self.mode();
        let fail = |e: openssl::error::ErrorStack| {
            open_error(self, format!("TLS could not be set up ({e})"))
        };
        let mut builder = SslConnector::builder(SslMethod::tls_client()).map_err(fail)?;
        if mode.verifies() {
            let root = self.root_cert();
            if !root.is_file() {
                return Err(open_error(
                    self,
                    format!(
                        "sslmode={} checks the server's certificate against a root certificate, \
                         and there is none at {} (name it with sslrootcert=PATH in the location \
                         or PGSSLROOTCERT)",
                        mode.as_str(),
                        root.display()
                    ),
                ));
            }
            builder.set_ca_file(&root).map_err(|e| {
                open_error(
                    self,
                    format!(
                        "the root certificate {} cannot be read ({e})",
                        root.display()
                    ),
                )
            })?;
            builder.set_verify(SslVerifyMode::PEER);
        } else {
            builder.set_verify(SslVerifyMode::NONE);
        }
        let mut connector = postgres_openssl::MakeTlsConnector::new(builder.build());
        if mode != SslMode::VerifyFull {
            connector.set_callback(|config, _| {
                config.set_verify_hostname(false);
                Ok(())
            });
        }
        Ok(connector)
    }
}

/// The password in a `.pgpass` text for this server, database and user
/// (`host:port:database:user:password`, `*` for any, `\:` and `\\`
/// escaped); the first matching line wins.
pub fn pgpass_lookup(text: &str, host: &str, port: u16, db: &str, user: &str) -> Option<String> {
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(d) = chars.next() {
                        field.push(d);
                    }
                }
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() != 5 {
            continue;
        }
        let port = port.to_string();
        let want = [host, port.as_str(), db, user];
        let host_ok = |f: &str, h: &str| {
            f == "*" || f == h || (f == "localhost" && (h == "127.0.0.1" || h.starts_with('/')))
        };
        if host_ok(&fields[0], want[0])
            && (fields[1] == "*" || fields[1] == want[1])
            && (fields[2] == "*" || fields[2] == want[2])
            && (fields[3] == "*" || fields[3] == want[3])
        {
            return Some(fields[4].clone());
        }
    }
    None
}

/// Asks for the password on the terminal without echoing it; `None` when
/// there is no terminal.
pub fn prompt_password(location: &ServerLocation) -> Option<String> {
    #[cfg(unix)]
    {
        use std::io::{BufRead, IsTerminal, Write};
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return None;
        }
        eprint!(
            "Password for {} on {}:{}: ",
            location.user, location.host, location.port
        );
        let _ = std::io::stderr().flush();
        // SAFETY: termios on the terminal standard input, restored below.
        let mut old: libc::termios = unsafe { std::mem::zeroed() };
        let have = unsafe { libc::tcgetattr(0, &mut old) } == 0;
        if have {
            let mut quiet = old;
            quiet.c_lflag &= !libc::ECHO;
            unsafe { libc::tcsetattr(0, libc::TCSANOW, &quiet) };
        }
        let mut line = String::new();
        let read = stdin.lock().read_line(&mut line);
        if have {
            unsafe { libc::tcsetattr(0, libc::TCSANOW, &old) };
        }
        eprintln!();
        read.ok()?;
        Some(line.trim_end_matches(['\r', '\n']).to_string())
    }
    #[cfg(not(unix))]
    {
        let _ = location;
        None
    }
}

/// Where a password for a connection comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Password<'a> {
    /// `PGPASSWORD`, `.pgpass`, else a prompt on the terminal (the CLI).
    Find,
    /// Given (the workbench's password field); `PGPASSWORD` and `.pgpass`
    /// when empty.
    Given(&'a str),
}

fn open_error(loc: &ServerLocation, reason: String) -> StoreError {
    StoreError::ServerOpen {
        location: loc.display(),
        reason,
    }
}

/// Why connecting failed, in words.
fn connect_failure(loc: &ServerLocation, e: &postgres::Error) -> StoreError {
    if let Some(db) = e.as_db_error() {
        let reason = match db.code().code() {
            "28P01" | "28000" => format!(
                "the server refused the login of '{}' (wrong password, or the user may not \
                 connect to this database)",
                loc.user
            ),
            "3D000" => format!(
                "there is no database '{}' on the server; create it first (createdb {})",
                loc.database, loc.database
            ),
            _ => format!("the server refused the connection ({})", db.message()),
        };
        return open_error(loc, reason);
    }
    let text = e.to_string();
    if text.contains("password missing") {
        return open_error(
            loc,
            format!(
                "the server asks for a password for '{}'; set PGPASSWORD or add a line to ~/.pgpass \
                 (or run this in a terminal to be asked)",
                loc.user
            ),
        );
    }
    let cause = std::error::Error::source(e).map_or(text.clone(), |s| s.to_string());
    if cause.contains("server does not support TLS") {
        return open_error(
            loc,
            format!(
                "the server at {}:{} does not offer TLS, and the location asks for it \
                 (sslmode={}); turn ssl on in the server's configuration, or use sslmode=prefer \
                 or disable on a network you trust",
                loc.host,
                loc.port,
                loc.mode().as_str()
            ),
        );
    }
    if text.contains("TLS") || text.contains("tls") || text.contains("ssl") {
        return open_error(
            loc,
            format!(
                "the TLS connection to the server at {}:{} failed (sslmode={}: {cause})",
                loc.host,
                loc.port,
                loc.mode().as_str()
            ),
        );
    }
    open_error(
        loc,
        format!(
            "cannot reach the server at {}:{} ({}); check the host and port and that the server runs",
            loc.host,
            loc.port,
            std::error::Error::source(e).map_or(text.clone(), |s| s.to_string())
        ),
    )
}

/// How long a connection's start-up may take in all: the socket, TLS,
/// the login and the server's first answers. (`connect_timeout` bounds
/// only the socket; a port that accepts and never speaks PostgreSQL, an
/// ssh tunnel to nothing, say, hung forever.)
const START_UP: std::time::Duration = std::time::Duration::from_secs(10);

/// Connects with `config`, giving up after [`START_UP`]: the connection is
/// made on a thread of its own, left to end by itself when it never does.
/// `Err` is a server that does not answer; `Ok(Err)` one that refused.
fn start_up(
    loc: &ServerLocation,
    config: postgres::Config,
    tls: postgres_openssl::MakeTlsConnector,
) -> Result<std::result::Result<postgres::Client, postgres::Error>> {
    // A server that did not answer is not waited for again by this
    // process for a while (a command may connect twice: the coder's name,
    // then the project); a workbench tries again later.
    type Silent = Vec<(String, std::time::Instant)>;
    static SILENT: std::sync::Mutex<Silent> = std::sync::Mutex::new(Vec::new());
    let silent = || {
        open_error(
            loc,
            format!(
                "the server at {}:{} does not answer as PostgreSQL (nothing came back within {} s \
                 of connecting); check the host and port",
                loc.host,
                loc.port,
                START_UP.as_secs()
            ),
        )
    };
    let place = format!("{}:{}", loc.host, loc.port);
    let recent =
        |(at, when): &(String, std::time::Instant)| *at == place && when.elapsed() < 3 * START_UP;
    if SILENT.lock().is_ok_and(|s| s.iter().any(recent)) {
        return Err(silent());
    }
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("jalin-pg-connect".into())
        .spawn(move || {
            let _ = tx.send(config.connect(tls));
        })
        .map_err(|e| open_error(loc, format!("cannot start connecting ({e})")))?;
    rx.recv_timeout(START_UP).map_err(|_| {
        if let Ok(mut s) = SILENT.lock() {
            s.retain(|(at, _)| *at != place);
            s.push((place, std::time::Instant::now()));
        }
        silent()
    })
}

/// Connects to the location's database (not yet to a project).
pub fn connect(loc: &ServerLocation, password: Password<'_>) -> Result<postgres::Client> {
    // A password typed at the prompt stays in this process's memory (never
    // written anywhere), so one command does not ask twice.
    static TYPED: std::sync::Mutex<Option<(String, String)>> = std::sync::Mutex::new(None);
    let typed_before = || {
        TYPED
            .lock()
            .ok()?
            .as_ref()
            .filter(|(at, _)| *at == loc.display())
            .map(|(_, p)| p.clone())
    };
    let stored = match password {
        Password::Given(p) if !p.is_empty() => Some(p.to_string()),
        _ => loc.stored_password().or_else(typed_before),
    };
    let tls = loc.tls()?;
    match start_up(loc, loc.config(stored.as_deref()), tls.clone())? {
        Ok(c) => Ok(c),
        Err(e)
            if stored.is_none()
                && password == Password::Find
                && e.to_string().contains("password missing") =>
        {
            let Some(typed) = prompt_password(loc) else {
                return Err(connect_failure(loc, &e));
            };
            let client = start_up(loc, loc.config(Some(&typed)), tls)?
                .map_err(|e| connect_failure(loc, &e))?;
            if let Ok(mut t) = TYPED.lock() {
                *t = Some((loc.display(), typed));
            }
            Ok(client)
        }
        Err(e) => Err(connect_failure(loc, &e)),
    }
}

/// What the database holds under the project's name: nothing, a schema
/// that is not a Jalin project (its `meta` does not say so), or a project.
fn project_kind(client: &mut postgres::Client, schema: &str) -> Result<ServerProject> {
    pg_schema::project_version(client, schema).map_err(|e| StoreError::from(super::db::from_pg(e)))
}

/// Refuses a schema that is there but is not a Jalin project.
fn not_jalin(loc: &ServerLocation) -> StoreError {
    open_error(
        loc,
        format!(
            "the schema '{}' in database '{}' is not a Jalin project (it has no meta table naming \
             Jalin); name another project",
            loc.project.escape_debug(),
            loc.database
        ),
    )
}

fn into_project(
    loc: &ServerLocation,
    mut client: postgres::Client,
    password: Password<'_>,
) -> Result<Project> {
    let schema = loc.project.clone();
    let search_path = format!("SET search_path TO {}, pg_catalog", quote_ident(&schema));
    client
        .batch_execute(&search_path)
        .map_err(|e| StoreError::from(super::db::from_pg(e)))?;
    let display = loc.display();
    let conn = PgConn::new(client);
    conn.listen(&pg_schema::listen_sql(&schema))?;
    // The same server, login and password when the server drops the
    // connection (restarted): a password given in the workbench stays in
    // this process's memory for that, and is never written anywhere.
    let again = loc.clone();
    let given = match password {
        Password::Given(p) => p.to_string(),
        Password::Find => String::new(),
    };
    conn.set_reopen(Box::new(move || {
        let mut client = connect(&again, Password::Given(&given)).map_err(|e| e.to_string())?;
        client
            .batch_execute(&search_path)
            .map_err(|e| e.to_string())?;
        Ok(client)
    }));
    Ok(Project {
        conn: Connection::Pg(Box::new(conn)),
        server: Some(display.clone()),
        path: PathBuf::from(display),
        flusher: None,
        key: None,
    })
}

fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Opens the team project at `loc`.
pub fn open(loc: &ServerLocation, password: Password<'_>) -> Result<Project> {
    let mut client = connect(loc, password)?;
    let kind = project_kind(&mut client, &loc.project)?;
    if kind == ServerProject::NotJalin {
        return Err(not_jalin(loc));
    }
    if kind == ServerProject::Missing {
        return Err(open_error(
            loc,
            format!(
                "there is no team project '{}' in database '{}' (create it with jalin new)",
                loc.project, loc.database
            ),
        ));
    }
    let project = into_project(loc, client, password)?;
    let version = schema_version(&project.conn)?;
    if version > LATEST_VERSION {
        return Err(open_error(
            loc,
            format!(
                "this team project was made by a newer Jalin (schema {version}, this Jalin reads up to {LATEST_VERSION}); update Jalin"
            ),
        ));
    }
    if version < LATEST_VERSION {
        return Err(open_error(
            loc,
            format!(
                "this team project has schema {version}, and this Jalin needs {LATEST_VERSION}; \
                 upgrade it with the Jalin the team uses"
            ),
        ));
    }
    add_tallies(&project, &loc.project);
    Ok(project)
}

/// Gives a project made before the server kept coding counts its tallies
/// (`pg_schema::add_tallies_sql`) when its owner opens it. Anyone else
/// (and the owner, should it fail: another owner's open adding them at the
/// same moment) opens it as it is, its tables counted from the codings.
fn add_tallies(project: &Project, schema: &str) {
    let Some(pg) = project.conn.pg() else {
        return;
    };
    let mut owner_without = false;
    let asked = pg.int_rows(
        "SELECT CASE WHEN to_regclass('coding_turn_tally') IS NULL \
             AND pg_has_role((SELECT relowner FROM pg_class WHERE oid = to_regclass('codings')), 'USAGE') \
             THEN 1 ELSE 0 END",
        |r| owner_without = r[0] == 1,
    );
    if asked.is_ok() && owner_without {
        let _ = pg.batch(&pg_schema::add_tallies_sql(schema));
    }
    // The guard on removing codings with others' memos, likewise.
    let mut owner_without = false;
    let asked = pg.int_rows(
        "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass('codings') \
             AND tgname = 'coding_remove_guard') \
             AND pg_has_role((SELECT relowner FROM pg_class WHERE oid = to_regclass('codings')), 'USAGE') \
             THEN 1 ELSE 0 END",
        |r| owner_without = r[0] == 1,
    );
    if asked.is_ok() && owner_without {
        // One batch: one implicit transaction.
        let _ = pg.batch(&pg_schema::guard_sql(schema));
    }
}

/// Creates the team project at `loc` (its schema, roles and rules);
/// refuses one that exists.
pub fn create(loc: &ServerLocation, password: Password<'_>) -> Result<Project> {
    build(loc, password, |_| Ok(())).map(|((), p)| p)
}

/// Creates the team project at `loc` and fills it with `fill`, as one
/// transaction: the schema, its roles and rules and every row `fill`
/// writes are there together or not at all (DDL is transactional in
/// PostgreSQL). Refuses a project that exists.
pub fn create_whole<T>(
    loc: &ServerLocation,
    password: Password<'_>,
    fill: impl FnOnce(&mut Project) -> Result<T>,
) -> Result<T> {
    build(loc, password, fill).map(|(v, _)| v)
}

fn build<T>(
    loc: &ServerLocation,
    password: Password<'_>,
    fill: impl FnOnce(&mut Project) -> Result<T>,
) -> Result<(T, Project)> {
    pg_schema::check_project_name(&loc.project).map_err(|reason| open_error(loc, reason))?;
    let mut client = connect(loc, password)?;
    let kind = project_kind(&mut client, &loc.project)?;
    if kind == ServerProject::NotJalin {
        return Err(open_error(
            loc,
            format!(
                "a schema '{}' that is not a Jalin project already exists in database '{}'; \
                 choose another name",
                loc.project.escape_debug(),
                loc.database
            ),
        ));
    }
    if kind != ServerProject::Missing {
        return Err(open_error(
            loc,
            format!(
                "a team project '{}' already exists in database '{}'; choose another name",
                loc.project, loc.database
            ),
        ));
    }
    let pg = |e| StoreError::from(super::db::from_pg(e));
    client.batch_execute("BEGIN").map_err(pg)?;
    let made = client
        .batch_execute(&pg_schema::create_project_sql(&loc.project))
        .and_then(|()| {
            client.execute(
                &format!(
                    "INSERT INTO {}.meta (key, value) VALUES ('guid', $1), \
                     ('created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) \
                     ON CONFLICT (key) DO NOTHING",
                    quote_ident(&loc.project)
                ),
                &[&crate::model::Guid::new().as_str()],
            )
        });
    if let Err(e) = made {
        let _ = client.batch_execute("ROLLBACK");
        return Err(pg(e));
    }
    let mut project = into_project(loc, client, password)?;
    let conn = project.conn.pg().expect("a server connection");
    conn.depth.set(1);
    match fill(&mut project) {
        Ok(value) => {
            let conn = project.conn.pg().expect("a server connection");
            conn.control("COMMIT")?;
            Ok((value, project))
        }
        Err(e) => {
            let conn = project.conn.pg().expect("a server connection");
            let _ = conn.control("ROLLBACK");
            Err(e)
        }
    }
}

/// Removes the team project at `loc` with all its rows and its three group
/// roles (each project has its own; a login made by `jalin team add` stays,
/// as it may belong to other projects). Nothing when there is no such
/// project. For benches and tests; Jalin's commands never drop a project.
pub fn drop_project(loc: &ServerLocation, password: Password<'_>) -> Result<()> {
    let mut client = connect(loc, password)?;
    let pg = |e| StoreError::from(super::db::from_pg(e));
    let mut sql = format!(
        "DROP SCHEMA IF EXISTS {} CASCADE;
",
        quote_ident(&loc.project)
    );
    for role in pg_schema::group_roles(&loc.project) {
        // Members' grants of the role go with it; a role owning anything
        // elsewhere stays (DROP OWNED would reach into other databases).
        sql.push_str(&format!(
            "DROP ROLE IF EXISTS {};
",
            quote_ident(&role)
        ));
    }
    client.batch_execute(&sql).map_err(pg)
}

/// The schema version of a team project (its `meta` row `schema_version`).
pub(super) fn schema_version(conn: &Connection) -> Result<i64> {
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(LATEST_VERSION))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_and_shown_without_password() {
        let l = ServerLocation::parse(
            "postgresql://ana@db.example:6543/study?project=wave2&sslmode=disable",
        )
        .unwrap();
        assert_eq!(l.user, "ana");
        assert_eq!(l.host, "db.example");
        assert_eq!(l.port, 6543);
        assert_eq!(l.database, "study");
        assert_eq!(l.project, "wave2");
        assert_eq!(l.sslmode, Some(SslMode::Disable));
        assert_eq!(
            l.display(),
            "postgres://ana@db.example:6543/study?project=wave2&sslmode=disable"
        );
        let e = ServerLocation::parse("postgres://ana:secret@h/db?project=p").unwrap_err();
        assert!(e.contains("password") && !e.contains("secret"), "{e}");
        assert!(
            ServerLocation::parse("postgres://ana@h/db")
                .unwrap_err()
                .contains("project=NAME")
        );
        assert!(ServerLocation::parse("postgres://a@h:99999/db?project=p").is_err());
        assert!(ServerLocation::parse("postgres://a@h/db?project=p&colour=red").is_err());
    }

    /// PG-9: a change committed through another connection moves
    /// `data_version` within a second; this connection's own do not.
    #[test]
    fn another_connections_change_moves_the_data_version() {
        let Ok(url) = std::env::var("JALIN_TEST_PG_URL") else {
            assert_ne!(std::env::var("JALIN_REQUIRE_PG").as_deref(), Ok("1"));
            eprintln!("skipped: JALIN_TEST_PG_URL is not set");
            return;
        };
        let location = format!("{url}?project=t_notify_{}", std::process::id());
        struct Gone(String);
        impl Drop for Gone {
            fn drop(&mut self) {
                let loc = ServerLocation::parse(&self.0).unwrap();
                let _ = drop_project(&loc, Password::Given(""));
            }
        }
        let _gone = Gone(location.clone());
        let mut mine = Project::create_location(&location).unwrap();
        let mut other = Project::open_location(&location).unwrap();
        let before = mine.data_version().unwrap();
        mine.add_coder("Own", None).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert_eq!(mine.data_version().unwrap(), before, "own change counted");
        other.add_coder("Other", None).unwrap();
        let started = std::time::Instant::now();
        while mine.data_version().unwrap() == before {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(1),
                "no notification within a second"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    #[test]
    fn pgpass_lines_match_as_libpq_matches_them() {
        let text =
            "# comment\nother:5432:*:ana:no\ndb.example:6543:study:ana:pa\\:ss\n*:*:*:*:any\n";
        assert_eq!(
            pgpass_lookup(text, "db.example", 6543, "study", "ana").as_deref(),
            Some("pa:ss")
        );
        assert_eq!(
            pgpass_lookup(text, "x", 1, "y", "z").as_deref(),
            Some("any")
        );
        assert_eq!(pgpass_lookup("h:1:d:u:p\n", "h", 2, "d", "u"), None);
    }
}
