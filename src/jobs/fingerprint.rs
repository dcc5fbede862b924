//! Content hashes: of a workbook (a file, or a CSV workbook's folder), and of
//! everything besides the workbook that shapes its report (the tool's
//! version, the format, the settings file, the templates, the previous
//! report's workbook). `batch --changed-only` skips a workbook when both
//! match the manifest's.

use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The SHA-256 of some bytes.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// A digest as the manifest writes it: `sha256:` and 64 hex digits.
fn written(digest: &[u8]) -> String {
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The hash of some bytes, as the manifest writes it (`sha256:…`).
pub fn bytes(bytes: &[u8]) -> String {
    written(&sha256(bytes))
}

/// The hash of a file's bytes, as the manifest writes it.
pub fn file(path: &Path) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    feed_file(&mut hasher, path)?;
    Ok(written(&hasher.finalize()))
}

/// Feeds a file's bytes to the hash, a block at a time.
fn feed_file(hasher: &mut Sha256, path: &Path) -> std::io::Result<()> {
    let mut file = std::fs::File::open(path)?;
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok(());
        }
        hasher.update(&buffer[..n]);
    }
}

/// Feeds a labelled part: its label and length first, so that two different
/// splits of the same bytes never hash alike.
fn feed_part(hasher: &mut Sha256, label: &str, bytes: &[u8]) {
    hasher.update((label.len() as u64).to_be_bytes());
    hasher.update(label.as_bytes());
    hasher.update((bytes.len() as u64).to_be_bytes());
    hasher.update(bytes);
}

/// The files directly in a folder, sorted by name (a CSV workbook's sheets;
/// not its subfolders, which it does not read).
fn files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// The content hash of a workbook: its file's bytes, or for a CSV workbook
/// each file's name and bytes.
pub fn workbook(path: &Path) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    if path.is_dir() {
        for file in files_in(path)? {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::read(&file)?;
            feed_part(&mut hasher, &name, &bytes);
        }
    } else {
        feed_file(&mut hasher, path)?;
    }
    Ok(written(&hasher.finalize()))
}

/// What besides the workbook shapes its outputs.
#[derive(Debug, Clone, Default)]
pub struct Settings<'a> {
    /// The format and what is written (`html`, `report`).
    pub format: &'a str,
    /// `report`, `appendix` or `both`.
    pub what: &'a str,
    /// The settings file in force.
    pub config: Option<&'a Path>,
    /// The hash of the templates the report was written through ([`templates`]),
    /// taken when they were loaded.
    pub templates: &'a str,
    /// The previous report's workbook, when compared with one.
    pub previous: Option<&'a Path>,
    /// The settings file the previous workbook is read with.
    pub previous_config: Option<&'a Path>,
}

/// The hash of the templates a format reads (`names`) from a templates
/// folder (`None`: the built-in ones, part of the build): taken as they are
/// loaded, so a report is never recorded under templates it was not written
/// through.
pub fn templates(dir: Option<&Path>, names: &[&str]) -> String {
    let Some(dir) = dir else {
        return "built in".to_string();
    };
    let mut hasher = Sha256::new();
    let mut names: Vec<&str> = names.to_vec();
    names.sort_unstable();
    feed_part(
        &mut hasher,
        "templates",
        &(names.len() as u64).to_be_bytes(),
    );
    for name in names {
        match std::fs::read(dir.join(name)) {
            Ok(bytes) => feed_part(&mut hasher, name, &bytes),
            // The built-in template is used: it is part of the build.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                feed_part(&mut hasher, name, b"built in")
            }
            Err(e) => feed_part(&mut hasher, name, e.to_string().as_bytes()),
        }
    }
    written(&hasher.finalize())
}

