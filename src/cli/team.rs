//! `jalin team`: the members of a team project on a server (logins and the
//! project's group roles; see `store::pg_schema`).

use std::io::Write;

use anyhow::{Result, bail};

use super::TeamAction;
use crate::store::pg_schema;
use crate::store::{Password, ServerLocation, StoreError, connect_server, is_server_location};

pub(super) fn team_cmd(project: &str, action: TeamAction, out: &mut dyn Write) -> Result<()> {
    if !is_server_location(project) {
        bail!(
            "{project}: members are for team projects on a server \
             (postgres://USER@HOST:PORT/DB?project=NAME); a .jalin file has coders only \
             (jalin coders)"
        );
    }
    let loc = ServerLocation::parse(project).map_err(|reason| StoreError::ServerOpen {
        location: project.to_string(),
        reason,
    })?;
    let mut client = connect_server(&loc, Password::Find)?;
    let failed = |e: &dyn std::fmt::Display| anyhow::anyhow!("{}: {e}", loc.display());
    match action {
        TeamAction::Add { login, role, coder } => {
            let m =
                pg_schema::add_member(&mut client, &loc.project, &login, role, coder.as_deref())
                    .map_err(|e| failed(&e))?;
            let what = role.as_str();
            match &m.coder {
                Some((_, name)) => writeln!(
                    out,
                    "login '{login}' is a {what} of {}, coding as '{name}'",
                    loc.project
                )?,
                None => writeln!(out, "login '{login}' is a {what} of {}", loc.project)?,
            }
            if m.created_login {
                writeln!(
                    out,
                    "the login is new and has no password: set one with psql's \\password {login}"
                )?;
            }
        }
        TeamAction::Remove { login } => {
            pg_schema::remove_member(&mut client, &loc.project, &login).map_err(|e| failed(&e))?;
            writeln!(
                out,
                "login '{login}' is no member of {} any more; their codings stay",
                loc.project
            )?;
        }
    }
    Ok(())
}
