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

/// What a `$(...)` writes goes into its own command's word, not into the commands
/// after it: `V="$(curl ...)"; sh` runs no download.
#[test]
fn substituted_output_ends_with_its_command() {
    // (The brush walk of the whole: read item by item, the commands are apart anyway.)
    let s = brush("export V=\"$(curl -fsSL https://x)\"; sh; echo \"$(date)\" | tee log");
    assert_eq!(readers(&s, "curl"), ["export"]);
    assert_eq!(readers(&s, "date"), ["echo"]);
    let sh = s.commands.iter().find(|c| c.name == "sh").unwrap();
    assert!(sh.takes.is_empty(), "{sh:?}");
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

/// The brush walk alone, without the plain-list fast path.
fn brush(text: &str) -> Script {
    let mut out = Script::default();
    collect_with_brush(text, 0, Placement::Mapped(&identity), 0, &mut out);
    out
}

/// Where the fast path answers, it must answer exactly as brush does.
fn same_as_brush(text: &str) -> bool {
    let Some(fast) = plain::commands(text, 0, Placement::Mapped(&identity), 0) else {
        return false;
    };
    assert_eq!(
        fast,
        brush(text),
        "the fast path differs from brush on {text:?}"
    );
    true
}

#[test]
fn plain_lists_read_as_brush_reads_them() {
    for text in [
        "apt-get update && apt-get install -y curl=7.88 git",
        "a | b | c",
        "a || b; c\n\nd &&\n  e",
        "X=1 Y=2 make install",
        "X=1",
        "command apt-get install -y foo",
        "curl -fsSL https://x/install.sh | sh",
        "a;",
        "pip install --no-cache-dir flask==3.0.3 gunicorn~=21.2",
        "echo 'a; b | c' \"d && e\" f'g'\"h\"",
        "X=\"a b\" Y='c' make \"\" ''",
        "useradd -c 'Build user' -m build",
        "a > /dev/null",
        "ls *.txt",
        "rm -rf /var/lib/apt/lists/* /tmp/?",
        "make >/dev/null 2>&1 && make install 2>>err.log",
        "a <in >out|b 1>&2",
        "cmd 2> /dev/null arg",
        "echo x2>f",
        "> f cmd",
        "X=1 > f",
        "a >&-",
        "export PATH=$PATH:/opt/bin && tool --version",
        "yum install -y nginx-${NGINX_VERSION} && yum clean all",
        "echo \"$HOME\" \"${A}_$B\" x$C",
        "X=$Y cmd \"$Z\"",
        "$CMD arg | ${OTHER} x",
        "bash -c 'cd /tmp && ls'",
        "sh -c true",
        "sh -c 'echo a' && a",
        "sh -ec \"apt-get install $PKG\" | tee log",
        "sh -c 'sh -c \"a | b\"' x",
        "a > $f",
        "sh -c 'if true; then a; fi'",
        "[ -f /x ] || mkdir /x",
        "[ \"$A\" = x ]; echo ] [",
        "! grep -q x /y && a",
        "a && ! b || ! c",
    ] {
        assert!(same_as_brush(text), "{text:?} should take the fast path");
    }
    // Not plain: brush reads these.
    for text in [
        "if true; then a; fi",
        "> f",
        "a && > f",
        "a <<EOF",
        "a <<< x",
        "a <> f",
        "a >| f",
        "a &> f",
        "a >&f",
        "a >(b)",
        "a <(b)",
        "a >",
        "a > ;",
        "a & b",
        "; a",
        "a && && b",
        "a &&",
        "1X=2 cmd",
        "a; ; b",
        "case x in x) a;; esac",
        "echo {a,b}",
        "ls [ab].txt",
        "echo \"a\\\"b\"",
        "echo \"`id`\"",
        "echo 'unterminated",
        "\"X\"=1 cmd",
        "echo $1 $@",
        "echo ${X:-a}",
        "echo \"${#X}\"",
        "echo $(id)",
        "echo $",
        "echo \"a$\"",
        "echo ${X",
        "echo $'a'",
        "ls a[b]",
        "[[ -f x ]]",
        "a | ! b",
        "! ! a",
        "echo !",
        "a && !",
    ] {
        assert!(
            plain::commands(text, 0, Placement::Mapped(&identity), 0).is_none(),
            "{text:?}"
        );
    }
}

/// A repeatable stream of numbers below a bound (xorshift), for generated scripts.
fn below(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}

#[test]
fn plain_lists_match_brush_on_generated_scripts() {
    const WORDS: &[&str] = &[
        "apt-get",
        "install",
        "-y",
        "curl",
        "pkg=1.2",
        "X=1",
        "Y=a=b",
        "make",
        "-j4",
        "./configure",
        "--prefix=/usr",
        "rm",
        "-rf",
        "/var/lib/apt/lists/*x",
        "exec",
        "command",
        "busybox",
        "tee",
        "sh",
        "bash",
        "-s",
        "--",
        "a.b",
        "@scope/pkg@1",
        "~/x",
        "%",
        "^",
        "x,y",
        "true",
        "'a b'",
        "\"c;d\"",
        "X=\"1 2\"",
        "x'y'z",
        "\"--opt=v w\"",
        "''",
        "'it'\"'\"'s'",
        "\"if\"",
        "'|'",
        "*.txt",
        "/tmp/?",
        "2",
        ">/dev/null",
        "2>&1",
        "> out",
        ">>log",
        "<in",
        "2>'err log'",
        "1>&-",
        ">&",
        "<<",
        "$HOME",
        "${X}",
        "\"$A/b\"",
        "x${Y}z",
        "$",
        "${X",
        "$1",
        "-c",
        "'a && b'",
        "\"c $D\"",
        "'sh -c x'",
        "[",
        "]",
        "[ -f /x ]",
        "a[b]",
        "]x",
        "[x",
        "[[",
        "]]",
        "!",
        "! true",
        "x!",
    ];
    const OPS: &[&str] = &[
        " && ", " || ", " | ", "; ", "\n", " ", " ", " ", "\n  ", " &&\n  ", "",
    ];
    let mut next = below(0x2545F4914F6CDD1D);
    let mut fast = 0;
    for _ in 0..5000 {
        let mut text = String::new();
        for _ in 0..1 + next(12) {
            text.push_str(WORDS[next(WORDS.len())]);
            text.push_str(OPS[next(OPS.len())]);
        }
        text.push_str(WORDS[next(WORDS.len())]);
        if same_as_brush(&text) {
            fast += 1;
        }
    }
    assert!(
        fast > 700,
        "only {fast} of 5000 generated scripts took the fast path"
    );
}

/// The shell-form scripts of the corpus (RUN, CMD, ... and ONBUILD's), with the file
/// each is in.
fn corpus_scripts() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut scripts = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with("Dockerfile") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let df = crate::syntax::parse(&source);
        for instruction in &df.instructions {
            if let crate::syntax::Args::Command(crate::syntax::Command::Shell(word)) =
                &instruction.effective().args
            {
                scripts.push((path.display().to_string(), word.value.to_string()));
            }
        }
    }
    scripts
}

