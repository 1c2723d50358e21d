//! What the threads of `serve` share: the last build's number and
//! problems, and the lock that keeps requests out of the output folder
//! while a build replaces it.

use std::path::PathBuf;
use std::sync::{Condvar, Mutex, RwLock};

use crate::problem::Problem;

/// The last build: its number (the first is 1) and its problems, if it failed.
pub(super) struct Status {
    pub build: u64,
    pub problems: Option<Vec<Problem>>,
}

pub(super) struct Shared {
    pub status: Mutex<Status>,
    pub changed: Condvar,
    /// Held for writing while a build replaces the output folder.
    pub site: RwLock<()>,
    pub output: PathBuf,
}

impl Shared {
    pub fn status(&self) -> std::sync::MutexGuard<'_, Status> {
        // A panicking request thread leaves the status as it was: still good.
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }
}
