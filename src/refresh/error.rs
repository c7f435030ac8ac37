//! The one error type of the refresh: what went wrong, in which file, at which line.

use std::fmt;

/// A refresh that cannot go ahead. Nothing under `data/` is written when one occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file at fault, as the user named it (or the data file, such as `data/ec2-sizes.csv`).
    pub file: String,
    /// 1-based line, or 0 when the problem is the file as a whole.
    pub line: usize,
    /// What is wrong, in a short sentence.
    pub message: String,
}

impl Error {
    /// An error at `line` of `file` (0: the whole file).
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Error {
        Error {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// Whether `name` looks like an EC2 instance type the data files can hold: lowercase letters,
/// digits, `-` and `.`, with a family and a size (`c5.large`, `u-6tb1.metal`, `c7g-flex.large`).
pub fn valid_type_name(name: &str) -> bool {
    let ok_chars = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    let parts = name.split_once('.');
    ok_chars
        && name.len() <= 64
        && parts.is_some_and(|(f, s)| !f.is_empty() && !s.is_empty() && !s.contains('.'))
}