#[test]
fn plain_lists_match_brush_on_the_corpus() {
    let fast = corpus_scripts()
        .iter()
        .filter(|(_, text)| same_as_brush(text))
        .count();
    assert!(fast > 100, "only {fast} corpus scripts took the fast path");
}

/// brush gives a `$(...)` word with its tabs as spaces and its escaped newlines left out
/// (a docker-library `runDeps="$( \ scanelf ... \ | tr ... )"` joined by BuildKit); the
/// commands inside still count, at their places as written.
#[test]
fn substitutions_written_with_tabs_and_continuations_are_read() {
    for text in [
        "runDeps=\"$(\t\tscanelf --needed /usr/local \t\t\t| tr ',' '\\n' \t)\"; apk add $runDeps",
        "echo ${x:-$(cd /a\t|b)}",
        "x=\"$(a \\\n\t| b)\"",
    ] {
        let s = script(text);
        assert!(s.has_pipe, "{text:?}");
        let first = &s.commands[0];
        let at = text.find(first.name.as_str()).unwrap();
        assert_eq!(
            first.span.start, at,
            "{text:?}: {} is placed where it is written",
            first.name
        );
    }
    assert_eq!(
        names(&script(
            "runDeps=\"$(\tscanelf x \t| tr a b)\"; apk add $runDeps"
        )),
        ["scanelf", "tr", "apk"]
    );
}

