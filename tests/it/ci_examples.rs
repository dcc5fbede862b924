//! The CI files in `examples/ci/` run, step by step, here: each runner of
//! the matrix in a folder of its own, artefacts carried between jobs as the
//! CI would, and every `scorecard` command run as written. Only the step that
//! installs the tool is not run (this build is on PATH instead). The files
//! therefore stay correct as the command line changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use yaml_rust2::{Yaml, YamlLoader};

fn example(name: &str) -> Yaml {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/ci")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut docs = YamlLoader::load_from_str(&text).unwrap();
    assert_eq!(docs.len(), 1, "{name} holds one document");
    docs.remove(0)
}

/// A checkout: the workbooks under `services/`, as a council's repository
/// would keep them (nine, in three folders).
fn checkout(dir: &Path) {
    let workbook =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/thurrock/thurrock-2011-12-m7.xlsx");
    for (i, service) in ["adults", "children", "housing"].iter().enumerate() {
        let folder = dir.join("services").join(service);
        std::fs::create_dir_all(&folder).unwrap();
        for q in 1..=3 {
            std::fs::copy(&workbook, folder.join(format!("team-{}{q}.xlsx", i + 1))).unwrap();
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).unwrap();
        }
    }
}

fn files_below(dir: &Path, root: &Path, out: &mut BTreeSet<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_below(&path, root, out);
        } else {
            out.insert(path.strip_prefix(root).unwrap().to_path_buf());
        }
    }
}

