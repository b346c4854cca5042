//! Shell analysis of RUN commands: the simple commands a script runs, with their words
//! unquoted and placed in the Dockerfile.
//!
//! Scripts go through brush-parser (a typed bash AST). Commands are collected from
//! everywhere they can run: and-or lists, pipelines, `if`/`for`/`while`/`case` bodies,
//! subshells, functions, `$(...)` and backquotes, and the script of `sh -c '...'`. When
//! brush rejects a script, a plain splitter on `&&`, `||`, `;`, `|` and newlines takes over
//! so a typo in one RUN does not blind every rule to it.

mod plain;
mod segments;
mod split;
mod words;

use crate::syntax::Span;
use brush_parser::ast;

pub use words::simplify;

/// Nesting limit for `$(...)` and `sh -c` re-parsing: hostile input cannot recurse deeply.
const MAX_DEPTH: usize = 8;

/// One word of a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg {
    /// The word with quotes and escapes removed and every expansion (`$X`, `${X}`,
    /// `$(...)`, backquotes) written as `${VAR}`, as hadolint and ShellCheck see words.
    pub value: String,
    /// The word as written, when it differs from `value` (most words are plain, and a
    /// second copy of each would be most of what a script's commands allocate).
    written: Option<Box<str>>,
    pub span: Span,
}

impl Arg {
    pub fn new(value: String, raw: &str, span: Span) -> Arg {
        let written = (raw != value).then(|| raw.into());
        Arg {
            value,
            written,
            span,
        }
    }

    /// A word whose value is what is written (no quotes, escapes or expansions).
    pub fn verbatim(raw: &str, span: Span) -> Arg {
        Arg {
            value: raw.to_string(),
            written: None,
            span,
        }
    }

    /// The word as written.
    pub fn raw(&self) -> &str {
        self.written.as_deref().unwrap_or(&self.value)
    }
}

/// One simple command: `NAME=v cmd arg...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// The command name (a wrapper such as `command` or `busybox` is looked through).
    pub name: String,
    /// Every word after the first, in order (for `command apt-get x` that includes `apt-get`).
    pub args: Vec<Arg>,
    /// `NAME=value` assignments written before the command.
    pub assignments: Vec<(String, String)>,
    /// Run by the script of an `sh -c '...'` rather than by the RUN's own script.
    pub nested: bool,
    /// From the first word to the last.
    pub span: Span,
    /// The stream this command's output goes into: the next command of its pipeline, or
    /// the command that reads it through `<(...)` or uses it as a word through `$(...)`.
    pub feeds: Option<Stream>,
    /// The streams this command reads (ids in `feeds` of the commands that write them).
    pub takes: Vec<Stream>,
}

/// A link from one command's output to another command, unique within a script.
pub type Stream = u32;