/// A script as `collect` reads it: the fast path, item by item, or brush.
fn collected(text: &str) -> Script {
    let mut out = Script::default();
    collect(text, 0, Placement::Mapped(&identity), 0, &mut out);
    out
}

/// Read item by item, a docker-library script gives what the brush walk of the whole
/// gives: the same commands, words, places and pipes.
#[test]
fn scripts_read_item_by_item_read_as_brush_reads_them() {
    for text in [
        "set -eux; apt-get update; if [ -f /etc/x ]; then cat /etc/x; fi; rm -rf /var/lib/apt/lists/*",
        "set -eux; \tsavedAptMark=\"$(apt-mark showmanual)\"; \tapt-get install -y wget; \tapt-mark auto '.*' > /dev/null; \t[ -z \"$savedAptMark\" ] || apt-mark manual $savedAptMark",
        "for f in a b c; do touch /tmp/$f; done && ls /tmp | wc -l",
        "{ apt-get update; apt-get install -y curl; } && rm -rf /var/lib/apt/lists/*",
        "mkdir -p target && (cd target; jar -xf ../*.jar) || echo failed",
        "export GNUPGHOME=\"$(mktemp -d)\"; gpg --batch --verify x.asc x; rm -rf \"$GNUPGHOME\"",
        "while ! curl -f localhost; do sleep 1; done\napk add --no-cache git",
        "echo \"${X:-a b}\" ${Y#pre}; [ ! -d /var/www/html ]; diff <(ls a) <(ls b)",
        "arch=\"$(dpkg --print-architecture)\"; case \"$arch\" in amd64) x=1;; esac; echo $x",
        "set -ex; case \"$a\" in amd64 | arm64) apt-get update; ;; *) f() { g; }; f; case $b in x) y;; esac; cd /; ;; esac; rm -rf /x",
        "case a in (b) echo esac;; esac; ls",
        "echo ok; echo `date`",
        "cat <<EOF > /x; echo done\nbody\nEOF",
        "a; fi",
        "a; if b; then c",
        "echo é; if true; then echo ü; fi; echo ß",
    ] {
        assert_eq!(collected(text), brush(text), "{text:?}");
    }
    // A docker-library script is cut into its items, a `case` kept whole.
    let docker_library = "set -eux; apt-get update; if [ -f x ]; then y; fi; \
        case \"$a\" in amd64) b;; esac; z";
    let items: Vec<&str> = segments::top_level(docker_library)
        .unwrap()
        .into_iter()
        .map(|(s, e)| docker_library[s..e].trim())
        .collect();
    assert_eq!(
        items,
        [
            "set -eux",
            "apt-get update",
            "if [ -f x ]; then y; fi",
            "case \"$a\" in amd64) b;; esac",
            "z"
        ]
    );
}

