//! Real-browser tests: headless Chromium on the built site, from `file://`.
//!
//! Kept in their own test target so `cargo test` of the rest stays fast;
//! `.ci/run` runs both. Chromium is required: a missing browser fails the
//! run instead of skipping, so this target can never pass without testing.

#![allow(clippy::unwrap_used)]

mod chromium;
mod site;
