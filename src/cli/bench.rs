//! `jalin bench workload-a|workload-b|gui`: run a workload and print each
//! step, or drive the workbench headless and print its times per action.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};

use super::BenchCommand;
use crate::bench::{self, WorkloadA, WorkloadB};

/// A scratch folder for a run, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("jalin-bench-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `jalin bench gui`'s options.
#[cfg(feature = "gui")]
#[derive(Debug, clap::Args)]
pub struct GuiArgs {
    /// The project file to create (kept afterwards); default: a temporary one.
    project: Option<PathBuf>,
    /// Codings in the project.
    #[arg(long, default_value_t = 100_000)]
    codings: usize,
    #[arg(long, default_value_t = 2_000)]
    sources: usize,
    /// Size of each generated source in KiB.
    #[arg(long, default_value_t = 4)]
    doc_kb: usize,
    #[arg(long, default_value_t = 40)]
    codes: usize,
    /// Times each action is measured.
    #[arg(long, default_value_t = 40)]
    rounds: usize,
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

pub(super) fn bench_cmd(b: BenchCommand, out: &mut dyn Write) -> Result<()> {
    let scratch = Scratch::new()?;
    let project_at = |given: Option<PathBuf>| -> Result<PathBuf> {
        match given {
            Some(p) if p.exists() => {
                bail!(crate::t!(
                    "cli-bench-exists",
                    path = p.display().to_string()
                ))
            }
            Some(p) => Ok(p),
            None => Ok(scratch.0.join("bench.jalin")),
        }
    };
    let mut lines: Vec<String> = Vec::new();
    let mut print = |s: &bench::Step| lines.push(s.to_string());
    match b {
        #[cfg(feature = "gui")]
        BenchCommand::Gui(a) => {
            let g = bench::gui::GuiBench {
                codings: a.codings,
                sources: a.sources,
                doc_kb: a.doc_kb,
                codes: a.codes,
                rounds: a.rounds.max(1),
                seed: a.seed,
            };
            let project = project_at(a.project)?;
            writeln!(
                out,
                "# {}",
                crate::t!(
                    "cli-bench-gui-header",
                    codings = g.codings.to_string(),
                    sources = g.sources.to_string(),
                    kb = g.doc_kb.to_string(),
                    codes = g.codes.to_string(),
                    rounds = g.rounds.to_string(),
                    seed = g.seed.to_string()
                )
            )?;
            let mut setup = Vec::new();
            let times = bench::gui::gui_bench(&project, &scratch.0, &g, &mut |s| {
                setup.push(s.to_string())
            })?;
            for s in &setup {
                writeln!(out, "# {s}")?;
            }
            for t in &times {
                writeln!(
                    out,
                    "# {}",
                    crate::t!(
                        "cli-bench-gui-action",
                        action = t.action.to_string(),
                        samples = t.ms.len().to_string(),
                        max = format!("{:.2}", t.percentile(1.0)),
                        p50 = format!("{:.2}", t.cpu_percentile(0.5)),
                        p95 = format!("{:.2}", t.cpu_percentile(0.95))
                    )
                )?;
            }
            writeln!(out, "# ACTION p50_ms p95_ms")?;
            for t in &times {
                writeln!(
                    out,
                    "{} {:.2} {:.2}",
                    t.action,
                    t.percentile(0.5),
                    t.percentile(0.95)
                )?;
            }
        }
        BenchCommand::Server {
            url,
            coders,
            codings,
        } => server_bench(&url, coders, codings, &scratch.0, out)?,
        BenchCommand::ServerWorker {
            location,
            as_coder,
            codings,
        } => bench::server::worker(&location, &as_coder, codings, out)?,
        BenchCommand::WorkloadA {
            project,
            docs,
            doc_kb,
            codes,
            codings,
            dir,
            seed,
            durability,
            encrypt,
        } => {
            let w = WorkloadA {
                durability,
                encrypt,
                docs,
                doc_kb,
                codes,
                codings,
                seed,
                dir,
            };
            let project = project_at(project)?;
            writeln!(
                out,
                "{}",
                crate::t!("cli-bench-a-header", desc = describe_a(&w))
            )?;
            let mut report = |s: &bench::Step| {
                let _ = writeln!(out, "  {s}");
                print(s);
            };
            let steps = bench::workload_a(&project, &scratch.0.join("corpus"), &w, &mut report)?;
            writeln!(
                out,
                "  {:<48} {:>9.1} ms",
                crate::t!("cli-bench-total"),
                bench::ms(bench::total(&steps))
            )?;
            if let Some(r) = bench::codings_ratio(&steps) {
                writeln!(out, "  {:<48} {:>9.2} ×", crate::t!("cli-bench-ratio"), r)?;
            }
            if let Some(r) = bench::codings_cpu_ratio(&steps) {
                writeln!(
                    out,
                    "  {:<48} {:>9.2} ×",
                    crate::t!("cli-bench-ratio-cpu"),
                    r
                )?;
            }
        }
        BenchCommand::WorkloadB {
            project,
            sources,
            doc_kb,
            codes,
            mut codings,
            seed,
            url,
            encrypt,
        } => {
            codings.sort_unstable();
            let w = WorkloadB {
                sources,
                doc_kb,
                codes,
                sizes: codings,
                seed,
                encrypt,
            };
            let project = project_at(project)?;
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-bench-b-header",
                    sources = w.sources.to_string(),
                    kb = w.doc_kb.to_string(),
                    codes = w.codes.to_string(),
                    seed = w.seed.to_string(),
                    encrypted = encrypted(w.encrypt)
                )
            )?;
            let mut setup = Vec::new();
            let mut sizes = Vec::new();
            bench::workload_b(&project, &w, &mut |s| setup.push(s.to_string()), &mut |t| {
                sizes.push(t.clone())
            })?;
            for s in &setup {
                writeln!(out, "  {s}")?;
            }
            writeln!(
                out,
                "  {:>9}  {:>10}  {:>12}  {:>14}  {:>14}  {:>13}  {:>12}",
                crate::t!("cli-bench-col-codings"),
                crate::t!("cli-bench-col-open-read"),
                crate::t!("cli-bench-col-frequencies"),
                crate::t!("cli-bench-col-triangulation"),
                crate::t!("cli-bench-col-tables-total"),
                crate::t!("cli-bench-col-peak-rss"),
                crate::t!("cli-bench-col-thread-cpu")
            )?;
            for t in &sizes {
                writeln!(
                    out,
                    "  {:>9}  {:>7.1} ms  {:>9.1} ms  {:>11.1} ms  {:>11.1} ms  {:>9.1} MiB  {:>9.1} ms",
                    t.codings,
                    bench::ms(t.load),
                    bench::ms(t.frequencies),
                    bench::ms(t.triangulation),
                    bench::ms(t.total()),
                    t.peak_rss_kib.unwrap_or(0) as f64 / 1024.0,
                    t.cpu.map_or(f64::NAN, bench::ms)
                )?;
            }
            if let Some(url) = url {
                if encrypt {
                    bail!(crate::t!("cli-bench-url-no-encrypt"));
                }
                reports_on_server(&url, &project, out)?;
            }
        }
        BenchCommand::Agreement {
            project,
            sources,
            doc_kb,
            codes,
            codings,
            seed,
        } => {
            let w = bench::AgreementBench {
                sources,
                doc_kb,
                codes,
                codings,
                seed,
            };
            let project = project_at(project)?;
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-bench-agreement-header",
                    codings = w.codings.to_string(),
                    sources = w.sources.to_string(),
                    kb = w.doc_kb.to_string(),
                    codes = w.codes.to_string(),
                    seed = w.seed.to_string(),
                    build = if cfg!(debug_assertions) {
                        "debug"
                    } else {
                        "release"
                    }
                )
            )?;
            let mut setup = Vec::new();
            let t = bench::agreement_bench(&project, &w, &mut |s| setup.push(s.to_string()))?;
            for s in &setup {
                writeln!(out, "  {s}")?;
            }
            writeln!(
                out,
                "  {:<48} {:>12}  {:>12}",
                "",
                crate::t!("cli-bench-col-wall"),
                crate::t!("cli-bench-col-thread-cpu")
            )?;
            for (name, d) in [
                (crate::t!("cli-bench-agreement-load"), t.load),
                (crate::t!("cli-bench-agreement-characters"), t.characters),
                (crate::t!("cli-bench-agreement-csv"), t.csv),
                (crate::t!("cli-bench-agreement-total"), t.total()),
                (crate::t!("cli-bench-agreement-sentences"), t.sentences),
            ] {
                writeln!(
                    out,
                    "  {name:<48} {:>9.1} ms  {:>9.1} ms",
                    bench::ms(d.wall),
                    d.cpu.map_or(f64::NAN, bench::ms)
                )?;
            }
            writeln!(
                out,
                "  {}",
                crate::t!(
                    "cli-bench-agreement-summary",
                    codings = t.codings.to_string(),
                    rows = t.rows.to_string(),
                    rss = format!("{:.1}", t.peak_rss_kib.unwrap_or(0) as f64 / 1024.0)
                )
            )?;
        }
    }
    Ok(())
}