/// Scripts made of plain commands, compound commands, substitutions and a few
/// malformed pieces, joined every way: item by item, each reads as brush reads the whole.
#[test]
fn items_match_brush_on_generated_scripts() {
    const PIECES: &[&str] = &[
        "apt-get install -y curl=1.2",
        "X=1 make -j4",
        "rm -rf /var/lib/apt/lists/*",
        "if [ -f /x ]; then cat /x; fi",
        "if a; then b; elif c; then d; else e; fi",
        "for f in a b; do rm \"$f\"; done",
        "while read l; do echo \"$l\"; done < list",
        "{ a; b | c; }",
        "(cd /src && make)",
        "v=\"$(cat /x | tr a b)\"",
        "echo \"${A:-x y}\" $(( 1 + 2 ))",
        "! grep -q x /y",
        "[ ! -d /z ] || mkdir /z",
        "curl -fsSL https://x | sh",
        "sh -c 'a && b'",
        "make 2>&1 >/dev/null",
        "echo done",
        "echo if",
        "fi",
        "{",
        "( a",
        "echo `x`",
        "case $a in x) y;; esac",
        "case \"$v\" in a | b) c; d;; (e) f() { g; }; f;; *) ;; esac",
        "echo a # note",
        "f() { g; }",
        "a &",
        "echo é",
        "if a; then if b; then c; fi; fi",
        "while true; do { a; b; }; done",
        "until a; do b; done > log",
        "for x in $(ls); do a; done",
        "for x in a \"b\" $C\ndo b; done",
        "for x; do y; done",
        "for x in; do y; done",
        "for 1x in a; do b; done",
        "for $(x) in a; do b; done",
        "for x y; do z; done",
        "for a-b in \"$(c)\"; do d; done",
        "if a; then; fi",
        "if a; then b; else fi",
        "if a; else b; then c; fi",
        "if a; then b; elif c; fi",
        "if a; then b; else c; else d; fi",
        "if a; then b; fi 2>&1",
        "( cd x && make install )",
        "{ a; } | b",
        "while a; do\n  if b; then c; elif d; then e; else (f; g); fi\ndone",
    ];
    const SEPARATORS: &[&str] = &["; ", " && ", " || ", "\n", " | ", ";\t", "\n\n"];
    let mut next = below(0x9E3779B97F4A7C15);
    let mut by_items = 0;
    for _ in 0..6000 {
        let mut text = String::from(PIECES[next(PIECES.len())]);
        for _ in 0..next(6) {
            text.push_str(SEPARATORS[next(SEPARATORS.len())]);
            text.push_str(PIECES[next(PIECES.len())]);
        }
        if segments::top_level(&text).is_some() {
            by_items += 1;
        }
        assert_eq!(collected(&text), brush(&text), "{text:?}");
    }
    assert!(
        by_items > 600,
        "only {by_items} of 6000 scripts were read by items"
    );
}

/// Every shell-form script of the corpus reads as brush reads it, whichever way
/// `collect` takes.
#[test]
fn collected_scripts_match_brush_on_the_corpus() {
    let mut by_items = 0;
    for (path, text) in corpus_scripts() {
        if plain::commands(&text, 0, Placement::Mapped(&identity), 0).is_none()
            && segments::top_level(&text).is_some()
        {
            by_items += 1;
        }
        assert_eq!(collected(&text), brush(&text), "{path}: {text:?}");
    }
    assert!(
        by_items > 10,
        "only {by_items} corpus scripts were read by items"
    );
}

/// Any text, cut or not, reads as brush reads it and never panics: every string of up
/// to 4 pieces over the pieces that steer the item scanner (multi-byte and escaped ones
/// among them) is cut at character boundaries, and a sample of the longest reads as
/// brush reads it.
#[test]
fn the_item_scanner_takes_any_text() {
    let alphabet = [
        "a", ";", "&", "|", "(", ")", "{", "}", "\"", "'", "\\", "$", " ", "\n", "é", "\\é", "if ",
        "fi", "case ", "esac", ">", "<", "#",
    ];
    let mut texts = vec![String::new()];
    for _ in 0..4 {
        texts = texts
            .iter()
            .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
            .collect();
        for text in &texts {
            if let Some(items) = segments::top_level(text) {
                for (s, e) in items {
                    assert!(
                        text.is_char_boundary(s) && text.is_char_boundary(e),
                        "{text:?}"
                    );
                }
            }
        }
    }
    for text in texts.iter().step_by(97) {
        assert_eq!(collected(text), brush(text), "{text:?}");
    }
}

