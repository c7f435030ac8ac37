//! The upstream files a refresh is given: which kind each is ([`Kind`], by its name), the identity
//! the command line gives it ([`Overrides`]), and the first step of a refresh: sort them by kind
//! ([`Given::sort`]: one limits and one sizes file, the ECS page optional) and parse every one
//! before anything else is done ([`Given::parse`]), so an error stops the refresh with nothing
//! written.

use super::error::Error;
use super::golimits::{self, LimitsFile};
use super::markdown::{self, EcsPage, KarpenterType};

/// Which upstream file an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `limits.go` / `zz_generated.vpclimits.go`.
    Limits,
    /// Karpenter's `instance-types.md`.
    Sizes,
    /// The ECS developer guide's `container-instance-eni.md`.
    Ecs,
}

impl Kind {
    /// The key used in `data/sources.csv` and on the command line (`limits`, `sizes`, `ecs`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Limits => "limits",
            Kind::Sizes => "sizes",
            Kind::Ecs => "ecs",
        }
    }

    /// The kind for a command-line key.
    pub fn from_key(key: &str) -> Option<Kind> {
        [Kind::Limits, Kind::Sizes, Kind::Ecs]
            .into_iter()
            .find(|k| k.key() == key)
    }

    /// The kind of an upstream file, by its name: `*.go`, `instance-types.md`,
    /// `container-instance-eni.md`.
    pub fn from_file_name(name: &str) -> Option<Kind> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        if base.ends_with(".go") {
            Some(Kind::Limits)
        } else if base == "instance-types.md" {
            Some(Kind::Sizes)
        } else if base == "container-instance-eni.md" {
            Some(Kind::Ecs)
        } else {
            None
        }
    }

    /// The file names of this kind, as the "no … file given" error says them.
    fn file_names(self) -> &'static str {
        match self {
            Kind::Limits => "limits.go / zz_generated.vpclimits.go",
            Kind::Sizes => "instance-types.md",
            Kind::Ecs => "container-instance-eni.md",
        }
    }
}

/// One upstream file given to the refresh.
#[derive(Debug, Clone, Default)]
pub struct Upstream {
    /// The file as the user named it (used in errors and the report).
    pub file: String,
    /// Its contents.
    pub text: String,
    /// Identity overrides; required (commit and date) when the file is not the one
    /// `data/sources.csv` records.
    pub identity: Overrides,
}

/// Source identity given on the command line (`--commit limits=SHA` and so on).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `owner/name` on GitHub.
    pub repository: Option<String>,
    /// Path inside the repository.
    pub path: Option<String>,
    /// Commit the file was taken from.
    pub commit: Option<String>,
    /// Date of that commit (`YYYY-MM-DD`).
    pub date: Option<String>,
}

/// The upstream files given, one per kind.
#[derive(Debug, Clone, Copy)]
pub(super) struct Given<'a> {
    /// The limits file (required).
    pub limits: &'a Upstream,
    /// Karpenter's `instance-types.md` (required).
    pub sizes: &'a Upstream,
    /// The ECS page, when given.
    pub ecs: Option<&'a Upstream>,
}

/// Every given file, parsed.
#[derive(Debug, Clone)]
pub(super) struct Parsed {
    /// The limits file's types and "generated at" time.
    pub limits: LimitsFile,
    /// Karpenter's types, in file order.
    pub karpenter: Vec<KarpenterType>,
    /// The ECS page's table and unsupported list, when the page was given.
    pub ecs: Option<EcsPage>,
}

impl<'a> Given<'a> {
    /// Sorts `inputs` by kind: an unknown file name, a second file of a kind, or a missing limits
    /// or sizes file is an error.
    pub fn sort(inputs: &'a [Upstream]) -> Result<Given<'a>, Error> {
        let (mut limits, mut sizes, mut ecs) = (None, None, None);
        for up in inputs {
            let kind = Kind::from_file_name(&up.file).ok_or_else(|| {
                Error::new(
                    &up.file,
                    0,
                    "not an upstream file this refresh knows (*.go, instance-types.md, container-instance-eni.md)",
                )
            })?;
            let slot: &mut Option<&Upstream> = match kind {
                Kind::Limits => &mut limits,
                Kind::Sizes => &mut sizes,
                Kind::Ecs => &mut ecs,
            };
            if let Some(first) = slot.replace(up) {
                return Err(Error::new(
                    &up.file,
                    0,
                    format!("a second {} file (first: {})", kind.key(), first.file),
                ));
            }
        }
        let need = |kind: Kind, given: Option<&'a Upstream>| {
            given.ok_or_else(|| {
                Error::new(
                    kind.key(),
                    0,
                    format!("no {} file given", kind.file_names()),
                )
            })
        };
        Ok(Given {
            limits: need(Kind::Limits, limits)?,
            sizes: need(Kind::Sizes, sizes)?,
            ecs,
        })
    }

    /// The file of `kind`, when given.
    pub fn get(&self, kind: Kind) -> Option<&'a Upstream> {
        match kind {
            Kind::Limits => Some(self.limits),
            Kind::Sizes => Some(self.sizes),
            Kind::Ecs => self.ecs,
        }
    }

    /// Parses every file given; the first error stops the refresh.
    pub fn parse(&self) -> Result<Parsed, Error> {
        Ok(Parsed {
            limits: golimits::parse(&self.limits.file, &self.limits.text)?,
            karpenter: markdown::parse_karpenter(&self.sizes.file, &self.sizes.text)?,
            ecs: self
                .ecs
                .map(|u| markdown::parse_ecs(&u.file, &u.text))
                .transpose()?,
        })
    }
}