/// Runs one command of a CI file in `dir`, with this build's `scorecard`
/// first on PATH; the install step is the only one not run. Returns the
/// output, or `None` for the install step.
fn shell(command: &str, dir: &Path, env: &[(String, String)]) -> Option<std::process::Output> {
    if command.contains("cargo install") {
        return None;
    }
    assert!(
        command.starts_with("scorecard "),
        "a step of the example runs something other than scorecard: {command}"
    );
    let bin = Path::new(env!("CARGO_BIN_EXE_scorecard"));
    let path = std::env::join_paths(std::iter::once(bin.parent().unwrap().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("SCORECARD_SHARD_INDEX")
        .env_remove("SCORECARD_SHARD_TOTAL")
        .env_remove("CI_NODE_INDEX")
        .env_remove("CI_NODE_TOTAL")
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "`{command}` failed in {}:\n{}{}",
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(output)
}

/// GitHub's expressions that the example uses, for runner `shard` of `total`.
fn github_expressions(text: &str, shard: usize, total: usize) -> String {
    text.replace("${{ matrix.shard }}", &shard.to_string())
        .replace("${{ strategy.job-total }}", &total.to_string())
}

fn text(y: &Yaml) -> String {
    match y {
        Yaml::String(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        other => panic!("expected text, found {other:?}"),
    }
}

/// Checks the index a CI publishes: every workbook listed once, every link
/// resolving to a report that is there.
fn check_index(site: &Path, workbooks: usize) {
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        html.contains(&format!(
            "{workbooks} workbooks: {workbooks} written, 0 failed"
        )),
        "{html}"
    );
    let hrefs: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(hrefs.len(), workbooks, "{html}");
    for href in hrefs {
        assert!(site.join(href).is_file(), "{href} does not resolve");
    }
    let md = std::fs::read_to_string(site.join("index.md")).unwrap();
    assert!(md.contains("| services/adults/team-11.xlsx"), "{md}");
}

#[test]
fn the_github_actions_example_runs_as_written() {
    let workflow = example("github-actions.yml");
    let jobs = &workflow["jobs"];
    let reports = &jobs["reports"];
    let shards: Vec<usize> = reports["strategy"]["matrix"]["shard"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|s| s.as_i64().unwrap() as usize)
        .collect();
    let total = shards.len();
    assert_eq!(shards, (1..=total).collect::<Vec<_>>());
    let work = tempfile::tempdir().unwrap();
    let artefacts = work.path().join("artefacts");
    let mut report_steps_ran = 0;

    // Each runner of the matrix.
    for &shard in &shards {
        let runner = work.path().join(format!("reports-{shard}"));
        checkout(&runner);
        for step in reports["steps"].as_vec().unwrap() {
            let uses = step["uses"].as_str().unwrap_or_default();
            if let Some(command) = step["run"].as_str() {
                let env: Vec<(String, String)> = step["env"]
                    .as_hash()
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| (text(k), github_expressions(&text(v), shard, total)))
                    .collect();
                if let Some(out) = shell(&github_expressions(command, shard, total), &runner, &env)
                {
                    report_steps_ran += 1;
                    let said = String::from_utf8_lossy(&out.stdout).into_owned();
                    assert!(
                        said.contains(&format!(
                            "shard {shard}/{total} (from SCORECARD_SHARD_INDEX"
                        )),
                        "{said}"
                    );
                }
            } else if uses.starts_with("actions/upload-artifact") {
                let name = github_expressions(&text(&step["with"]["name"]), shard, total);
                let path = text(&step["with"]["path"]);
                copy_tree(&runner.join(path), &artefacts.join(name));
            } else {
                assert!(
                    uses.starts_with("actions/checkout") || uses.starts_with("actions/cache"),
                    "a step the test does not know: {uses}"
                );
            }
        }
    }
    assert_eq!(report_steps_ran, total);

    // The job that collects them.
    let publish = &jobs["publish"];
    assert_eq!(text(&publish["needs"]), "reports");
    let runner = work.path().join("publish");
    checkout(&runner);
    let mut ran = Vec::new();
    for step in publish["steps"].as_vec().unwrap() {
        let uses = step["uses"].as_str().unwrap_or_default();
        if let Some(command) = step["run"].as_str() {
            if shell(command, &runner, &[]).is_some() {
                ran.push(command.to_string());
            }
        } else if uses.starts_with("actions/download-artifact") {
            let with = &step["with"];
            assert_eq!(with["merge-multiple"].as_bool(), Some(true));
            let prefix = text(&with["pattern"]).trim_end_matches('*').to_string();
            let into = runner.join(text(&with["path"]));
            for artefact in std::fs::read_dir(&artefacts).unwrap().flatten() {
                if artefact.file_name().to_string_lossy().starts_with(&prefix) {
                    copy_tree(&artefact.path(), &into);
                }
            }
        } else if uses.starts_with("actions/upload-pages-artifact") {
            assert!(runner
                .join(text(&step["with"]["path"]))
                .join("index.html")
                .is_file());
        } else {
            assert!(uses.starts_with("actions/checkout"), "unknown step {uses}");
        }
    }
    assert!(
        ran.iter().any(|c| c.starts_with("scorecard index")),
        "{ran:?}"
    );
    let site = runner.join("site");

    // Pages is deployed from the publish job's artefact, and the problems
    // are checked in a job of their own.
    let deploy = &jobs["deploy"];
    assert_eq!(text(&deploy["needs"]), "publish");
    for step in deploy["steps"].as_vec().unwrap() {
        assert!(step["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/deploy-pages")));
    }
    let problems = &jobs["problems"];
    let problems_runner = work.path().join("problems");
    checkout(&problems_runner);
    let mut checked = Vec::new();
    for step in problems["steps"].as_vec().unwrap() {
        if let Some(command) = step["run"].as_str() {
            if let Some(out) = shell(command, &problems_runner, &[]) {
                checked.push(command.to_string());
                // Clean workbooks: nothing to annotate.
                assert!(!String::from_utf8_lossy(&out.stdout).contains("::error"));
            }
        } else {
            assert!(step["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/checkout")));
        }
    }
    assert_eq!(
        checked,
        vec!["scorecard validate --format github services/"]
    );
    check_index(&site, 9);
    let mut manifests: Vec<String> = std::fs::read_dir(&site)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("manifest"))
        .collect();
    manifests.sort();
    assert_eq!(
        manifests,
        (1..=total)
            .map(|k| format!("manifest-{k}-of-{total}.json"))
            .collect::<Vec<_>>()
    );

    // The next push, with the cache of the last run: nothing is redone.
    let runner = work.path().join("reports-1");
    let step = reports["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.contains("batch")))
        .unwrap();
    let env = vec![
        ("SCORECARD_SHARD_INDEX".to_string(), "1".to_string()),
        ("SCORECARD_SHARD_TOTAL".to_string(), total.to_string()),
    ];
    let again = shell(step["run"].as_str().unwrap(), &runner, &env).unwrap();
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(
        said.contains(": 0 done, 0 failed,") && said.contains("skipped as unchanged"),
        "{said}"
    );
}

