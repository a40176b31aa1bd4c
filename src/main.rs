//! The `jalin` binary: a subcommand runs the headless command line.

fn main() {
    std::process::exit(jalin::cli::main());
}
