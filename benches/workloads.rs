//! Workloads A and B (see `jalin::bench`), as `cargo bench --bench workloads`.
//!
//! By default a quick run: workload A with 50 documents × 30 KiB and 5,000
//! codings, workload B at 10,000 and 100,000 codings. `-- --full` runs the
//! sizes the README reports: workload A with 200 documents × 30 KiB, 20 codes
//! and 20,000 codings; workload B over 2,000 sources at 10k, 100k and 1M
//! codings. `jalin bench workload-a|workload-b` takes every size as a flag.

use jalin::bench::{self, WorkloadA, WorkloadB};

fn main() {
    let full = std::env::args().any(|a| a == "--full");
    let dir = tempfile::tempdir().expect("a temporary folder");

    let a = if full {
        WorkloadA::default()
    } else {
        WorkloadA {
            docs: 50,
            codings: 5_000,
            ..WorkloadA::default()
        }
    };
    println!(
        "workload A: {} documents × {} KiB, {} codes, {} codings",
        a.docs, a.doc_kb, a.codes, a.codings
    );
    let steps = bench::workload_a(
        &dir.path().join("a.jalin"),
        &dir.path().join("corpus"),
        &a,
        &mut |s| println!("  {s}"),
    )
    .expect("workload A");
    println!(
        "  {:<48} {:>9.1} ms",
        "total (without setup)",
        bench::ms(bench::total(&steps))
    );

    let b = if full {
        WorkloadB::default()
    } else {
        WorkloadB {
            sizes: vec![10_000, 100_000],
            ..WorkloadB::default()
        }
    };
    println!(
        "workload B: {} sources × {} KiB, {} codes",
        b.sources, b.doc_kb, b.codes
    );
    bench::workload_b(
        &dir.path().join("b.jalin"),
        &b,
        &mut |s| println!("  {s}"),
        &mut |t| {
            println!(
                "  {:>9} codings: open+read {:>7.1} ms, frequencies {:>6.1} ms, triangulation {:>6.1} ms, tables total {:>7.1} ms",
                t.codings,
                bench::ms(t.load),
                bench::ms(t.frequencies),
                bench::ms(t.triangulation),
                bench::ms(t.total())
            )
        },
    )
    .expect("workload B");
}
