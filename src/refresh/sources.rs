//! Which file each input is: `data/sources.csv` names every upstream file by its repository,
//! path, commit and date, and by its Git blob id, so a refresh given the same file again knows
//! it without being told where it came from.

use sha1::{Digest, Sha1};
use std::fmt::Write as _;

/// The Git blob id of `data` (what `git hash-object` prints): the SHA-1 of `blob <length>\0`
/// followed by the bytes, in lowercase hex. Names a file; nothing security-related.
///
/// ```
/// use awsvpc_planner::refresh::git_blob_id;
/// assert_eq!(git_blob_id(b"hello\n"), "ce013625030ba8dba906f756967f9e9ca394464a");
/// ```
pub fn git_blob_id(data: &[u8]) -> String {
    let mut sha = Sha1::new();
    sha.update(format!("blob {}\0", data.len()));
    sha.update(data);
    sha.finalize()
        .iter()
        .fold(String::with_capacity(40), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}