impl Command {
    /// Flags as hadolint splits them: `--long=v` gives `long`, `-abc` gives `a`, `b`, `c`.
    /// Each comes with the index of the argument it was written in.
    pub fn flags(&self) -> impl Iterator<Item = (usize, &str)> {
        self.args
            .iter()
            .enumerate()
            .flat_map(|(i, a)| flag_names(&a.value).map(move |f| (i, f)))
    }

    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags().any(|(_, f)| f == flag)
    }

    pub fn has_any_flag(&self, flags: &[&str]) -> bool {
        self.flags().any(|(_, f)| flags.contains(&f))
    }

    pub fn has_arg(&self, value: &str) -> bool {
        self.args.iter().any(|a| a.value == value)
    }

    pub fn has_any_arg(&self, values: &[&str]) -> bool {
        self.args.iter().any(|a| values.contains(&a.value.as_str()))
    }

    /// `name` run with any of `subcommands` among its arguments (hadolint's `cmdHasArgs`).
    pub fn is(&self, name: &str, subcommands: &[&str]) -> bool {
        self.name == name && (subcommands.is_empty() || self.has_any_arg(subcommands))
    }

    /// The arguments that are not flags.
    pub fn args_no_flags(&self) -> Vec<&Arg> {
        let flag_args: Vec<usize> = self.flags().map(|(i, _)| i).collect();
        self.args
            .iter()
            .enumerate()
            .filter(|(i, _)| !flag_args.contains(i))
            .map(|(_, a)| a)
            .collect()
    }

    /// The command without the value of each of the given flags written apart
    /// (`--registry URL`); `--registry=URL` carries its own, so the next word stays.
    pub fn drop_separate_flag_values(&self, flags: &[&str]) -> Command {
        self.without_values(|i, f| flags.contains(&f) && !self.args[i].value.contains('='))
    }

    /// The command without the argument that follows each of the given flags: the
    /// flag's value, as hadolint drops it (even after `--flag=value`).
    pub fn drop_flag_values(&self, flags: &[&str]) -> Command {
        self.without_values(|_, f| flags.contains(&f))
    }

    /// The command without the word after each flag `drops` picks (by argument index
    /// and flag name).
    fn without_values(&self, drops: impl Fn(usize, &str) -> bool) -> Command {
        let drop: Vec<usize> = self
            .flags()
            .filter(|(i, f)| drops(*i, f))
            .map(|(i, _)| i + 1)
            .collect();
        Command {
            args: self
                .args
                .iter()
                .enumerate()
                .filter(|(i, _)| !drop.contains(i))
                .map(|(_, a)| a.clone())
                .collect(),
            ..self.clone()
        }
    }
}

/// Everything a script runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    /// In source order.
    pub commands: Vec<Command>,
    /// A `|` pipeline anywhere in the script.
    pub has_pipe: bool,
    /// brush-parser rejected the script and the plain splitter was used.
    pub fallback: bool,
    /// How many stream ids the commands use (the next free one).
    pub streams: Stream,
}

impl Script {
    pub fn any(&self, f: impl Fn(&Command) -> bool) -> bool {
        self.commands.iter().any(f)
    }

    /// The commands named `name` with any of `subcommands` among their arguments.
    pub fn find<'a>(
        &'a self,
        name: &'a str,
        subcommands: &'a [&'a str],
    ) -> impl Iterator<Item = &'a Command> + 'a {
        self.commands
            .iter()
            .filter(move |c| c.is(name, subcommands))
    }

    pub fn append(&mut self, other: Script) {
        let offset = self.streams;
        self.commands
            .extend(other.commands.into_iter().map(|mut c| {
                c.feeds = c.feeds.map(|s| s + offset);
                c.takes.iter_mut().for_each(|s| *s += offset);
                c
            }));
        self.streams += other.streams;
        self.has_pipe |= other.has_pipe;
        self.fallback |= other.fallback;
    }

    /// The commands that read what `command` writes, directly or through commands that
    /// pass their input on unchanged (`tee`, `cat` without files): `curl ... | tee log | sh`.
    pub fn readers_of<'a>(&'a self, command: &Command) -> Vec<&'a Command> {
        let mut found = Vec::new();
        let mut frontier: Vec<Stream> = command.feeds.into_iter().collect();
        let mut seen = foldhash::HashSet::default();
        while let Some(stream) = frontier.pop() {
            if !seen.insert(stream) {
                continue;
            }
            for reader in self.commands.iter().filter(|c| c.takes.contains(&stream)) {
                found.push(reader);
                let passes_on = reader.name == "tee"
                    || (reader.name == "cat" && reader.args_no_flags().is_empty());
                if passes_on {
                    frontier.extend(reader.feeds);
                }
            }
        }
        found
    }

    fn new_stream(&mut self) -> Stream {
        self.streams += 1;
        self.streams - 1
    }
}

/// Where offsets in a script's text land in the Dockerfile.
#[derive(Clone, Copy)]
pub enum Placement<'m> {
    /// Byte offsets map through a function (joined continuation lines, heredoc bodies).
    Mapped(&'m dyn Fn(usize, usize) -> Span),
    /// The text is not a verbatim slice of the source: everything lands on one span.
    Fixed(Span),
}

impl Placement<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        match self {
            Placement::Mapped(f) => f(start, end),
            Placement::Fixed(span) => *span,
        }
    }
}

