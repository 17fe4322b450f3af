//! The integration tests, one binary with a module per concept: the public
//! API as downstream code sees it, golden cases from the agreement and the
//! SPEC decisions, bad input with its exact errors, properties, and the
//! Tencent readers. The allocation test (`tests/memory.rs`) runs apart, as
//! it counts every allocation of its process.

#[path = "../util/mod.rs"]
mod util;

mod api;
mod arrow;
mod bad_input;
mod claim;
mod compensation;
mod compensation_properties;
#[cfg(feature = "tencent")]
mod day_by_day;
#[cfg(feature = "tencent")]
mod evidence;
mod message_log;
mod message_log_properties;
mod properties;
mod report;
mod tencent;
mod term;
mod term_exhaustive;
mod traffic;
mod traffic_properties;
