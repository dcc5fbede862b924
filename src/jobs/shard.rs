//! Splitting a batch across CI runners: `--shard K/N` takes the inputs whose
//! stable hash falls in part K of N, so every input is in exactly one shard
//! and adding a workbook moves no other.

use super::fingerprint::sha256;
use std::fmt;

/// One part of a batch split `total` ways: `index` is 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    /// Which part, from 1.
    pub index: u32,
    /// How many parts.
    pub total: u32,
}

/// What `--shard` says: a part, or `auto` (read from the CI's variables).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardChoice {
    /// `--shard K/N`.
    Given(Shard),
    /// `--shard auto`.
    Auto,
}

/// The variables `--shard auto` reads, in order: (index, total, where they
/// come from). Both are 1-based, as GitLab's are.
pub const AUTO_VARIABLES: &[(&str, &str, &str)] = &[
    (
        "SCORECARD_SHARD_INDEX",
        "SCORECARD_SHARD_TOTAL",
        "set in the job, e.g. from a GitHub Actions matrix",
    ),
    ("CI_NODE_INDEX", "CI_NODE_TOTAL", "GitLab CI `parallel:`"),
];

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.total)
    }
}

impl Shard {
    /// The whole batch as one shard.
    pub const WHOLE: Shard = Shard { index: 1, total: 1 };

    /// Reads `K/N` (`2/3`): N at least 1, K from 1 to N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("'{text}' is not K/N, such as 2/3, or auto"))?;
        let number = |s: &str, what: &str| {
            s.trim().parse::<u32>().map_err(|_| {
                format!("'{text}': {what} '{s}' is not a whole number; give K/N, such as 2/3")
            })
        };
        let (index, total) = (number(k, "K")?, number(n, "N")?);
        Shard::new(index, total).ok_or_else(|| {
            format!("'{text}': K must be from 1 to N, and N at least 1, such as 2/3")
        })
    }

    /// A shard, if `index` is from 1 to `total`.
    pub fn new(index: u32, total: u32) -> Option<Shard> {
        (total >= 1 && (1..=total).contains(&index)).then_some(Shard { index, total })
    }

    /// The shard named by the CI's variables (see [`AUTO_VARIABLES`]), read
    /// through `var`: `Ok(None)` when none is set, an error naming the
    /// variables when one pair is set wrongly or by half.
    pub fn from_variables(
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<(Shard, &'static str)>, String> {
        for (index, total, source) in AUTO_VARIABLES {
            match (var(index), var(total)) {
                (None, None) => continue,
                // GitLab sets CI_NODE_TOTAL=1 in every job, and CI_NODE_INDEX
                // only in a job with `parallel:`: one part is no split.
                (None, Some(n)) if n.trim() == "1" => continue,
                (Some(k), Some(n)) => {
                    let shard = k
                        .trim()
                        .parse()
                        .ok()
                        .zip(n.trim().parse().ok())
                        .and_then(|(k, n)| Shard::new(k, n))
                        .ok_or_else(|| {
                            format!(
                                "--shard auto: {index}={k} and {total}={n} do not name a shard; \
                                 both are whole numbers, the index from 1 to the total"
                            )
                        })?;
                    return Ok(Some((shard, source)));
                }
                _ => {
                    return Err(format!(
                        "--shard auto: {index} and {total} must be set together"
                    ))
                }
            }
        }
        Ok(None)
    }

    /// Whether this shard takes the input with output name `name` (its path
    /// relative to the arguments, `/`-separated): by the first eight bytes
    /// of the name's SHA-256, so the split is the same on every machine.
    pub fn takes(&self, name: &str) -> bool {
        if self.total <= 1 {
            return true;
        }
        let digest = sha256(name.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        let part = u64::from_be_bytes(first) % u64::from(self.total);
        part + 1 == u64::from(self.index)
    }

    /// The manifest's file name: `manifest.json` for the whole batch,
    /// `manifest-K-of-N.json` for a shard.
    pub fn manifest_name(shard: Option<Shard>) -> String {
        match shard {
            Some(s) => format!("manifest-{}-of-{}.json", s.index, s.total),
            None => "manifest.json".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_of_n_is_read_and_checked() {
        assert_eq!(Shard::parse("2/3"), Ok(Shard { index: 2, total: 3 }));
        assert_eq!(Shard::parse(" 1 / 1 "), Ok(Shard::WHOLE));
        for bad in ["0/3", "4/3", "1/0", "a/3", "3", "-1/3", ""] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_name_is_in_exactly_one_shard() {
        let names: Vec<String> = (0..300).map(|i| format!("services/s{i}")).collect();
        for total in 1..=7 {
            for name in &names {
                let takers = (1..=total)
                    .filter(|&k| Shard { index: k, total }.takes(name))
                    .count();
                assert_eq!(takers, 1, "{name} in {total} shards");
            }
        }
        // And the split is not lopsided: each of 3 shards has a fair share.
        for k in 1..=3 {
            let n = names
                .iter()
                .filter(|n| Shard { index: k, total: 3 }.takes(n))
                .count();
            assert!((70..=130).contains(&n), "shard {k}/3 has {n} of 300");
        }
    }

    #[test]
    fn the_split_is_fixed_across_machines_and_releases() {
        // A hash that changed between versions would move every workbook
        // between runners: these are SHA-256 values, not Rust's hasher.
        let taken: Vec<u32> = ["a", "services/adults", "q4"]
            .iter()
            .map(|n| {
                (1..=3)
                    .find(|&k| Shard { index: k, total: 3 }.takes(n))
                    .unwrap_or(0)
            })
            .collect();
        let expected: Vec<u32> = ["a", "services/adults", "q4"]
            .iter()
            .map(|n| {
                let d = sha256(n.as_bytes());
                let v = u64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]]);
                (v % 3) as u32 + 1
            })
            .collect();
        assert_eq!(taken, expected);
        // SHA-256("a") begins ca978112ca1bbdca: 0xca978112ca1bbdca % 3 = 1 → shard 2.
        assert_eq!(taken[0], 2);
    }

    #[test]
    fn auto_reads_ours_then_gitlabs() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Shard::from_variables(env(&[])), Ok(None));
        let gitlab = Shard::from_variables(env(&[("CI_NODE_INDEX", "2"), ("CI_NODE_TOTAL", "3")]));
        assert_eq!(gitlab.map(|s| s.map(|(s, _)| s)), Ok(Shard::new(2, 3)));
        let ours = Shard::from_variables(env(&[
            ("SCORECARD_SHARD_INDEX", "1"),
            ("SCORECARD_SHARD_TOTAL", "4"),
            ("CI_NODE_INDEX", "2"),
            ("CI_NODE_TOTAL", "3"),
        ]));
        assert_eq!(ours.map(|s| s.map(|(s, _)| s)), Ok(Shard::new(1, 4)));
        assert!(Shard::from_variables(env(&[("CI_NODE_INDEX", "2")])).is_err());
        // A GitLab job without `parallel:` has CI_NODE_TOTAL=1 alone.
        assert_eq!(
            Shard::from_variables(env(&[("CI_NODE_TOTAL", "1")])),
            Ok(None)
        );
        assert!(Shard::from_variables(env(&[("CI_NODE_TOTAL", "3")])).is_err());
        assert!(
            Shard::from_variables(env(&[("CI_NODE_INDEX", "4"), ("CI_NODE_TOTAL", "3")])).is_err()
        );
    }
}
