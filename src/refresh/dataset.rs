//! The instance data as a refresh sees it: the tables of `data/*.csv` as records, with the
//! inputs they came from (`data/sources.csv`) and the carried-over columns
//! (`data/carried-over.csv`). A refresh reads the current one from the files ([`Dataset::read`]),
//! builds a new one, compares their values ([`Dataset::values_differ`]) and writes the new one
//! ([`Dataset::write`]).

use super::carried::Carried;
use super::error::Error;
use super::records::{
    keyed, read, read_keyed, write, CarriedRow, DerivedRow, EcsTableRow, LimitsRow, Record,
    SizesRow, SourceRow, UnsupportedRow,
};
use super::sources::{self, Sources};
use std::collections::{BTreeMap, BTreeSet};

/// Every data file's contents, as records.
#[derive(Debug, Clone)]
pub(super) struct Dataset {
    /// `data/ec2-network-limits.csv`, by type.
    pub limits: BTreeMap<String, LimitsRow>,
    /// `data/ec2-sizes.csv`, by type.
    pub sizes: BTreeMap<String, SizesRow>,
    /// `data/ecs-task-capacity-derived.csv`, by type.
    pub derived: BTreeMap<String, DerivedRow>,
    /// `data/ecs-trunking.csv`, in the page's order.
    pub ecs: Vec<EcsTableRow>,
    /// `data/ecs-trunking-unsupported.csv`, in the page's order.
    pub unsupported: Vec<UnsupportedRow>,
    /// `data/sources.csv`.
    pub sources: Sources,
    /// `data/carried-over.csv`.
    pub carried: Carried,
}

/// The text of `file` in `files`, or an error naming it.
pub(super) fn text<'a>(files: &'a BTreeMap<&str, String>, file: &str) -> Result<&'a str, Error> {
    files
        .get(file)
        .map(String::as_str)
        .ok_or_else(|| Error::new(file, 0, "missing"))
}

impl Dataset {
    /// Reads the data files from `files` (path → text); `data/carried-over.csv` may be absent.
    /// A type on two rows of a table is an error.
    pub fn read(files: &BTreeMap<&str, String>) -> Result<Dataset, Error> {
        let limits = read_keyed(text(files, LimitsRow::FILE)?)?;
        let sizes = read_keyed(text(files, SizesRow::FILE)?)?;
        let derived = read_keyed(text(files, DerivedRow::FILE)?)?;
        // The ECS table keeps the page's order; a type may still be on one row only.
        let ecs_rows = read::<EcsTableRow>(text(files, EcsTableRow::FILE)?)?;
        let ecs = ecs_rows.iter().map(|(_, r)| r.clone()).collect();
        keyed(ecs_rows)?;
        let unsupported = read::<UnsupportedRow>(text(files, UnsupportedRow::FILE)?)?
            .into_iter()
            .map(|(_, r)| r)
            .collect();
        let sources = sources::from_rows(read::<SourceRow>(text(files, SourceRow::FILE)?)?)?;
        let carried = match files.get(CarriedRow::FILE) {
            Some(t) => Carried::from_rows(read::<CarriedRow>(t)?.into_iter().map(|(_, r)| r)),
            None => Carried::default(),
        };
        Ok(Dataset {
            limits,
            sizes,
            derived,
            ecs,
            unsupported,
            sources,
            carried,
        })
    }

    /// Whether any value differs from `other`'s: the commit column of `data/ec2-sizes.csv` is
    /// provenance, and the ECS page's row order is kept in the files, but neither is a value.
    pub fn values_differ(&self, other: &Dataset) -> bool {
        fn figures(sizes: &BTreeMap<String, SizesRow>) -> BTreeMap<&str, (u32, u32)> {
            sizes
                .iter()
                .map(|(k, r)| (k.as_str(), (r.vcpus, r.memory_mib)))
                .collect()
        }
        fn set<T: Ord>(rows: &[T]) -> BTreeSet<&T> {
            rows.iter().collect()
        }
        self.limits != other.limits
            || self.derived != other.derived
            || figures(&self.sizes) != figures(&other.sizes)
            || set(&self.ecs) != set(&other.ecs)
            || set(&self.unsupported) != set(&other.unsupported)
    }

    /// The contents of the seven data files, by path.
    pub fn write(&self) -> Result<BTreeMap<&'static str, String>, Error> {
        Ok(BTreeMap::from([
            (LimitsRow::FILE, write(self.limits.values())?),
            (SizesRow::FILE, write(self.sizes.values())?),
            (DerivedRow::FILE, write(self.derived.values())?),
            (EcsTableRow::FILE, write(&self.ecs)?),
            (UnsupportedRow::FILE, write(&self.unsupported)?),
            (SourceRow::FILE, write(&sources::to_rows(&self.sources))?),
            (CarriedRow::FILE, write(&self.carried.rows())?),
        ]))
    }
}
