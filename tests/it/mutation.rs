//! A deterministic mutation test: a few hundred damaged copies of the example
//! workbooks (and of the corpus's .xlsx, .xls and .xlsb files, where the
//! corpus is present),
//! each read by `report` or `validate`, which must end with exit 0, 1 or 2
//! within the time allowed, never a panic, and within a memory cap.
//!
//! Damage is done inside the package, where the spreadsheet reader looks: a
//! part's XML has bytes changed or hostile tokens spliced in (huge cell refs,
//! huge numbers, runaway merges, a false shared-string count), then the
//! package is zipped again, so every mutant gets past the zip layer. The seed
//! is fixed: a failure names the mutant, and the same run reproduces it.

use assert_cmd::Command;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

const MUTANTS: usize = 240;

/// How many mutants: 240 in CI, more with `SCORECARD_MUTANTS` for a longer run.
fn mutants() -> usize {
    std::env::var("SCORECARD_MUTANTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(MUTANTS)
}

/// xorshift64*: small, fixed, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "XFD1048576",
    "A1:XFD1048576",
    "99999999999999999999999999999",
    "-7e28",
    "1e-30",
    "<mergeCell ref=\"A1:A1048576\"/>",
    "uniqueCount=\"99999999999\"",
    "r=\"A0\"",
    "s=\"99999\"",
    "t=\"s\"",
    "<c r=\"B2\" t=\"s\"><v>4294967295</v></c>",
    "&amp;#0;",
    "\u{1b}[31m",
    "[u]: javascript:alert(1)",
];

/// The files with extension `ext` directly in a folder, sorted.
fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

fn xlsx_in(dir: &Path) -> Vec<PathBuf> {
    files_in(dir, "xlsx")
}

fn corpus() -> PathBuf {
    let dir = crate::util::corpus_dir();
    let calamine = dir.join("calamine");
    if calamine.is_dir() {
        calamine
    } else {
        dir
    }
}

fn sources() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<PathBuf> = ["lancashire", "leicestershire", "thurrock"]
        .iter()
        .flat_map(|d| xlsx_in(&root.join("examples").join(d)))
        .collect();
    out.extend(xlsx_in(&corpus()).into_iter().take(40));
    out
}

/// A package's parts: (name, bytes).
type Package = Vec<(String, Vec<u8>)>;

/// The package's parts, or `None` when it is not a readable zip.
fn parts(path: &Path) -> Option<Package> {
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(file).ok()?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).ok()?;
        let mut data = Vec::new();
        part.read_to_end(&mut data).ok()?;
        out.push((part.name().ok()?.into_owned(), data));
    }
    Some(out)
}

fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(6) {
        if data.is_empty() {
            return;
        }
        let at = rng.below(data.len());
        if rng.below(2) == 0 {
            let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
            let cut = (at + rng.below(9)).min(data.len());
            data.splice(at..cut, token.iter().copied());
        } else if let Some(b) = data.get_mut(at) {
            *b = (rng.next() & 0xff) as u8;
        }
    }
}

fn write_package(path: &Path, parts: &[(String, Vec<u8>)]) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
}

/// Runs `command` on a mutant under the memory cap and time limit; a
/// sentence when it did not end cleanly.
fn run_mutant(command: &str, path: &Path) -> Option<String> {
    // A memory cap, where the shell can set one: a runaway allocation
    // then fails the run instead of the machine.
    let output = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 3000000 2>/dev/null; exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin("scorecard"))
        .arg(command)
        .arg(path)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let code = output.status.code();
    let stderr = String::from_utf8_lossy(&output.stderr);
    (!matches!(code, Some(0..=2)) || stderr.contains("panicked"))
        .then(|| format!("{command}: exit {code:?}\n{stderr}"))
}

/// Tokens spliced into binary records: the largest row and column numbers,
/// a forged DIMENSIONS header, a count of four billion.
const BINARY_TOKENS: &[&[u8]] = &[
    &[0xFF, 0xFF],
    &[0xFF, 0xFF, 0xFF, 0xFF],
    &[0x00, 0x02, 0x0E, 0x00, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF],
    &[0xFF, 0xFF, 0xFF, 0x7F],
    &[0x00, 0x00, 0x00, 0x80],
    &[0x3C, 0x00],
];

