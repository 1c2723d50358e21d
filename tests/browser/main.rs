//! Real-browser tests: headless Chromium on the built site, from `file://`.
//!
//! A test target of its own (`cargo test -p tests --test browser` runs just
//! these); `cargo test --workspace`, and so `.ci/run`, runs it with the rest.
//! Chromium is required: a missing browser fails the run instead of
//! skipping, so this target can never pass without testing. The form pages'
//! own browser tests are in `tests/e2e/` (node, playwright-core).

#![allow(clippy::unwrap_used)]

mod chromium;
mod site;
