//! Helpers shared by the integration tests and the fuzz targets.
#![allow(dead_code)] // each includer uses some of it

pub mod fuzz_checks;
pub mod invariants;
