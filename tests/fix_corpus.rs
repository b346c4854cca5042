//! `--fix --unsafe-fixes` over every Dockerfile of the agreement corpus: the result still
//! parses as well as before, no finding with a fix is left, and fixing again changes
//! nothing.

use layerlint::config::Settings;
use layerlint::diagnostics::Applicability;
use layerlint::fix::{FixOptions, fix};
use layerlint::lint::lint_with;
use layerlint::syntax::Keyword;
use std::fs;
use std::path::Path;

#[test]
fn fixing_the_corpus_converges_and_keeps_it_parsing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let settings = Settings::default();
    let options = FixOptions { unsafe_fixes: true };
    let mut files = 0;
    let mut applied = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "Dockerfile") {
            continue;
        }
        let source = fs::read_to_string(&path).unwrap();
        let before = lint_with(&source, &settings);
        let fixed = fix(&source, options, &settings, |t| lint_with(t, &settings));
        files += 1;
        applied += fixed.applied;
        assert!(
            fixed.result.dockerfile().parser_errors().count()
                <= before.dockerfile().parser_errors().count(),
            "{}: the fix broke the parse:\n{}",
            path.display(),
            fixed.text
        );
        let left: Vec<_> = fixed
            .result
            .diagnostics
            .iter()
            .filter(|d| {
                d.fix.as_ref().is_some_and(|f| {
                    f.applicability != Applicability::Display && !f.edits.is_empty()
                })
            })
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(
            left.is_empty(),
            "{}: fixable findings left: {left:?}",
            path.display()
        );
        // The same instructions, but for what a fix turns into another (MAINTAINER into
        // LABEL, ADD into COPY) or adds (DL4006's SHELL, DL3003's WORKDIR); a move
        // (LL2004's ARG) may reorder them, so they are compared sorted.
        let shape = |d: &layerlint::syntax::Dockerfile| -> Vec<Keyword> {
            d.instructions
                .iter()
                .map(|i| match i.keyword {
                    Keyword::Maintainer => Keyword::Label,
                    Keyword::Add => Keyword::Copy,
                    k => k,
                })
                .filter(|k| !matches!(k, Keyword::Shell | Keyword::Workdir))
                .collect()
        };
        let sorted = |mut v: Vec<Keyword>| {
            v.retain(|k| *k != Keyword::Unknown);
            v.sort_by_key(|k| k.as_str());
            v
        };
        let original_shape = sorted(shape(before.dockerfile()));
        let fixed_shape = sorted(shape(fixed.result.dockerfile()));
        assert_eq!(
            original_shape,
            fixed_shape,
            "{}: the fix changed the instructions:\n{}",
            path.display(),
            fixed.text
        );
        let again = fix(&fixed.text, options, &settings, |t| lint_with(t, &settings));
        assert_eq!(
            again.text,
            fixed.text,
            "{}: a second --fix changed it",
            path.display()
        );
        assert_eq!(again.applied, 0);
    }
    assert!(files >= 100, "{files} corpus files");
    assert!(applied > 0, "no fix applied on the corpus");
    eprintln!("{files} corpus files, {applied} fixes applied");
}