#[test]
fn the_gitlab_example_runs_as_written() {
    let pipeline = example("gitlab-ci.yml");
    let reports = &pipeline["reports"];
    let total = reports["parallel"].as_i64().unwrap() as usize;
    let out = text(&reports["artifacts"]["paths"][0]);
    let work = tempfile::tempdir().unwrap();
    let pages_runner = work.path().join("pages");
    checkout(&pages_runner);
    for shard in 1..=total {
        let runner = work.path().join(format!("reports-{shard}"));
        checkout(&runner);
        let env = vec![
            ("CI_NODE_INDEX".to_string(), shard.to_string()),
            ("CI_NODE_TOTAL".to_string(), total.to_string()),
        ];
        for command in reports["script"].as_vec().unwrap() {
            let said = shell(command.as_str().unwrap(), &runner, &env).unwrap();
            let said = String::from_utf8_lossy(&said.stdout).into_owned();
            assert!(
                said.contains(&format!("shard {shard}/{total} (from CI_NODE_INDEX")),
                "{said}"
            );
        }
        // A later stage receives every earlier job's artefacts, merged.
        copy_tree(&runner.join(&out), &pages_runner.join(&out));
    }
    let pages = &pipeline["pages"];
    assert_eq!(text(&pages["artifacts"]["paths"][0]), out);
    for command in pages["script"].as_vec().unwrap() {
        shell(command.as_str().unwrap(), &pages_runner, &[]);
    }
    check_index(&pages_runner.join(&out), 9);
    // The problems job, in a runner of its own; GitLab sets CI_NODE_TOTAL=1
    // in a job without `parallel:`, which is no split.
    let runner = work.path().join("problems");
    checkout(&runner);
    for command in pipeline["problems"]["script"].as_vec().unwrap() {
        let env = vec![("CI_NODE_TOTAL".to_string(), "1".to_string())];
        shell(command.as_str().unwrap(), &runner, &env).unwrap();
    }
    // The install step is the one thing left to the CI.
    let install = text(&pipeline["default"]["before_script"][0]);
    assert!(shell(&install, &pages_runner, &[]).is_none());
}

#[test]
fn shards_together_are_the_whole_batch_byte_for_byte() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let workbook =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/thurrock/thurrock-2011-12-m7.xlsx");
    for i in 0..30 {
        let folder = dir.join("services").join(format!("area-{}", i % 4));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::copy(&workbook, folder.join(format!("w{i}.xlsx"))).unwrap();
    }
    let run = |args: &[&str], env: &[(&str, &str)]| {
        crate::util::scorecard()
            .current_dir(dir)
            .env_remove("SCORECARD_SHARD_INDEX")
            .env_remove("SCORECARD_SHARD_TOTAL")
            .env_remove("CI_NODE_INDEX")
            .env_remove("CI_NODE_TOTAL")
            .envs(env.iter().copied())
            .args(["batch", "services", "--format", "md"])
            .args(args)
            .assert()
            .code(0)
    };
    run(&["--out", "whole"], &[]);
    let mut union = BTreeSet::new();
    let mut counted = 0;
    for k in 1..=3 {
        let out = format!("shard-{k}");
        run(&["--out", &out, "--shard", &format!("{k}/3")], &[]);
        let mut files = BTreeSet::new();
        files_below(&dir.join(&out), &dir.join(&out), &mut files);
        files.remove(Path::new(&format!("manifest-{k}-of-3.json")));
        counted += files.len();
        for f in &files {
            assert_eq!(
                std::fs::read(dir.join(&out).join(f)).unwrap(),
                std::fs::read(dir.join("whole").join(f)).unwrap(),
                "{}",
                f.display()
            );
        }
        union.extend(files);
    }
    // Disjoint, and together the whole.
    assert_eq!(counted, union.len());
    let mut whole = BTreeSet::new();
    files_below(&dir.join("whole"), &dir.join("whole"), &mut whole);
    whole.remove(Path::new("manifest.json"));
    assert_eq!(union, whole);
    assert_eq!(whole.len(), 30);

    // --shard auto with GitLab's variables is --shard 2/3.
    run(
        &["--out", "auto", "--shard", "auto"],
        &[("CI_NODE_INDEX", "2"), ("CI_NODE_TOTAL", "3")],
    );
    let (mut a, mut b) = (BTreeSet::new(), BTreeSet::new());
    files_below(&dir.join("auto"), &dir.join("auto"), &mut a);
    files_below(&dir.join("shard-2"), &dir.join("shard-2"), &mut b);
    assert_eq!(a, b);
    assert_eq!(
        std::fs::read(dir.join("auto/manifest-2-of-3.json")).unwrap(),
        std::fs::read(dir.join("shard-2/manifest-2-of-3.json")).unwrap()
    );

    // The index over the three shards lists all 30, each link resolving.
    crate::util::scorecard()
        .current_dir(dir)
        .args(["index", "shard-1", "shard-2", "shard-3", "--out", "site"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "30 workbooks (0 failed) from 3 manifests",
        ));
    let index = std::fs::read_to_string(dir.join("site/index.md")).unwrap();
    let links: Vec<&str> = index
        .split("](")
        .skip(1)
        .filter_map(|s| s.split(')').next())
        .collect();
    assert_eq!(links.len(), 30, "{index}");
    for link in links {
        assert!(dir.join("site").join(link).is_file(), "{link}");
    }
}