fn describe_a(w: &WorkloadA) -> String {
    match &w.dir {
        Some(d) => crate::t!(
            "cli-bench-a-dir",
            dir = d.display().to_string(),
            codes = w.codes.to_string(),
            codings = w.codings.to_string(),
            seed = w.seed.to_string()
        ),
        None => crate::t!(
            "cli-bench-a-generated",
            docs = w.docs.to_string(),
            kb = w.doc_kb.to_string(),
            codes = w.codes.to_string(),
            codings = w.codings.to_string(),
            seed = w.seed.to_string(),
            durability = format!("{:?}", w.durability),
            encrypted = encrypted(w.encrypt)
        ),
    }
}

/// ", encrypted" after a workload's description when it is encrypted.
fn encrypted(yes: bool) -> String {
    if yes {
        crate::t!("cli-bench-encrypted")
    } else {
        String::new()
    }
}

/// Removes a bench's team project when dropped (unless it is to be kept).
struct TempServerProject(Option<crate::store::ServerLocation>);

impl Drop for TempServerProject {
    fn drop(&mut self) {
        if let Some(loc) = &self.0 {
            let _ = crate::store::drop_server_project(loc, crate::store::Password::Find);
        }
    }
}

/// `jalin bench server`: the same load on a team server and on a file.
fn server_bench(
    url: &str,
    coders: usize,
    codings: usize,
    scratch: &std::path::Path,
    out: &mut dyn Write,
) -> Result<()> {
    use crate::bench::server::{self, Load};
    use crate::store::{Project, ServerLocation};
    if !crate::store::is_server_location(url) {
        bail!(crate::t!("cli-bench-url-server"));
    }
    if coders == 0 || codings == 0 {
        bail!(crate::t!("cli-bench-need-one"));
    }
    let load = Load { coders, codings };
    let keep = url.contains("project=");
    let location = if keep {
        url.to_string()
    } else {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}project=jalin_bench_{}", std::process::id())
    };
    let loc = ServerLocation::parse(&location).map_err(|e| anyhow::anyhow!("{e}: {url}"))?;
    let exe = std::env::current_exe()?;
    writeln!(
        out,
        "# {}",
        crate::t!(
            "cli-bench-server-load",
            coders = coders.to_string(),
            codings = codings.to_string()
        )
    )?;
    writeln!(
        out,
        "# {}",
        crate::t!("cli-bench-server-at", server = loc.display().to_string())
    )?;
    let server = {
        let mut p = Project::create_location(&location)?;
        let _remove = TempServerProject((!keep).then(|| loc.clone()));
        server::prepare(&mut p, &load)?;
        drop(p);
        server::run(&exe, &location, &load)?
    };
    let file = scratch.join("bench.jalin");
    let local = {
        let mut p = Project::create(&file)?;
        server::prepare(&mut p, &load)?;
        drop(p);
        server::run(&exe, &file.to_string_lossy(), &load)?
    };
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let loadavg = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| crate::t!("cli-bench-unknown"));
    writeln!(
        out,
        "# {}",
        crate::t!("cli-bench-machine", cpus = cpus.to_string(), load = loadavg)
    )?;
    write!(
        out,
        "{}",
        server::table(&[
            (&crate::t!("cli-bench-store-server"), &server),
            (&crate::t!("cli-bench-store-file"), &local)
        ])
    )?;
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    writeln!(
        out,
        "# {}",
        crate::t!(
            "cli-bench-server-ratio",
            p50 = format!(
                "{:.2}",
                ratio(server.percentile(0.5), local.percentile(0.5))
            ),
            p95 = format!(
                "{:.2}",
                ratio(server.percentile(0.95), local.percentile(0.95))
            ),
            wall = format!(
                "{:.2}",
                ratio(server.wall.as_secs_f64(), local.wall.as_secs_f64())
            )
        )
    )?;
    if server.present != server.expected
        || server.duplicates != 0
        || local.present != local.expected
        || local.duplicates != 0
    {
        bail!(crate::t!("cli-bench-lost"));
    }
    Ok(())
}