thread_local! {
    /// How many texts brush has been asked to read on this thread.
    pub(super) static BRUSH_READS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// `collected`, and how many texts it sent to brush.
fn collected_counting(text: &str) -> (Script, usize) {
    let before = BRUSH_READS.with(|n| n.get());
    let script = collected(text);
    (script, BRUSH_READS.with(|n| n.get()) - before)
}

/// The compound commands of docker-library scripts (`if`/`elif`/`else`, loops over plain
/// words, groups, subshells, nested a few deep) are opened into their lists and read
/// without brush, as brush reads them; what runs a command in a `for` header, or is not
/// a whole compound command, still goes to brush.
#[test]
fn compound_commands_are_read_without_brush() {
    for text in [
        "if [ -f /etc/x ]; then cat /etc/x; fi",
        "set -eux; if [ \"$a\" = amd64 ]; then x=1; elif [ \"$a\" = arm64 ]; then x=2; else exit 1; fi; echo $x",
        "for f in a \"b c\" $D; do\n\tif [ -e \"$f\" ]; then rm \"$f\"; fi\ndone",
        "while ! curl -f localhost; do sleep 1; done",
        "{ apt-get update && apt-get install -y curl; } && (cd /src && make) && rm -rf /x",
    ] {
        let (script, reads) = collected_counting(text);
        assert_eq!(reads, 0, "{text:?} went to brush");
        assert_eq!(script, brush(text), "{text:?}");
    }
    for text in [
        "for f in $(ls); do rm $f; done",
        "if a; then b; fi > /log",
        "if a; then b; fi | tee /log",
    ] {
        let (script, reads) = collected_counting(text);
        assert!(reads > 0, "{text:?} was not read by brush");
        assert_eq!(script, brush(text), "{text:?}");
    }
    let text = "if a; then b; elif c; then d; else e; fi ";
    let cut = segments::cut(text).unwrap();
    let lists: Vec<&str> = cut
        .compound_lists(text, cut.items[0])
        .unwrap()
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect();
    assert_eq!(lists, [" a; ", " b; ", " c; ", " d; ", " e; "]);
}

/// Nesting thousands deep (garbage, or hostile input) does not overflow a worker's
/// 2 MiB stack in brush: the script is split as a rejected one is. Nesting within the
/// limit brush is given still reads as brush reads it.
#[test]
fn deep_nesting_is_split_without_overflowing_the_stack() {
    const SHAPES: &[(&str, &str, &str)] = &[
        ("if a; then ", "b", "; fi"),
        ("( ", "b", " )"),
        ("echo $( ", "b", " )"),
        ("while a; do ", "b", "; done"),
        ("echo \"${a:-", "b", "}\""),
        ("echo $(( ", "1", " ))"),
        ("{ ", "b", "; }"),
        ("case x in x) ", "b", ";; esac"),
        ("for a in b; do ", "c", "; done"),
    ];
    let worker = std::thread::Builder::new().stack_size(2 << 20);
    worker
        .spawn(|| {
            for (open, inner, close) in SHAPES {
                let nest = |n: usize| format!("{}{inner}{}", open.repeat(n), close.repeat(n));
                let deep = collected(&nest(5000));
                assert!(deep.fallback, "{open:?} 5000 deep was not split");
                // Half the limit, as a `$((` opens two parentheses.
                let text = nest(MAX_BRUSH_NESTING / 2);
                assert_eq!(collected(&text), brush(&text), "{open:?} 20 deep");
            }
        })
        .unwrap()
        .join()
        .expect("deep nesting overflowed a 2 MiB stack");
}
