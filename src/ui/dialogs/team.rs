//! File ▸ Open team project…: where a team project is on a PostgreSQL
//! server, and the password for this one connection (never kept: it
//! leaves with the dialog; empty uses `PGPASSWORD` or `~/.pgpass`).

use egui::Ui;

use super::{Dialog, Outcome, ok_cancel};
use crate::app::AppState;
use crate::store::ServerLocation;
use crate::ui::{Action, strings};

/// The location the fields make, or why they make none.
pub(crate) fn location(
    host: &str,
    port: &str,
    database: &str,
    project: &str,
    user: &str,
) -> Result<ServerLocation, String> {
    let port: u16 = port
        .trim()
        .parse()
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| strings::team_bad_port(port.trim()))?;
    let field = |s: &str, what: &str| {
        let s = s.trim();
        if s.is_empty() {
            Err(strings::team_field_empty(what))
        } else {
            Ok(s.to_string())
        }
    };
    Ok(ServerLocation {
        host: field(host, strings::team_server())?,
        port,
        database: field(database, strings::team_database())?,
        project: field(project, strings::team_project())?,
        user: field(user, strings::team_user())?,
        sslmode: None,
        sslrootcert: None,
    })
}

pub(super) fn body_ui(d: &mut Dialog, ui: &mut Ui, _state: &AppState) -> Outcome {
    let Dialog::OpenTeam {
        host,
        port,
        database,
        project,
        user,
        password,
    } = d
    else {
        return Outcome::Close;
    };
    ui.heading(strings::open_team_title());
    ui.label(strings::open_team_hint());
    let mut enter = false;
    egui::Grid::new("team-fields")
        .num_columns(2)
        .show(ui, |ui| {
            for (label, value) in [
                (strings::team_server(), &mut *host),
                (strings::team_port(), &mut *port),
                (strings::team_database(), &mut *database),
                (strings::team_project(), &mut *project),
                (strings::team_user(), &mut *user),
            ] {
                let l = ui.label(label);
                let r = ui
                    .add(egui::TextEdit::singleline(value).desired_width(240.0))
                    .labelled_by(l.id);
                enter |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.end_row();
            }
            let l = ui.label(strings::team_password());
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut password.0)
                        .password(true)
                        .hint_text(strings::team_password_hint())
                        .desired_width(240.0),
                )
                .labelled_by(l.id);
            enter |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.end_row();
        });
    let made = location(host, port, database, project, user);
    if let Err(why) = &made {
        ui.weak(why);
    }
    let pw = password.clone();
    let out = ok_cancel(ui, made.is_ok(), enter, || {
        vec![Action::OpenTeam(made.expect("checked").display(), pw)]
    });
    if !matches!(out, Outcome::Open) {
        // The password leaves with the dialog.
        *password = crate::ui::Secret::default();
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fields_make_a_location_without_password() {
        let l = super::location(" db.example ", "6543", "study", "wave2", "ana").unwrap();
        assert_eq!(
            l.display(),
            "postgres://ana@db.example:6543/study?project=wave2"
        );
        assert!(
            super::location("h", "x", "d", "p", "u")
                .unwrap_err()
                .contains("is not a port number")
        );
        assert!(
            super::location("h", "1", "d", " ", "u")
                .unwrap_err()
                .contains("Project is empty")
        );
    }

    /// The team dialog's password and the passphrase dialog's fields are
    /// one type: never shown by `Debug`, in an action or a dialog.
    #[test]
    fn passwords_and_passphrases_are_one_secret_type_debug_does_not_show() {
        use crate::ui::{Action, Secret, dialogs::Dialog};
        let action = Action::OpenTeam("postgres://h/d?project=p".into(), Secret("hunter2".into()));
        assert!(!format!("{action:?}").contains("hunter2"));
        let mut dialog = Dialog::passphrase(crate::ui::dialogs::PassphraseAsk::Encrypt);
        if let Dialog::Passphrase { text, .. } = &mut dialog {
            // The same type as the team dialog's password field.
            let same: &mut Secret = text;
            same.0.push_str("correct horse");
        }
        assert!(!format!("{dialog:?}").contains("correct horse"));
    }
}
