//! Which file each input is: `data/sources.csv` names every upstream file by its repository,
//! path, commit and date, and by its Git blob id, so a refresh given the same file again knows
//! it without being told where it came from ([`identify`]).

use super::error::Error;
use super::inputs::{Given, Kind, Upstream};
use super::records::SourceRow;
use super::SOURCES_CSV;
use sha1::{Digest, Sha1};
use std::collections::BTreeMap;
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

/// An input's identity: one row of `data/sources.csv` without its key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Identity {
    /// `owner/name` on GitHub.
    pub repository: String,
    /// Path in the repository.
    pub path: String,
    /// Commit.
    pub commit: String,
    /// Date of the commit.
    pub date: String,
    /// The limits file's "generated at" time, else empty.
    pub generated_at: String,
    /// The file's Git blob id.
    pub git_blob: String,
}

/// Each input's identity, by kind: what `data/sources.csv` holds.
pub(super) type Sources = BTreeMap<Kind, Identity>;

impl Identity {
    /// `owner/name@commit:path`, as `data/carried-over.csv` writes a source.
    pub fn source(&self) -> String {
        format!("{}@{}:{}", self.repository, self.commit, self.path)
    }
}

/// The identities in the rows of `data/sources.csv` (with their lines): an unknown input or a
/// second row for one is an error.
pub(super) fn from_rows(rows: Vec<(usize, SourceRow)>) -> Result<Sources, Error> {
    let mut sources = Sources::new();
    for (line, r) in rows {
        let kind = Kind::from_key(&r.input).ok_or_else(|| {
            Error::new(
                SOURCES_CSV,
                line,
                format!("unknown input {:?} (limits, sizes, ecs)", r.input),
            )
        })?;
        let id = Identity {
            repository: r.repository,
            path: r.path,
            commit: r.commit,
            date: r.date,
            generated_at: r.generated_at,
            git_blob: r.git_blob,
        };
        if sources.insert(kind, id).is_some() {
            return Err(Error::new(SOURCES_CSV, line, "a second row for this input"));
        }
    }
    Ok(sources)
}

/// The rows of `data/sources.csv`, in the order limits, sizes, ecs.
pub(super) fn to_rows(sources: &Sources) -> Vec<SourceRow> {
    sources
        .iter()
        .map(|(kind, id)| SourceRow {
            input: kind.key().to_owned(),
            repository: id.repository.clone(),
            path: id.path.clone(),
            commit: id.commit.clone(),
            date: id.date.clone(),
            generated_at: id.generated_at.clone(),
            git_blob: id.git_blob.clone(),
        })
        .collect()
}

/// The step that records where this run's inputs came from: the `recorded` identities with each
/// given file's in place. `generated_at` is the limits file's "generated at" time.
pub(super) fn identify(
    recorded: &Sources,
    given: &Given<'_>,
    generated_at: Option<&str>,
) -> Result<Sources, Error> {
    let mut sources = recorded.clone();
    for kind in [Kind::Limits, Kind::Sizes, Kind::Ecs] {
        let Some(up) = given.get(kind) else { continue };
        let time = if kind == Kind::Limits {
            generated_at
        } else {
            None
        };
        let id = identity(kind, up, recorded.get(&kind), time)?;
        sources.insert(kind, id);
    }
    Ok(sources)
}

/// The identity of a given input: the recorded one when it is the same file (same Git blob),
/// else the command line's, which must then name the commit and date.
fn identity(
    kind: Kind,
    up: &Upstream,
    old: Option<&Identity>,
    generated_at: Option<&str>,
) -> Result<Identity, Error> {
    let blob = git_blob_id(up.text.as_bytes());
    let same = old.is_some_and(|o| o.git_blob == blob);
    let o = &up.identity;
    let base = old.cloned().unwrap_or_default();
    let pick = |given: &Option<String>, recorded: &str| {
        given.clone().unwrap_or_else(|| recorded.to_owned())
    };
    let id = Identity {
        repository: pick(&o.repository, &base.repository),
        path: pick(&o.path, &base.path),
        commit: pick(&o.commit, if same { &base.commit } else { "" }),
        date: pick(&o.date, if same { &base.date } else { "" }),
        generated_at: generated_at.unwrap_or("").to_owned(),
        git_blob: blob.clone(),
    };
    let bad = |s: &str| s.is_empty() || s.contains([',', '"', '\n']);
    if bad(&id.commit) || bad(&id.date) || bad(&id.repository) || bad(&id.path) {
        let key = kind.key();
        return Err(Error::new(
            &up.file,
            0,
            format!(
                "not the file {SOURCES_CSV} records for {key:?} (its git blob is {blob}): name where it comes from with \
                 --commit {key}=SHA --date {key}=YYYY-MM-DD (and --repo/--path if they changed; no commas)"
            ),
        ));
    }
    Ok(id)
}