/// The hash of a report's look: its templates (see [`templates`]) and the
/// Word template a Word report takes its styles from.
pub fn look(templates_dir: Option<&Path>, names: &[&str], reference_doc: Option<&Path>) -> String {
    let templates = templates(templates_dir, names);
    let Some(doc) = reference_doc else {
        return templates;
    };
    let mut hasher = Sha256::new();
    feed_part(&mut hasher, "templates", templates.as_bytes());
    match std::fs::read(doc) {
        Ok(bytes) => feed_part(&mut hasher, "reference doc", &bytes),
        Err(e) => feed_part(&mut hasher, "reference doc", e.to_string().as_bytes()),
    }
    written(&hasher.finalize())
}

/// The hash of a workbook's settings: the tool's version, the format, and
/// the contents of the settings file, the templates, the previous workbook
/// and its own settings file (a file that cannot be read hashes as its error, so it is never
/// taken for unchanged).
pub fn settings(settings: &Settings) -> String {
    let mut hasher = Sha256::new();
    feed_part(&mut hasher, "version", env!("CARGO_PKG_VERSION").as_bytes());
    // The sources this binary was built from (build.rs): a build with other
    // rules or built-in templates is another tool, whatever its version.
    feed_part(&mut hasher, "build", env!("SCORECARD_BUILD").as_bytes());
    feed_part(&mut hasher, "format", settings.format.as_bytes());
    feed_part(&mut hasher, "what", settings.what.as_bytes());
    let mut file = |label: &str, path: Option<&Path>| match path {
        None => feed_part(&mut hasher, label, b"none"),
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => feed_part(&mut hasher, label, &bytes),
            Err(e) => feed_part(&mut hasher, label, format!("unreadable: {e}").as_bytes()),
        },
    };
    file("config", settings.config);
    file("previous config", settings.previous_config);
    let previous = settings.previous.map(|p| match workbook(p) {
        Ok(hash) => hash,
        Err(e) => format!("unreadable: {e}"),
    });
    feed_part(
        &mut hasher,
        "previous",
        previous.as_deref().unwrap_or("none").as_bytes(),
    );
    feed_part(&mut hasher, "templates", settings.templates.as_bytes());
    written(&hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_is_written_as_hex() {
        assert_eq!(
            written(&sha256(b"abc")),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_csv_workbook_hashes_its_files_names_and_bytes() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("indicators.csv"), "Ref,Indicator\nA,B\n")?;
        let first = workbook(dir.path())?;
        assert_eq!(workbook(dir.path())?, first);
        std::fs::write(dir.path().join("report.csv"), "Key,Value\n")?;
        let second = workbook(dir.path())?;
        assert_ne!(first, second);
        std::fs::rename(dir.path().join("report.csv"), dir.path().join("plans.csv"))?;
        assert_ne!(workbook(dir.path())?, second);
        Ok(())
    }

    #[test]
    fn settings_change_with_each_input() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let toml = dir.path().join("scorecard.toml");
        std::fs::write(&toml, "[rag]\n")?;
        let folder = dir.path().join("templates");
        std::fs::create_dir(&folder)?;
        let names = ["agenda_item.html", "partials/style.css"];
        let loaded = templates(Some(&folder), &names);
        assert_ne!(loaded, templates(None, &names));
        let base = Settings {
            format: "html",
            what: "report",
            config: Some(&toml),
            templates: &loaded,
            previous: None,
            previous_config: None,
        };
        let first = settings(&base);
        assert_eq!(settings(&base), first);
        assert_ne!(
            settings(&Settings {
                format: "md",
                ..base.clone()
            }),
            first
        );
        std::fs::write(folder.join("agenda_item.html"), "x")?;
        let edited = templates(Some(&folder), &names);
        assert_ne!(edited, loaded);
        // A template the format does not read changes nothing.
        std::fs::write(folder.join("agenda_item.md"), "x")?;
        assert_eq!(templates(Some(&folder), &names), edited);
        std::fs::write(&toml, "[rag]\npolicy = \"met-or-missed\"\n")?;
        assert_ne!(settings(&base), first);
        Ok(())
    }
}
