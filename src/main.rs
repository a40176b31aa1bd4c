//! The `jalin` binary: no arguments opens the workbench window on the last
//! project (the demo study on first run); `jalin open FILE.jalin` opens that
//! project; any other subcommand runs the headless command line.

use std::time::Instant;

use jalin::cli::{Cli, Command};

/// Set to print the time to the first frame and quit (measurements).
#[cfg(feature = "gui")]
const FIRST_FRAME_EXIT_ENV: &str = "JALIN_FIRST_FRAME_EXIT";

fn main() {
    let started = Instant::now();
    let cli = match Cli::parse_args(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    jalin::i18n::init(cli.lang, None);
    let open = match &cli.command {
        None => None,
        Some(Command::Open { project }) => Some(project.clone()),
        Some(_) => {
            let stdout = std::io::stdout();
            let stderr = std::io::stderr();
            std::process::exit(jalin::cli::run(cli, &mut stdout.lock(), &mut stderr.lock()));
        }
    };
    run_workbench(cli, open, started);
}

#[cfg(feature = "gui")]
fn run_workbench(cli: Cli, open: Option<std::path::PathBuf>, started: Instant) {
    let dirs = jalin::app::Dirs::from_env();
    // The workbench also remembers a language (View ▸ Language): after
    // --lang and JALIN_LANG, before the system locale.
    let remembered = jalin::app::Settings::load(&dirs).language();
    jalin::i18n::init(cli.lang, remembered);
    let startup = jalin::ui::Startup {
        dirs,
        open,
        coder: cli
            .coder
            .clone()
            .unwrap_or_else(jalin::model::default_coder),
        first_frame_exit: std::env::var_os(FIRST_FRAME_EXIT_ENV).map(|_| started),
    };
    if let Err(e) = jalin::ui::run_gui(startup) {
        eprintln!("{}", jalin::t!("cli-error", message = format!("{e:#}")));
        std::process::exit(1);
    }
}

/// Built without the workbench (`--no-default-features`): say so instead of
/// opening a window.
#[cfg(not(feature = "gui"))]
fn run_workbench(_cli: Cli, _open: Option<std::path::PathBuf>, _started: Instant) {
    jalin::i18n::init(_cli.lang, None);
    eprintln!(
        "{}",
        jalin::t!("cli-error", message = jalin::t!("cli-no-workbench"))
    );
    std::process::exit(2);
}