/// Parse a shell script and collect its commands.
pub fn parse(text: &str, placement: Placement) -> Script {
    let mut script = Script::default();
    collect(text, 0, placement, 0, &mut script);
    script
}

/// The commands of an exec-form argv (`RUN ["apt-get", "install", "x"]`): one command,
/// plus what `sh -c` runs when the argv is a shell.
pub fn from_argv(argv: &[(&str, Span)]) -> Script {
    let mut script = Script::default();
    let Some(((name, name_span), rest)) = argv.split_first() else {
        return script;
    };
    let args: Vec<Arg> = rest
        .iter()
        .map(|&(v, span)| Arg::verbatim(v, span))
        .collect();
    let span = Span::new(
        name_span.start,
        args.last().map_or(name_span.end, |a| a.span.end),
    );
    let command = Command {
        name: name.to_string(),
        args,
        assignments: Vec::new(),
        nested: false,
        span,
        feeds: None,
        takes: Vec::new(),
    };
    let inner = shell_c_script(&command).map(|i| command.args[i].clone());
    script.commands.push(command);
    if let Some(arg) = inner {
        // A JSON string is decoded, so offsets inside it do not map back exactly.
        let first = script.commands.len();
        collect(&arg.value, 0, Placement::Fixed(arg.span), 1, &mut script);
        script.commands[first..]
            .iter_mut()
            .for_each(|c| c.nested = true);
    }
    script
}

/// The command's name without its folder (`/usr/bin/curl` is `curl`).
pub fn base_name(name: &str) -> &str {
    // A byte scan from the end (command names are short; `rsplit` sets up a search for
    // each of the many commands every rule asks about).
    match name.as_bytes().iter().rposition(|&b| b == b'/') {
        Some(slash) => &name[slash + 1..],
        None => name,
    }
}

/// `sh -c 'script'` and friends: the index of the argument holding the script.
fn shell_c_script(command: &Command) -> Option<usize> {
    if !matches!(
        base_name(&command.name),
        "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh"
    ) {
        return None;
    }
    let at = command.args.iter().position(|a| {
        a.value.starts_with('-') && !a.value.starts_with("--") && a.value.contains('c')
    })?;
    (at + 1 < command.args.len()).then_some(at + 1)
}

fn collect(text: &str, base: usize, placement: Placement, depth: usize, out: &mut Script) {
    if depth > MAX_DEPTH || text.trim().is_empty() {
        return;
    }
    if let Some(script) = plain::commands(text, base, placement, depth) {
        out.append(script);
        return;
    }
    // brush's tokenizer and parser, and the item scanner, recurse once per level of
    // nesting: thousands of levels (garbage, or hostile input) would overflow a
    // thread's stack and abort the whole run. Such a script is split as a rejected one
    // is. The parts read below lie inside this text, so they nest no deeper.
    if nesting_exceeds(text, MAX_BRUSH_NESTING) {
        out.append(split_rejected(text, base, placement));
        return;
    }
    if let Some(script) = parts(text, base, placement, depth, 0) {
        out.append(script);
        return;
    }
    collect_with_brush(text, base, placement, depth, out);
}

/// How deep compound commands are opened into their lists (`if` in `while` in `if`...);
/// deeper ones brush reads whole, so that hostile nesting costs no deep recursion.
const MAX_OPENED: usize = 6;

/// `text` read item by item (`segments`), or as the lists of the compound command it
/// is, each part by the fast path where it can be; `None` when it is neither, or brush
/// rejects a part (then brush reads the whole, so that a rejected script falls back as
/// a whole). `opened` counts the compound commands already opened around it.
fn parts(
    text: &str,
    base: usize,
    placement: Placement,
    depth: usize,
    opened: usize,
) -> Option<Script> {
    let cut = segments::cut(text)?;
    if let [whole] = cut.items[..] {
        return lists(text, &cut, whole, base, placement, depth, opened);
    }
    if cut.items.is_empty() {
        return None;
    }
    let mut script = Script::default();
    for &(start, end) in &cut.items {
        let item = &text[start..end];
        let read = plain::commands(item, base + start, placement, depth)
            .or_else(|| lists(text, &cut, (start, end), base, placement, depth, opened))
            .or_else(|| by_brush(item, base + start, placement, depth))?;
        script.append(read);
    }
    Some(script)
}

