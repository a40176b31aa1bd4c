//! The `jalin` binary: no arguments opens the workbench window on the last
//! project (the demo study on first run); `jalin open FILE.jalin` opens that
//! project; any other subcommand runs the headless command line.

use std::time::Instant;

use jalin::cli::{Cli, Command};
use jalin::ui::{Startup, run_gui};

/// Set to print the time to the first frame and quit (measurements).
const FIRST_FRAME_EXIT_ENV: &str = "JALIN_FIRST_FRAME_EXIT";

fn main() {
    let started = Instant::now();
    let cli = match Cli::parse_args(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let open = match &cli.command {
        None => None,
        Some(Command::Open { project }) => Some(project.clone()),
        Some(_) => {
            let stdout = std::io::stdout();
            let stderr = std::io::stderr();
            std::process::exit(jalin::cli::run(cli, &mut stdout.lock(), &mut stderr.lock()));
        }
    };
    let startup = Startup {
        dirs: jalin::app::Dirs::from_env(),
        open,
        coder: cli.coder.clone().unwrap_or_else(jalin::cli::default_coder),
        first_frame_exit: std::env::var_os(FIRST_FRAME_EXIT_ENV).map(|_| started),
    };
    if let Err(e) = run_gui(startup) {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}
