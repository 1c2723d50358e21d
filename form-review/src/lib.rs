//! Reviewing submitted files, for the people who receive them: reading a
//! file's text (`submission`), holding what it says of itself against the
//! engine (`claims`), summarising it and pairing applications with plans
//! (`summary`), and the recommending unit's work of choosing within quota
//! and producing the 2.1 (`desk`, with its page in `web`). The same code
//! runs natively (`site-gen validate`, `report`) and in the 推荐单位 page.
//!
//! Modules, each using only those after it: `web`, `desk`, `summary`,
//! `submission`, `claims`.

pub mod claims;
pub mod desk;
pub mod submission;
pub mod summary;
#[cfg(target_arch = "wasm32")]
mod web;
