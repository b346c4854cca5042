//! Every rule has a page under rules/, and the page's examples are run: the bad example
//! must trigger the rule, the good one must lint clean of it and of syntax errors.

use layerlint::config::{self, Settings};
use layerlint::context::{BuildContext, DockerIgnore};
use layerlint::lint::{lint_in_context, lint_with_build_context};
use layerlint::rules::RULES;
use std::fs;
use std::path::Path;

/// The first ```<lang> block after the heading `## <section>`.
fn block(page: &str, section: &str, lang: &str) -> Option<String> {
    let heading = format!("## {section}\n");
    let after = &page[page.find(&heading)? + heading.len()..];
    let fence = format!("```{lang}\n");
    let block = &after[after.find(&fence)? + fence.len()..];
    Some(block[..block.find("```")?].to_string())
}

fn example(page: &str, section: &str) -> Option<String> {
    block(page, section, "dockerfile")
}

/// The page's `## Configuration` block, for rules that need one to run.
fn settings(page: &str) -> Settings {
    block(page, "Configuration", "yaml")
        .map(|yaml| config::parse(&yaml).expect("the page's configuration parses"))
        .unwrap_or_default()
}

/// The page's `## Context` block: the build context's `.dockerignore`.
fn dockerignore(page: &str) -> Option<DockerIgnore> {
    block(page, "Context", "dockerignore")
        .map(|text| DockerIgnore::parse(&text).expect("the page's .dockerignore parses"))
}

/// The page's `## Context files` block: one path a line (`path: content`, or the path as
/// its content), the build context the examples are linted in, with the Dockerfile in it.
fn context_files(page: &str) -> Option<Vec<(String, String)>> {
    block(page, "Context files", "files").map(|text| {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| match l.split_once(": ") {
                Some((path, content)) => (path.to_string(), format!("{content}\n")),
                None => (l.to_string(), format!("{l}\n")),
            })
            .collect()
    })
}

fn lint(page: &str, source: &str) -> layerlint::lint::LintResult {
    let ignore = dockerignore(page);
    let Some(files) = context_files(page) else {
        return lint_in_context(source, &settings(page), ignore.as_ref());
    };
    let dir = tempfile::tempdir().unwrap();
    for (path, content) in &files {
        let full = dir.path().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, content).unwrap();
    }
    if let Some(text) = block(page, "Context", "dockerignore") {
        fs::write(dir.path().join(".dockerignore"), text).unwrap();
    }
    let dockerfile = dir.path().join("Dockerfile");
    fs::write(&dockerfile, source).unwrap();
    let build = BuildContext::new(dir.path(), ignore.as_ref(), Some(&dockerfile));
    lint_with_build_context(source, &settings(page), ignore.as_ref(), Some(&build))
}

#[test]
fn every_rule_has_a_page_and_every_page_a_rule() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut pages: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".md")
                .to_string()
        })
        .collect();
    pages.sort();
    let mut codes: Vec<String> = RULES.iter().map(|r| r.meta.code.to_string()).collect();
    codes.sort();
    assert_eq!(pages, codes);
}

#[test]
fn page_headers_match_rule_metadata() {
    for rule in RULES {
        let m = &rule.meta;
        let page = m.page;
        assert!(
            page.starts_with(&format!("# {}: {}", m.code, m.summary)),
            "{}: title",
            m.code
        );
        let row = format!(
            "| {} | {} | {}",
            m.code,
            m.name,
            m.default_severity.as_str()
        );
        assert!(
            page.contains(&row),
            "{}: metadata row should start with {row}",
            m.code
        );
        for alias in m.aliases.iter().chain(m.peer_checks) {
            assert!(
                page.contains(alias),
                "{}: page should name alias {alias}",
                m.code
            );
        }
    }
}

#[test]
fn bad_examples_trigger_and_good_examples_pass() {
    for rule in RULES {
        let code = rule.meta.code;
        let bad =
            example(rule.meta.page, "Bad").unwrap_or_else(|| panic!("{code}: no Bad example"));
        let good =
            example(rule.meta.page, "Good").unwrap_or_else(|| panic!("{code}: no Good example"));

        let found = lint(rule.meta.page, &bad).diagnostics;
        assert!(
            found.iter().any(|d| d.code == code),
            "{code}: bad example not flagged: {found:?}"
        );

        let found = lint(rule.meta.page, &good).diagnostics;
        assert!(
            !found.iter().any(|d| d.code == code || d.code == "DL1000"),
            "{code}: good example flagged: {found:?}"
        );
    }
}

/// Every fixable rule's page has a `## Fixed` block: the bad example after
/// `check --fix --unsafe-fixes` with only that rule's fixes. The fix must give exactly
/// that text, the text must no longer have the finding, and a second fix changes nothing.
#[test]
fn fixes_produce_the_fixed_block() {
    for rule in RULES.iter().filter(|r| r.meta.fixable) {
        let code = rule.meta.code;
        let page = rule.meta.page;
        let bad = example(page, "Bad").unwrap();
        let expected = example(page, "Fixed").unwrap_or_else(|| panic!("{code}: no Fixed example"));
        let mut settings = settings(page);
        settings.fixable = Some(vec![code.to_string()]);
        let options = layerlint::fix::FixOptions { unsafe_fixes: true };
        let fixed = layerlint::fix::fix(&bad, options, &settings, |t| lint(page, t));
        assert_eq!(
            fixed.text, expected,
            "{code}: the fix should give the page's Fixed example"
        );
        assert!(
            !lint(page, &fixed.text)
                .diagnostics
                .iter()
                .any(|d| d.code == code || d.code == "DL1000"),
            "{code}: fixed form still flagged:\n{}",
            fixed.text
        );
        let again = layerlint::fix::fix(&fixed.text, options, &settings, |t| lint(page, t));
        assert_eq!(again.text, fixed.text, "{code}: a second fix changed it");
    }
}

/// The README's table of every rule and the names it answers to stays true: one row per
/// rule, in registry order, naming each alias and peer check.
#[test]
fn readme_rule_table_names_every_alias() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("<!-- rules-table")
        .expect("README has the rules table");
    let end = readme.find("<!-- /rules-table -->").unwrap();
    let rows: Vec<&str> = readme[start..end]
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| code"))
        .collect();
    assert_eq!(rows.len(), RULES.len(), "one row per rule");
    for (rule, row) in RULES.iter().zip(rows) {
        let m = &rule.meta;
        assert!(
            row.starts_with(&format!("| {} | {} |", m.code, m.family().title())),
            "{row}"
        );
        for name in m.aliases.iter().chain(m.peer_checks) {
            assert!(
                row.contains(name),
                "{}: the README row should name {name}",
                m.code
            );
        }
    }
}