fn mutate_binary(rng: &mut Rng, data: &mut [u8]) {
    for _ in 0..1 + rng.below(4) {
        if data.is_empty() {
            return;
        }
        let at = rng.below(data.len());
        if rng.below(2) == 0 {
            let token = BINARY_TOKENS[rng.below(BINARY_TOKENS.len())];
            let end = (at + token.len()).min(data.len());
            data[at..end].copy_from_slice(&token[..end - at]);
        } else if let Some(b) = data.get_mut(at) {
            *b = (rng.next() & 0xff) as u8;
        }
    }
}

#[test]
fn damaged_binary_workbooks_end_cleanly() {
    // .xls is a compound file whose streams are stored as they are, so bytes
    // are changed in place (its length and layout kept); .xlsb is a zip of
    // binary parts, damaged inside the package as .xlsx is.
    let corpus = corpus();
    let xls = files_in(&corpus, "xls");
    let xlsb: Vec<(PathBuf, Package)> = files_in(&corpus, "xlsb")
        .into_iter()
        .filter_map(|p| parts(&p).map(|parts| (p, parts)))
        .collect();
    assert!(
        !xls.is_empty() && !xlsb.is_empty(),
        "the corpus in {} has no .xls or .xlsb files",
        corpus.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0xB1FF_0000_5EED_0002);
    let mut failures = Vec::new();
    for n in 0..mutants() / 2 {
        let command = if n % 2 == 0 { "report" } else { "validate" };
        let (source, path) = if n % 3 != 2 && !xls.is_empty() {
            let source = &xls[rng.below(xls.len())];
            let mut bytes = std::fs::read(source).unwrap();
            // Past the compound file's header sector, where the records are.
            let header = 512.min(bytes.len());
            let mut body = bytes.split_off(header);
            mutate_binary(&mut rng, &mut body);
            bytes.extend(body);
            let path = dir.path().join(format!("mutant-{n}.xls"));
            std::fs::write(&path, bytes).unwrap();
            (source.clone(), path)
        } else if !xlsb.is_empty() {
            let (source, original) = &xlsb[rng.below(xlsb.len())];
            let mut parts = original.clone();
            let target = rng.below(parts.len());
            mutate_binary(&mut rng, &mut parts[target].1);
            let path = dir.path().join(format!("mutant-{n}.xlsb"));
            write_package(&path, &parts);
            (source.clone(), path)
        } else {
            continue;
        };
        if let Some(failure) = run_mutant(command, &path) {
            failures.push(format!("mutant {n} of {}, {failure}", source.display()));
            let name = path.file_name().unwrap_or_default();
            std::fs::copy(&path, std::env::temp_dir().join(name)).ok();
        }
        std::fs::remove_file(&path).ok();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

#[test]
fn damaged_packages_end_cleanly() {
    let sources: Vec<(PathBuf, Package)> = sources()
        .into_iter()
        .filter_map(|p| parts(&p).map(|parts| (p, parts)))
        .collect();
    assert!(sources.len() >= 3, "the example workbooks are missing");
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x5C0_4ECA_4D5E_ED01);
    let mut failures = Vec::new();
    for n in 0..mutants() {
        let (source, original) = &sources[rng.below(sources.len())];
        let mut parts = original.clone();
        let xml: Vec<usize> = (0..parts.len())
            .filter(|&i| parts[i].0.ends_with(".xml") || parts[i].0.ends_with(".rels"))
            .collect();
        if xml.is_empty() {
            continue;
        }
        let target = xml[rng.below(xml.len())];
        mutate(&mut rng, &mut parts[target].1);
        let path = dir.path().join(format!("mutant-{n}.xlsx"));
        write_package(&path, &parts);
        let command = if n % 2 == 0 { "report" } else { "validate" };
        if let Some(failure) = run_mutant(command, &path) {
            failures.push(format!(
                "mutant {n} of {} (part {}), {failure}",
                source.display(),
                parts[target].0
            ));
            let keep = std::env::temp_dir().join(format!("scorecard-mutant-{n}.xlsx"));
            std::fs::copy(&path, &keep).ok();
        }
        std::fs::remove_file(&path).ok();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}
