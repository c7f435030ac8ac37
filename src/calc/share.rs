//! The link format (being written).
