//! The background flusher behind [`super::Durability::Prompt`]: a thread that
//! pushes the write-ahead log to the disk (fsync) just after each commit, so
//! the commit itself need not wait for the disk.
//!
//! Why: an fsync costs 0.5–1 ms on ordinary disks. Waiting for one in every
//! commit caps Jalin at about a thousand changes a second and made a bulk run
//! of 20,000 one-transaction codings take 10–25 s. Committing with SQLite's
//! `synchronous=NORMAL` already makes each change atomic and safe from Jalin
//! crashing or being killed (the change is in the operating system's hands);
//! this thread closes the remaining gap, power loss, within one fsync of the
//! commit. Commits that arrive while an fsync runs share the next one (group
//! commit), so a burst pays for a handful of flushes, not thousands.

use std::fs::File;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

#[derive(Debug, Default)]
struct State {
    /// Commits made so far (a counter, bumped after each commit).
    committed: u64,
    /// Commits known to be on the disk.
    flushed: u64,
    /// Set when the project closes: flush what is left and stop.
    stop: bool,
    /// The first fsync failure, kept until someone asks.
    error: Option<std::io::Error>,
    /// How many fsyncs ran (for tests and benchmarks).
    syncs: u64,
    /// Threads waiting on `changed` now. A commit wakes them only when
    /// there are any: the flusher re-reads the counters under the lock
    /// before it waits, so a commit made while it syncs is never missed,
    /// and a burst of codings makes no wake-up system call each.
    sleepers: u32,
    /// How many times a commit woke the waiters (for tests).
    wakes: u64,
}

impl State {
    /// Waits on `changed`, counted in `sleepers`.
    fn wait<'a>(shared: &'a Shared, mut s: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        s.sleepers += 1;
        s = shared.changed.wait(s).unwrap_or_else(|e| e.into_inner());
        s.sleepers -= 1;
        s
    }
}

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic on the flusher thread cannot leave the counters torn; go on.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Owns the flusher thread of one open project.
#[derive(Debug)]
pub(super) struct Flusher {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Flusher {
    /// Starts flushing `db_path`'s write-ahead log (`<db_path>-wal`).
    pub(super) fn start(db_path: &std::path::Path) -> std::io::Result<Flusher> {
        let mut wal = db_path.as_os_str().to_owned();
        wal.push("-wal");
        let wal = PathBuf::from(wal);
        let shared = Arc::new(Shared::default());
        let for_thread = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("jalin-flusher".into())
            .spawn(move || run(&for_thread, &wal))?;
        Ok(Flusher {
            shared,
            thread: Some(thread),
        })
    }

    /// Called after every commit: asks for a flush and returns at once.
    pub(super) fn committed(&self) {
        let mut s = self.shared.lock();
        s.committed += 1;
        if s.sleepers > 0 {
            s.wakes += 1;
            self.shared.changed.notify_all();
        }
    }

    /// Waits until every commit made so far is on the disk; returns the
    /// first fsync failure since the last call, if any.
    pub(super) fn wait(&self) -> std::io::Result<()> {
        let mut s = self.shared.lock();
        while s.flushed < s.committed && s.error.is_none() {
            s = State::wait(&self.shared, s);
        }
        match s.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// A failed fsync not yet reported, if any.
    pub(super) fn take_error(&self) -> Option<std::io::Error> {
        self.shared.lock().error.take()
    }

    /// How many fsyncs the thread has run.
    pub(super) fn syncs(&self) -> u64 {
        self.shared.lock().syncs
    }

    /// How many commits woke a waiting thread.
    #[cfg(test)]
    pub(super) fn wakes(&self) -> u64 {
        self.shared.lock().wakes
    }
}

impl Drop for Flusher {
    fn drop(&mut self) {
        {
            let mut s = self.shared.lock();
            s.stop = true;
            self.shared.changed.notify_all();
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(shared: &Shared, wal: &std::path::Path) {
    loop {
        let target = {
            let mut s = shared.lock();
            while s.flushed >= s.committed && !s.stop {
                s = State::wait(shared, s);
            }
            if s.flushed >= s.committed {
                return; // stopping, nothing left
            }
            s.committed
        };
        let result = sync(wal);
        let mut s = shared.lock();
        s.syncs += 1;
        s.flushed = target;
        if let Err(e) = result
            && s.error.is_none()
        {
            s.error = Some(e);
        }
        shared.changed.notify_all();
    }
}

/// One fsync of the log. The log is opened afresh each time because SQLite
/// may delete and recreate it; a missing log means SQLite has already moved
/// everything into the database file and synced it.
fn sync(wal: &std::path::Path) -> std::io::Result<()> {
    let file = match File::options().read(true).write(true).open(wal) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    file.sync_data()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A commit wakes no one when no thread waits (the flusher busy with
    /// an fsync, or none at all): a burst of codings makes no wake-up
    /// system call each. With a thread waiting, the commit wakes it.
    #[test]
    fn a_commit_wakes_only_a_waiting_thread() {
        let f = Flusher {
            shared: Arc::new(Shared::default()),
            thread: None,
        };
        for _ in 0..100 {
            f.committed();
        }
        assert_eq!(f.wakes(), 0);
        let shared = Arc::clone(&f.shared);
        let waiter = std::thread::spawn(move || {
            let mut s = shared.lock();
            let seen = s.committed;
            while s.committed == seen {
                s = State::wait(&shared, s);
            }
        });
        while f.shared.lock().sleepers == 0 {
            std::thread::yield_now();
        }
        f.committed();
        waiter.join().unwrap();
        assert_eq!(f.wakes(), 1);
        assert_eq!(f.shared.lock().sleepers, 0);
    }
}
