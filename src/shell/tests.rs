use super::*;

fn identity(s: usize, e: usize) -> Span {
    Span::new(s, e)
}

fn script(text: &str) -> Script {
    parse(text, Placement::Mapped(&identity))
}

fn names(s: &Script) -> Vec<&str> {
    s.commands.iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn and_or_lists_and_pipes() {
    let s = script("apt-get update && apt-get install -y curl || true; curl x | sh");
    assert_eq!(names(&s), ["apt-get", "apt-get", "true", "curl", "sh"]);
    assert!(s.has_pipe);
    assert!(!s.fallback);
    assert!(!script("a && b || c").has_pipe);
}

#[test]
fn commands_inside_compound_and_substitutions() {
    let s = script(
        "if [ -f x ]; then cd /a; fi; for p in $(ls /b | sort); do rm $p; done; (sudo ls); f() { wget x; }",
    );
    assert_eq!(names(&s), ["cd", "ls", "sort", "rm", "sudo", "wget"]);
    assert!(s.has_pipe, "the pipe inside $(...) counts");
}

#[test]
fn sh_c_scripts_are_parsed_with_exact_spans() {
    let text = "sh -c 'apt-get install foo'";
    let s = script(text);
    let apt = s.commands.iter().find(|c| c.name == "apt-get").unwrap();
    let foo = &apt.args[1];
    assert_eq!(&text[foo.span.start..foo.span.end], "foo");
}

#[test]
fn words_are_unquoted_and_placed() {
    let text = "DEBIAN_FRONTEND=noninteractive apt-get install -y \"föo\"=1.2 bar=$V";
    let s = script(text);
    let c = &s.commands[0];
    assert_eq!(c.name, "apt-get");
    assert_eq!(
        c.assignments,
        [("DEBIAN_FRONTEND".into(), "noninteractive".into())]
    );
    let values: Vec<&str> = c.args.iter().map(|a| a.value.as_str()).collect();
    assert_eq!(values, ["install", "-y", "föo=1.2", "bar=${VAR}"]);
    let a = &c.args[2];
    assert_eq!(&text[a.span.start..a.span.end], "\"föo\"=1.2");
}

#[test]
fn flags_follow_hadolint() {
    let s = script("pip install -qU --no-cache-dir=1 -r req.txt -- x -");
    let c = &s.commands[0];
    let flags: Vec<&str> = c.flags().map(|(_, f)| f).collect();
    assert_eq!(flags, ["q", "U", "no-cache-dir", "r"]);
    let dropped = c.drop_flag_values(&["r"]);
    let rest: Vec<&str> = dropped
        .args_no_flags()
        .iter()
        .map(|a| a.value.as_str())
        .collect();
    assert_eq!(rest, ["install", "--", "x", "-"]);
}

#[test]
fn rejected_scripts_fall_back_to_splitting() {
    let s = script("apt-get install foo && ( echo unbalanced");
    assert!(s.fallback);
    assert_eq!(names(&s), ["apt-get", "echo"]);
}

#[test]
fn wrappers_are_looked_through() {
    assert_eq!(names(&script("command -v apt-get")), ["apt-get"]);
    assert_eq!(names(&script("exec gosu app")), ["gosu"]);
}

#[test]
fn simplify_matches_shellcheck() {
    for (raw, want) in [
        ("'a b'", "a b"),
        ("\"x$HOME/y\"", "x${VAR}/y"),
        ("a\\ b", "a b"),
        ("$(echo x)", "${VAR}"),
        ("`date`", "${VAR}"),
        ("${A:-b}c", "${VAR}c"),
        ("$", "$"),
        ("$'q'", "q"),
    ] {
        assert_eq!(simplify(raw), want, "{raw}");
    }
}

/// The names of the commands that read what the first command named `writer` writes.
fn readers(s: &Script, writer: &str) -> Vec<String> {
    let w = s.commands.iter().find(|c| c.name == writer).unwrap();
    s.readers_of(w).iter().map(|c| c.name.clone()).collect()
}

#[test]
fn streams_link_writers_to_readers() {
    let s = script("curl -fsSL https://x/install.sh | sh -s -- -y && echo done");
    assert_eq!(readers(&s, "curl"), ["sh"]);
    assert!(readers(&s, "echo").is_empty());
    // Through tee, and a three-part pipeline links neighbours only.
    let s = script("wget -qO- https://x | tee /tmp/log | bash");
    assert_eq!(readers(&s, "wget"), ["tee", "bash"]);
    let s = script("curl x | gunzip | tar x");
    assert_eq!(readers(&s, "curl"), ["gunzip"]);
    // A command substitution used as a word, and a process substitution.
    let s = script(r#"sh -c "$(curl -fsSL https://x/install.sh)""#);
    assert_eq!(readers(&s, "curl"), ["sh"]);
    let s = script("bash <(curl -s https://x)");
    assert_eq!(names(&s), ["bash", "curl"], "in written order");
    assert_eq!(readers(&s, "curl"), ["bash"]);
    // An assignment's substitution feeds no command.
    let s = script("V=$(curl -s https://x/version) && echo $V");
    assert!(readers(&s, "curl").is_empty());
    // Inside if bodies and nested sh -c scripts.
    let s = script("if true; then sh -c 'curl x | bash'; fi");
    assert_eq!(readers(&s, "curl"), ["bash"]);
}

#[test]
fn fallback_splitter_links_pipes() {
    // An unbalanced quote makes brush give up; the splitter still sees the pipe.
    let s = script("curl https://x | sh; echo 'oops");
    assert!(s.fallback);
    assert_eq!(readers(&s, "curl"), ["sh"]);
}

#[test]
fn process_substitutions_in_redirects_run_and_feed() {
    let s = script("while read -r x; do echo \"$x\"; done < <(ls | sort)");
    assert!(s.has_pipe, "the pipe inside <(...) counts");
    assert!(names(&s).contains(&"sort"));
    let s = script("bash < <(curl -fsSL https://x)");
    assert_eq!(readers(&s, "curl"), ["bash"]);
}