/// `jalin bench workload-b --url`: the largest project copied to a server,
/// and its report tables timed there and on the file.
fn reports_on_server(url: &str, file: &std::path::Path, out: &mut dyn Write) -> Result<()> {
    use crate::bench::server::report_times;
    use crate::store::ServerLocation;
    if !crate::store::is_server_location(url) || url.contains("project=") {
        bail!(crate::t!("cli-bench-url-no-project"));
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    let location = format!("{url}{sep}project=jalin_bench_b_{}", std::process::id());
    let loc = ServerLocation::parse(&location).map_err(|e| anyhow::anyhow!("{e}: {url}"))?;
    let _remove = TempServerProject(Some(loc.clone()));
    let t = std::time::Instant::now();
    crate::store::copy_project(&file.to_string_lossy(), &location)?;
    writeln!(
        out,
        "  {}",
        crate::t!(
            "cli-bench-copied",
            server = loc.display().to_string(),
            secs = format!("{:.1}", t.elapsed().as_secs_f64())
        )
    )?;
    let on_file = report_times(&file.to_string_lossy(), 3)?;
    let on_server = report_times(&location, 3)?;
    writeln!(out, "  {}", crate::t!("cli-bench-tables-both"))?;
    writeln!(
        out,
        "  {:<7} {:>9}  {:>10}  {:>12}  {:>14}  {:>14}",
        crate::t!("cli-bench-col-store"),
        crate::t!("cli-bench-col-codings"),
        crate::t!("cli-bench-col-open-read"),
        crate::t!("cli-bench-col-frequencies"),
        crate::t!("cli-bench-col-triangulation"),
        crate::t!("cli-bench-col-tables-total")
    )?;
    for (store, t) in [
        (crate::t!("cli-bench-store-file"), &on_file),
        (crate::t!("cli-bench-store-server"), &on_server),
    ] {
        writeln!(
            out,
            "  {store:<7} {:>9}  {:>7.1} ms  {:>9.1} ms  {:>11.1} ms  {:>11.1} ms",
            t.codings,
            crate::bench::ms(t.load),
            crate::bench::ms(t.frequencies),
            crate::bench::ms(t.triangulation),
            crate::bench::ms(t.total())
        )?;
    }
    writeln!(
        out,
        "  {}",
        crate::t!(
            "cli-bench-server-file",
            total = format!(
                "{:.2}",
                on_server.total().as_secs_f64() / on_file.total().as_secs_f64().max(1e-9)
            ),
            load = format!(
                "{:.2}",
                on_server.load.as_secs_f64() / on_file.load.as_secs_f64().max(1e-9)
            )
        )
    )?;
    if on_server.codings != on_file.codings {
        bail!(crate::t!(
            "cli-bench-server-mismatch",
            server = on_server.codings.to_string(),
            file = on_file.codings.to_string()
        ));
    }
    Ok(())
}