/// The item of `text` from `start` to `end`, when it is a compound command (`if`,
/// `while`, `for`, a group, a subshell), read as the commands of its lists in order,
/// as the brush walk reads it; `None` when it is not one (`Cut::compound_lists`) or
/// brush rejects a part.
fn lists(
    text: &str,
    cut: &segments::Cut,
    item: (usize, usize),
    base: usize,
    placement: Placement,
    depth: usize,
    opened: usize,
) -> Option<Script> {
    if opened >= MAX_OPENED {
        return None;
    }
    let mut script = Script::default();
    for (start, end) in cut.compound_lists(text, item)? {
        let (list, at) = (&text[start..end], base + start);
        let read = plain::commands(list, at, placement, depth)
            .or_else(|| parts(list, at, placement, depth, opened + 1))
            .or_else(|| by_brush(list, at, placement, depth))?;
        script.append(read);
    }
    Some(script)
}

/// What brush reads of `text`, or `None` when it rejects it.
fn by_brush(text: &str, base: usize, placement: Placement, depth: usize) -> Option<Script> {
    let mut read = Script::default();
    collect_with_brush(text, base, placement, depth, &mut read);
    (!read.fallback).then_some(read)
}

/// `collect` without the plain-list fast path: brush-parser reads everything.
fn collect_with_brush(
    text: &str,
    base: usize,
    placement: Placement,
    depth: usize,
    out: &mut Script,
) {
    #[cfg(test)]
    tests::BRUSH_READS.with(|n| n.set(n.get() + 1));
    let options = brush_parser::ParserOptions::default();
    let mut parser = brush_parser::Parser::new(std::io::BufReader::new(text.as_bytes()), &options);
    // brush positions count characters; we need bytes.
    let chars: Option<Vec<usize>> = (!text.is_ascii()).then(|| {
        text.char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect()
    });
    match parser.parse_program() {
        Ok(program) => {
            let mut walker = Walker {
                text,
                base,
                placement,
                chars,
                depth,
                out,
                feeds: None,
                takes: Vec::new(),
            };
            for list in &program.complete_commands {
                walker.compound_list(list);
            }
        }
        Err(_) => out.append(split_rejected(text, base, placement)),
    }
}

/// A script brush rejects (or is not given), split at its operators instead.
fn split_rejected(text: &str, base: usize, placement: Placement) -> Script {
    let mut fallback = split::commands(text, base, placement);
    fallback.fallback = true;
    fallback
}

/// The deepest nesting brush and the item scanner are given. Real scripts stay below
/// 10; each level costs brush a few kilobytes of stack, and a worker thread has 2 MiB.
const MAX_BRUSH_NESTING: usize = 40;

/// Whether `text` may nest deeper than `limit`. It counts every parenthesis, every
/// brace and every word that opens or closes a compound command, quoted or not (a
/// quoted one only raises the count); each kind closes only what its own kind opened,
/// so that the `)` of a `case` pattern closes nothing.
fn nesting_exceeds(text: &str, limit: usize) -> bool {
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    // Open parentheses, braces and compound commands.
    let mut open = [0usize; 3];
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        let (kind, opens) = match b {
            b'(' => (0, true),
            b')' => (0, false),
            b'{' => (1, true),
            b'}' => (1, false),
            _ if is_word(b) => {
                // A whole word (`elif` is not `if`).
                let start = i - 1;
                while i < bytes.len() && is_word(bytes[i]) {
                    i += 1;
                }
                match &bytes[start..i] {
                    b"if" | b"while" | b"until" | b"for" | b"case" | b"select" => (2, true),
                    b"fi" | b"done" | b"esac" => (2, false),
                    _ => continue,
                }
            }
            _ => continue,
        };
        if opens {
            open[kind] += 1;
            if open[0] + open[1] + open[2] > limit {
                return true;
            }
        } else {
            open[kind] = open[kind].saturating_sub(1);
        }
    }
    false
}

