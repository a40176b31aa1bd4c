//! `jalin team`: the members of a team project on a server (logins and the
//! project's group roles; see `store::pg_schema`).

use std::io::Write;

use anyhow::{Result, bail};

use super::TeamAction;
use crate::store::pg_schema;
use crate::store::{Password, ServerLocation, StoreError, connect_server, is_server_location};

pub(super) fn team_cmd(project: &str, action: TeamAction, out: &mut dyn Write) -> Result<()> {
    if !is_server_location(project) {
        bail!(crate::t!("cli-team-not-server", project = project));
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
            let said = match &m.coder {
                Some((_, name)) => crate::t!(
                    "cli-team-member-coding",
                    login = &login,
                    role = role.label(),
                    project = &loc.project,
                    coder = name
                ),
                None => crate::t!(
                    "cli-team-member",
                    login = &login,
                    role = role.label(),
                    project = &loc.project
                ),
            };
            writeln!(out, "{said}")?;
            if m.created_login {
                writeln!(out, "{}", crate::t!("cli-team-no-password", login = &login))?;
            }
        }
        TeamAction::Remove { login } => {
            pg_schema::remove_member(&mut client, &loc.project, &login)
                .map_err(|e| failed(&pg_schema::server_message(&e)))?;
            writeln!(
                out,
                "{}",
                crate::t!("cli-team-removed", login = &login, project = &loc.project)
            )?;
        }
    }
    Ok(())
}
