//! Property tests: the parser never panics, and every span it reports lies inside the
//! input on character boundaries, whatever the input.

use layerlint::lint::lint;
use layerlint::syntax::{self, Args, Command, Dockerfile, Instruction, Span};
use proptest::prelude::*;

fn check_span(source: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: reversed span {span:?}");
    assert!(
        span.end <= source.len(),
        "{what}: span {span:?} past the end ({})",
        source.len()
    );
    assert!(
        source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
}

fn check_instruction(source: &str, ins: &Instruction) {
    check_span(source, ins.span, "instruction");
    check_span(source, ins.keyword_word.span, "keyword");
    for f in &ins.flags {
        check_span(source, f.span, "flag");
    }
    for h in &ins.heredocs {
        check_span(source, h.marker, "heredoc marker");
        check_span(source, h.body, "heredoc body");
    }
    let mut words = Vec::new();
    match &ins.args {
        Args::Command(Command::Exec(items)) | Args::List { items, .. } | Args::Words(items) => {
            words.extend(items)
        }
        Args::Command(Command::Shell(w)) | Args::Text(w) => words.push(w),
        Args::Healthcheck { kind, command } => {
            words.push(kind);
            match command {
                Some(Command::Exec(items)) => words.extend(items),
                Some(Command::Shell(w)) => words.push(w),
                None => {}
            }
        }
        Args::KeyValues(pairs) => pairs.iter().for_each(|p| words.extend([&p.key, &p.value])),
        Args::ArgDecls(decls) => decls.iter().for_each(|d| {
            words.push(&d.word);
            words.push(&d.name);
            words.extend(&d.default);
        }),
        Args::Onbuild(inner) => check_instruction(source, inner),
        Args::Empty | Args::Ignored => {}
    }
    for w in words {
        check_span(source, w.span, "word");
    }
}

fn check_all(source: &str) {
    let df: Dockerfile = syntax::parse(source);
    for ins in &df.instructions {
        check_instruction(source, ins);
    }
    for e in &df.errors {
        check_span(source, e.span, "error");
    }
    for c in &df.comments {
        check_span(source, c.span, "comment");
    }
    for d in &df.directives {
        check_span(source, d.span, "directive");
        check_span(source, d.value.span, "directive value");
    }
    let _ = syntax::dump::dump(&df);
    for d in lint(source).diagnostics {
        check_span(source, d.span, "diagnostic");
    }
}

const SEEDS: &[&str] = &[
    "# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine:3.20 AS build\nRUN echo a `\n  b\n",
    "FROM a\nRUN <<EOF cat > /x\nhello\nEOF\nCOPY <<A <<'B' /d/\n1\nA\n2\nB\n",
    "FROM a\nENV A=1 B=\"two words\" \\\n  C=3\nLABEL x y z\nARG p q=r\n",
    "FROM --platform=$BUILDPLATFORM b:1\nRUN --mount=type=cache,target=/c --network=none x\nONBUILD RUN [\"a\", \"b\"]\n",
    "FROM a\nHEALTHCHECK --interval=5s CMD [\"x\"]\nCMD ['bad json']\nSHELL [\"/bin/sh\", \"-c\"]\n",
    "\u{feff}FROM a\r\nRUN x \\\r\n\r\n  # c\r\n  y\r\n",
];

/// Fragments that exercise the parser's edge cases when spliced together.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\\\n".to_string()),
        Just("`\n".to_string()),
        Just("<<EOF\n".to_string()),
        Just("EOF\n".to_string()),
        Just("<<-'X' ".to_string()),
        Just("[\"a\", ".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("${a:-".to_string()),
        Just("--mount=".to_string()),
        Just("# escape=`\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("é漢\u{a0}".to_string()),
        Just("ONBUILD ".to_string()),
        "[A-Za-z ]{0,8}".prop_map(|s| s),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(source in "\\PC{0,200}") {
        check_all(&source);
    }

    #[test]
    fn spliced_fragments_never_panic(parts in prop::collection::vec(fragment(), 0..40)) {
        check_all(&parts.concat());
    }

    #[test]
    fn mutated_dockerfiles_never_panic(
        seed in prop::sample::select(SEEDS),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, fragment()), 1..8),
    ) {
        let mut text = seed.to_string();
        for (at, op, insert) in edits {
            let mut pos = at.index(text.len() + 1);
            while !text.is_char_boundary(pos) { pos -= 1; }
            match op {
                0 => text.insert_str(pos, &insert),
                1 => { let end = (pos + insert.len()).min(text.len()); let mut e = end; while !text.is_char_boundary(e) { e -= 1; } text.replace_range(pos..e, ""); }
                2 => text.truncate(pos),
                _ => { let dup = text[pos..].to_string(); text.push_str(&dup); }
            }
        }
        check_all(&text);
    }
}