/// Whether two texts are the same once blanks and escaped newlines are left out.
fn same_but_blanks(a: &str, b: &str) -> bool {
    fn solid(text: &str) -> impl Iterator<Item = u8> + '_ {
        let bytes = text.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < bytes.len() {
                let b = bytes[i];
                i += 1;
                if b == b'\\' && bytes.get(i) == Some(&b'\n') {
                    i += 1;
                } else if !b.is_ascii_whitespace() {
                    return Some(b);
                }
            }
            None
        })
    }
    solid(a).eq(solid(b))
}

struct Walker<'t, 'o, 'm> {
    text: &'t str,
    /// Offset of `text` within the text `placement` maps.
    base: usize,
    placement: Placement<'m>,
    chars: Option<Vec<usize>>,
    depth: usize,
    out: &'o mut Script,
    /// Where the output of the pipeline element being walked goes, and what it reads.
    feeds: Option<Stream>,
    takes: Vec<Stream>,
}

impl Walker<'_, '_, '_> {
    fn byte(&self, char_index: usize) -> usize {
        match &self.chars {
            None => char_index.min(self.text.len()),
            Some(table) => table.get(char_index).copied().unwrap_or(self.text.len()),
        }
    }

    /// A word's byte range in `text`, or `None` when brush gave no usable location.
    fn range(&self, word: &ast::Word) -> Option<(usize, usize)> {
        let loc = word.loc.as_ref()?;
        let (s, e) = (self.byte(loc.start.index), self.byte(loc.end.index));
        // Trust the location only if it really holds the word. Inside `$(...)` brush
        // gives tabs as spaces and drops escaped newlines, so those may differ.
        let written = self.text.get(s..e)?;
        (written == word.value || same_but_blanks(written, &word.value)).then_some((s, e))
    }

    fn arg(&mut self, word: &ast::Word) -> Arg {
        let range = self.range(word);
        let span = match range {
            Some((s, e)) => self.placement.span(self.base + s, self.base + e),
            None => self.placement.span(self.base, self.base + self.text.len()),
        };
        // Commands substituted inside the word run too; they are read from the text as
        // written, so that their places are exact.
        if let Some((s, e)) = range {
            let written = &self.text[s..e];
            for (inner_start, inner_end) in words::substitutions(written) {
                let inner = &written[inner_start..inner_end];
                collect(
                    inner,
                    self.base + s + inner_start,
                    self.placement,
                    self.depth + 1,
                    self.out,
                );
            }
        }
        Arg::new(simplify(&word.value), &word.value, span)
    }

    fn compound_list(&mut self, list: &ast::CompoundList) {
        for ast::CompoundListItem(and_or, _) in &list.0 {
            self.pipeline(&and_or.first);
            for next in &and_or.additional {
                match next {
                    ast::AndOr::And(p) | ast::AndOr::Or(p) => self.pipeline(p),
                }
            }
        }
    }

    fn pipeline(&mut self, pipeline: &ast::Pipeline) {
        if pipeline.seq.len() < 2 {
            for command in &pipeline.seq {
                self.command(command);
            }
            return;
        }
        self.out.has_pipe = true;
        let (outer_feeds, outer_takes) = (self.feeds, std::mem::take(&mut self.takes));
        let mut previous = None;
        for (n, command) in pipeline.seq.iter().enumerate() {
            let last = n + 1 == pipeline.seq.len();
            // The first element reads what the whole pipeline reads; the last writes
            // where the pipeline writes.
            self.takes = match previous {
                Some(stream) => vec![stream],
                None => outer_takes.clone(),
            };
            self.feeds = if last {
                outer_feeds
            } else {
                Some(self.out.new_stream())
            };
            previous = self.feeds;
            self.command(command);
        }
        self.feeds = outer_feeds;
        self.takes = outer_takes;
    }

    /// The commands of a redirect's process substitution, linked as writers into the
    /// command that reads the redirect.
    fn redirect(&mut self, redirect: &ast::IoRedirect, takes: &mut Vec<Stream>) {
        if let ast::IoRedirect::File(_, _, ast::IoFileRedirectTarget::ProcessSubstitution(_, sub)) =
            redirect
        {
            let start = self.out.commands.len();
            let (feeds, outer) = (self.feeds.take(), std::mem::take(&mut self.takes));
            self.compound_list(&sub.list);
            self.feeds = feeds;
            self.takes = outer;
            self.link_from(start, takes);
        }
    }

    /// Collect a word's commands (its `$(...)` parts) as writers into a new stream that
    /// the command owning the word reads.
    fn word_arg(
        &mut self,
        word: &ast::Word,
        takes: &mut Vec<Stream>,
    ) -> (Arg, Option<(usize, usize)>) {
        let first = self.out.commands.len();
        let range = self.range(word);
        let arg = self.arg(word);
        self.link_from(first, takes);
        (arg, range)
    }

    /// The commands collected since `first` that write nowhere yet now write into a new
    /// stream, which `takes` records.
    fn link_from(&mut self, first: usize, takes: &mut Vec<Stream>) {
        if self.out.commands.len() == first {
            return;
        }
        let stream = self.out.new_stream();
        let mut linked = false;
        for command in &mut self.out.commands[first..] {
            if command.feeds.is_none() {
                command.feeds = Some(stream);
                linked = true;
            }
        }
        if linked {
            takes.push(stream);
        }
    }

    fn command(&mut self, command: &ast::Command) {
        match command {
            ast::Command::Simple(simple) => self.simple(simple),
            ast::Command::Compound(compound, redirects) => {
                self.compound(compound);
                // `done < <(a | b)`: the substituted commands run too.
                for redirect in redirects.iter().flat_map(|r| &r.0) {
                    self.redirect(redirect, &mut Vec::new());
                }
            }
            ast::Command::Function(function) => self.compound(&function.body.0),
            ast::Command::ExtendedTest(..) => {}
        }
    }

    fn compound(&mut self, compound: &ast::CompoundCommand) {
        use ast::CompoundCommand as C;
        match compound {
            C::BraceGroup(g) => self.compound_list(&g.list),
            C::Subshell(s) => self.compound_list(&s.list),
            C::ForClause(f) => {
                for word in f.values.iter().flatten() {
                    self.arg(word);
                }
                self.compound_list(&f.body.list);
            }
            C::ArithmeticForClause(f) => self.compound_list(&f.body.list),
            C::CaseClause(c) => {
                for item in &c.cases {
                    if let Some(list) = &item.cmd {
                        self.compound_list(list);
                    }
                }
            }
            C::IfClause(i) => {
                self.compound_list(&i.condition);
                self.compound_list(&i.then);
                for clause in i.elses.iter().flatten() {
                    if let Some(condition) = &clause.condition {
                        self.compound_list(condition);
                    }
                    self.compound_list(&clause.body);
                }
            }
            C::WhileClause(w) | C::UntilClause(w) => {
                self.compound_list(&w.0);
                self.compound_list(&w.1.list);
            }
            C::Coprocess(c) => self.command(&c.body),
            C::Arithmetic(_) => {}
        }
    }

    fn simple(&mut self, simple: &ast::SimpleCommand) {
        use ast::CommandPrefixOrSuffixItem as Item;
        let mut assignments = Vec::new();
        for item in simple.prefix.iter().flat_map(|p| &p.0) {
            if let Item::AssignmentWord(_, word) = item {
                let arg = self.arg(word);
                if let Some((name, value)) = arg.value.split_once('=') {
                    assignments.push((name.to_string(), value.to_string()));
                }
            }
        }
        let Some(first) = &simple.word_or_name else {
            return;
        };
        // Reserve the command's place before its `$(...)` parts are collected: it runs
        // after them, but rules read "later" as "written later".
        let slot = self.out.commands.len();
        // Commands inside the words are not part of this pipeline element, and what
        // they feed this command reads, not the commands after it.
        let (feeds, outer_takes) = (self.feeds.take(), std::mem::take(&mut self.takes));
        let mut takes = outer_takes.clone();
        let (first, _) = self.word_arg(first, &mut takes);
        let mut args = Vec::new();
        let mut ranges = Vec::new();
        for item in simple.suffix.iter().flat_map(|s| &s.0) {
            match item {
                // `pkg=1.2` after the command name is an ordinary argument.
                Item::Word(word) | Item::AssignmentWord(_, word) => {
                    let (arg, range) = self.word_arg(word, &mut takes);
                    ranges.push(range);
                    args.push(arg);
                }
                // `bash <(curl ...)`: the commands inside run, and feed this one.
                Item::ProcessSubstitution(_, subshell) => {
                    let start = self.out.commands.len();
                    self.compound_list(&subshell.list);
                    self.link_from(start, &mut takes);
                }
                // `bash < <(curl ...)`: the commands inside run, and feed this one.
                Item::IoRedirect(redirect) => self.redirect(redirect, &mut takes),
            }
        }
        self.feeds = feeds;
        self.takes = outer_takes;
        // hadolint skips commands whose name is not a literal, and ShellCheck reads
        // `[ ... ]` as a condition, not a command.
        if first.value.contains("${VAR}") || first.value == "[" {
            return;
        }
        let span = Span::new(
            first.span.start,
            args.last().map_or(first.span.end, |a| a.span.end),
        );
        let name = effective_name(first.value, &args);
        let command = Command {
            name,
            args,
            assignments,
            nested: false,
            span,
            feeds,
            takes,
        };
        let inner = shell_c_script(&command).map(|i| (command.args[i].clone(), ranges[i]));
        self.out.commands.insert(slot, command);
        if let Some((arg, range)) = inner {
            self.shell_c(&arg, range);
        }
    }

    fn shell_c(&mut self, arg: &Arg, range: Option<(usize, usize)>) {
        let start = range.map(|(start, _)| start);
        shell_c(arg, start, self.base, self.placement, self.depth, self.out);
    }
}

