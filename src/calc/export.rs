//! Exports (being written).