/// Re-parse the script of `sh -c '...'` (its word `arg`, written at `start` in the text
/// at `base`), mapping offsets exactly when the word is one single-quoted string (its
/// content is then verbatim). Its commands are marked nested.
fn shell_c(
    arg: &Arg,
    start: Option<usize>,
    base: usize,
    placement: Placement,
    depth: usize,
    out: &mut Script,
) {
    let first = out.commands.len();
    let raw = arg.raw();
    let verbatim = raw.len() >= 2
        && raw.starts_with('\'')
        && raw.ends_with('\'')
        && !raw[1..raw.len() - 1].contains('\'');
    match start {
        Some(start) if verbatim => collect(
            &raw[1..raw.len() - 1],
            base + start + 1,
            placement,
            depth + 1,
            out,
        ),
        _ => collect(&arg.value, 0, Placement::Fixed(arg.span), depth + 1, out),
    }
    out.commands[first..]
        .iter_mut()
        .for_each(|c| c.nested = true);
}

/// The flags one word holds, as hadolint splits them (no allocation: rules ask this of
/// every word of every command).
fn flag_names(word: &str) -> impl Iterator<Item = &str> {
    let (long, short) = if word == "-" || word == "--" || !word.starts_with('-') {
        (None, "")
    } else if let Some(long) = word.strip_prefix("--") {
        // A byte scan: a `split` sets up a searcher, which costs more than a flag is long.
        let name_end = long.bytes().position(|b| b == b'=').unwrap_or(long.len());
        (Some(&long[..name_end]), "")
    } else {
        (None, &word[1..])
    };
    long.into_iter().chain(
        short
            .char_indices()
            .map(move |(j, c)| &short[j..j + c.len_utf8()]),
    )
}

/// ShellCheck's `getCommandName`: `command`, `builtin`, `busybox` and `exec` run the
/// next word.
fn effective_name(first: String, args: &[Arg]) -> String {
    match first.as_str() {
        "command" | "builtin" | "busybox" | "exec" => args
            .iter()
            .find(|a| !a.value.starts_with('-'))
            .map_or(first, |a| a.value.clone()),
        _ => first,
    }
}

#[cfg(test)]
mod tests;
