//! Layer advice: where a Dockerfile's order makes BuildKit rebuild more than it needs to,
//! or ship bytes it later deletes, and the move that fixes it. The layer rules (LL2001,
//! LL2002, LL2003, LL2004, LL2007) report these findings; `cache --suggest` applies their
//! moves. A move is `safe` only when the final filesystem and every RUN's environment
//! stay the same; otherwise it is `unsafe` and says why.

use super::Model;
use super::installs::{self, Install, Manager};
use crate::context::BuildContext;
use crate::diagnostics::{Applicability, Edit};
use crate::shell::Command as ShellCommand;
use crate::syntax::{Args, Command, Dockerfile, Instruction, Keyword, Span};
use foldhash::HashMap;

/// One finding of the advisor.
#[derive(Clone, Debug)]
pub struct Advice {
    pub code: &'static str,
    /// The instruction the finding is about.
    pub instruction: usize,
    pub span: Span,
    pub message: String,
    pub fix: Option<Move>,
}

/// A change to the Dockerfile (and to `.dockerignore`).
#[derive(Clone, Debug)]
pub struct Move {
    /// One line: what the move does.
    pub message: String,
    pub edits: Vec<Edit>,
    /// Lines to add to the context's `.dockerignore`.
    pub dockerignore: Vec<String>,
    pub applicability: Applicability,
    /// Why it is unsafe, when it is.
    pub reason: Option<String>,
}

/// What the advisor reads: the model, and the build context when it is known.
pub struct Layers<'m> {
    pub model: &'m Model<'m>,
    pub build: Option<&'m BuildContext<'m>>,
}

impl<'m> Layers<'m> {
    fn df(&self) -> &'m Dockerfile<'m> {
        self.model.dockerfile
    }

    fn instruction(&self, index: usize) -> &'m Instruction<'m> {
        &self.df().instructions[index]
    }

    fn newline(&self) -> &'static str {
        self.df().newline()
    }

    /// Every finding with a move, in instruction order.
    pub fn all(&self) -> Vec<Advice> {
        let mut out = self.copy_before_install();
        out.extend(self.cleanup_in_separate_run());
        out.extend(self.update_without_install());
        out.extend(self.early_volatile_arg());
        out.extend(self.dockerfile_in_context());
        out.sort_by_key(|a| (a.instruction, a.span.start));
        out
    }

    // ---- shared helpers -------------------------------------------------------------

    /// The instruction's whole lines, with the comment lines right above it (they
    /// belong to it: `# hadolint ignore=` pragmas, explanations), newline included.
    pub fn block(&self, index: usize) -> Span {
        let df = self.df();
        let source = &df.source;
        let instruction = self.instruction(index);
        let mut start = line_start(source, instruction.span.start);
        loop {
            if start == 0 {
                break;
            }
            let previous = line_start(source, start - 1);
            let line = source[previous..start].trim();
            let is_directive = df
                .directives
                .iter()
                .any(|d| d.span.start >= previous && d.span.start < start);
            if line.starts_with('#') && !is_directive {
                start = previous;
            } else {
                break;
            }
        }
        let end = match source[instruction.span.end..].find('\n') {
            Some(n) => instruction.span.end + n + 1,
            None => source.len(),
        };
        Span::new(start, end)
    }

    /// The block's text, ending with a newline.
    fn block_text(&self, index: usize) -> String {
        let text = self.df().text(self.block(index)).to_string();
        if text.ends_with('\n') {
            text
        } else {
            text + self.newline()
        }
    }

    /// The working folder at an instruction, from the WORKDIRs before it (expanded
    /// words are kept as written).
    pub fn workdir_at(&self, index: usize) -> &'m str {
        self.model.workdir_at(index)
    }

    /// A COPY or ADD from the build context: its sources and destination words.
    fn context_copy(&self, index: usize) -> Option<(Vec<&'m str>, &'m str)> {
        let i = self.instruction(index);
        if !matches!(i.keyword, Keyword::Copy | Keyword::Add)
            || i.flag("from").is_some()
            || !i.heredocs.is_empty()
        {
            return None;
        }
        let Args::List { items, .. } = &i.args else {
            return None;
        };
        let (dest, sources) = items.split_last()?;
        if sources.is_empty() {
            return None;
        }
        let sources: Vec<&str> = sources.iter().map(|s| s.value.as_ref()).collect();
        if sources
            .iter()
            .any(|s| s.contains("://") || s.starts_with("git@"))
        {
            return None;
        }
        Some((sources, dest.value.as_ref()))
    }

    /// A copy of the whole context (`COPY . .`).
    pub fn copies_whole_context(&self, index: usize) -> bool {
        self.context_copy(index)
            .is_some_and(|(sources, _)| sources.iter().any(|s| clean(s).is_empty()))
    }

    /// The stage's instructions after `index`.
    fn rest_of_stage(&self, index: usize) -> std::ops::Range<usize> {
        let end = self
            .model
            .stage_of(index)
            .map(|s| s.body.end)
            .unwrap_or(index + 1);
        index + 1..end
    }

    fn is_step(&self, index: usize) -> bool {
        matches!(
            self.instruction(index).keyword,
            Keyword::Run | Keyword::Copy | Keyword::Add | Keyword::Workdir
        )
    }

    fn line(&self, index: usize) -> usize {
        self.instruction(index).start_line
    }

    /// The RUN's shell command text and its span, for shell-form RUNs without heredocs
    /// or flags that moving could disturb.
    fn shell_text(&self, index: usize) -> Option<(Span, &'m str)> {
        let i = self.instruction(index);
        if i.keyword != Keyword::Run || !i.heredocs.is_empty() {
            return None;
        }
        match &i.args {
            Args::Command(Command::Shell(w)) => Some((w.span, self.df().text(w.span))),
            _ => None,
        }
    }

    /// A shell command as written, on one line.
    fn cmd_text(&self, cmd: &ShellCommand) -> String {
        Self::single_line(
            &self
                .df()
                .text(cmd.span)
                .replace("\\\n", " ")
                .replace("\\\r\n", " "),
        )
    }

    fn single_line(text: &str) -> String {
        crate::syntax::fold_whitespace(text)
    }

    // ---- LL2001 ---------------------------------------------------------------------

    pub fn copy_before_install(&self) -> Vec<Advice> {
        let mut out = Vec::new();
        // The installs that could go before a COPY (not the system's; reading only
        // manifests, or with a prefetch step), by manager, as (RUN index, place among
        // its installs) in source order. Classified once, and only when a broad COPY
        // needs them: each COPY asks about the RUNs after it, which in a long stage are
        // many, and wants only the first advice per manager.
        type Candidates<'s> = (
            Vec<Vec<Install<'s>>>,
            HashMap<&'static str, Vec<(usize, usize)>>,
        );
        let candidates: std::cell::OnceCell<Candidates> = std::cell::OnceCell::new();
        let candidates = || {
            candidates.get_or_init(|| {
                let runs: Vec<Vec<Install>> = (0..self.df().instructions.len())
                    .map(|i| {
                        let is_run = self.instruction(i).keyword == Keyword::Run;
                        self.model
                            .script(i)
                            .filter(|_| is_run)
                            .map(|s| installs::installs(s).collect())
                            .unwrap_or_default()
                    })
                    .collect();
                let mut by_manager: HashMap<&'static str, Vec<(usize, usize)>> = HashMap::default();
                for (run, installs) in runs.iter().enumerate() {
                    for (k, install) in installs.iter().enumerate() {
                        if !install.system
                            && (install.manifests_only || install.manager.prefetch.is_some())
                        {
                            by_manager
                                .entry(install.manager.name)
                                .or_default()
                                .push((run, k));
                        }
                    }
                }
                (runs, by_manager)
            })
        };
        for stage in &self.model.stages {
            // Managers whose manifests-only install ran before the COPY being looked
            // at: the split is done for them. Gathered as the COPYs go by.
            let mut earlier: Vec<&'static str> = Vec::new();
            let mut earlier_to = stage.body.start;
            for copy in stage.body.clone() {
                let Some((sources, dest)) = self.context_copy(copy) else {
                    continue;
                };
                let Some(source) = sources.iter().copied().find(|s| self.is_broad(s)) else {
                    continue;
                };
                let copy_dest = join(self.workdir_at(copy), dest);
                for i in earlier_to..copy {
                    let done = self
                        .model
                        .script(i)
                        .into_iter()
                        .flat_map(installs::installs);
                    for install in done.filter(|i| i.manifests_only) {
                        if !earlier.contains(&install.manager.name) {
                            earlier.push(install.manager.name);
                        }
                    }
                }
                earlier_to = copy;
                let end = self.rest_of_stage(copy).end;
                let (runs, by_manager) = candidates();
                // Each manager's first install after the COPY that yields advice, in
                // the order of the installs.
                let mut found: Vec<(usize, usize, Advice)> = Vec::new();
                for (name, places) in by_manager {
                    if earlier.contains(name) {
                        continue;
                    }
                    let after = places.partition_point(|&(run, _)| run <= copy);
                    for &(run, k) in places[after..].iter().take_while(|(run, _)| *run < end) {
                        let install = &runs[run][k];
                        let workdir = self.workdir_at(run);
                        let Some(below) = relative_to(workdir, &copy_dest) else {
                            continue;
                        };
                        let folder = join_context(&clean(source), &below);
                        if let Some(advice) =
                            self.split_advice(copy, source, dest, run, install, &folder, workdir)
                        {
                            found.push((run, k, advice));
                            break;
                        }
                    }
                }
                found.sort_by_key(|(run, k, _)| (*run, *k));
                out.extend(found.into_iter().map(|(_, _, advice)| advice));
            }
        }
        out
    }

    /// `.`, or (with the context known) a folder of it.
    fn is_broad(&self, source: &str) -> bool {
        let cleaned = clean(source);
        if cleaned.is_empty() {
            return true;
        }
        if cleaned.contains(['*', '?', '[', '$']) {
            return false;
        }
        self.build.is_some_and(|b| b.is_dir(&cleaned))
    }

    /// The manifests of an install found in a context folder: (context path, is a folder).
    fn manifests_in(&self, install: &Install, folder: &str) -> Option<Vec<(String, bool)>> {
        let build = self.build?;
        let prefix = |name: &str| {
            if folder.is_empty() {
                name.to_string()
            } else {
                format!("{folder}/{name}")
            }
        };
        let mut found: Vec<(String, bool)> = Vec::new();
        if !install.named_manifests.is_empty() {
            for named in &install.named_manifests {
                let path = prefix(&clean(named));
                if build.is_sent(&path) {
                    found.push((path.clone(), false));
                    found.extend(
                        included_requirements(&build.path(&path))
                            .into_iter()
                            .map(|inc| (join_context(parent(&path), &clean(&inc)), false))
                            .filter(|(p, _)| build.is_sent(p)),
                    );
                }
            }
            return (!found.is_empty()).then_some(found);
        }
        let names = build.names_in(folder);
        for (n, pattern) in install.manager.manifests.iter().enumerate() {
            let (dir, leaf) = match pattern.rsplit_once('/') {
                Some((d, l)) => (Some(d), l),
                None => (None, *pattern),
            };
            let candidates: Vec<String> = match dir {
                Some(d) => build
                    .names_in(&prefix(d))
                    .iter()
                    .filter(|name| installs::manifest_matches(leaf, name))
                    .map(|name| format!("{d}/{name}"))
                    .collect(),
                None => names
                    .iter()
                    .filter(|name| installs::manifest_matches(leaf, name))
                    .cloned()
                    .collect(),
            };
            let present: Vec<String> = candidates
                .into_iter()
                .map(|c| prefix(&c))
                .filter(|p| build.is_sent(p))
                .collect();
            if n == 0 && present.is_empty() && !pattern.starts_with('*') {
                // Without its main manifest the install cannot run from this folder.
                return None;
            }
            for p in present {
                let is_dir = build.is_dir(&p);
                found.push((p, is_dir));
            }
        }
        (!found.is_empty()).then_some(found)
    }

    #[allow(clippy::too_many_arguments)]
    fn split_advice(
        &self,
        copy: usize,
        source: &str,
        dest: &str,
        run: usize,
        install: &Install,
        folder: &str,
        workdir: &str,
    ) -> Option<Advice> {
        let copy_i = self.instruction(copy);
        let what = if clean(source).is_empty() {
            format!("{} .", copy_i.keyword.as_str())
        } else {
            format!("{} {source}", copy_i.keyword.as_str())
        };
        let command = Self::single_line(&self.cmd_text(install.command));
        let manifests = self.manifests_in(install, folder);
        let files = self.build.and_then(|b| b.files_sent_below(&clean(source)));
        let first_step = if install.manifests_only {
            command.clone()
        } else {
            install.manager.prefetch.unwrap_or_default().to_string()
        };
        // The COPYs to put first: one per folder, since COPY flattens its sources.
        let copy_flags: Vec<String> = copy_i
            .flags
            .iter()
            .filter(|f| matches!(f.name(), "chown" | "chmod" | "link"))
            .map(|f| f.text.to_string())
            .collect();
        let relative_dest = !dest.starts_with('/') && workdir == join(self.workdir_at(copy), ".");
        let target_dir = |sub: &str| {
            let base = if relative_dest {
                "./".to_string()
            } else {
                format!("{}/", workdir.trim_end_matches('/'))
            };
            if sub.is_empty() {
                base
            } else {
                format!("{base}{sub}/")
            }
        };
        let narrow: Vec<String> = match &manifests {
            Some(list) => {
                let mut groups: Vec<(String, Vec<String>)> = Vec::new();
                for (path, is_dir) in list {
                    let within = path
                        .strip_prefix(folder)
                        .map(|p| p.trim_start_matches('/'))
                        .unwrap_or(path);
                    let sub = if *is_dir {
                        within.to_string()
                    } else {
                        parent(within).to_string()
                    };
                    match groups.iter_mut().find(|(s, _)| *s == sub) {
                        Some((_, paths)) => paths.push(path.clone()),
                        None => groups.push((sub, vec![path.clone()])),
                    }
                }
                groups
                    .into_iter()
                    .map(|(sub, paths)| {
                        let mut words = vec![copy_i.keyword.as_str().to_string()];
                        words.extend(copy_flags.iter().cloned());
                        words.extend(paths);
                        words.push(target_dir(&sub));
                        words.join(" ")
                    })
                    .collect()
            }
            None => vec![format!(
                "COPY {} {}",
                install
                    .manager
                    .manifests
                    .iter()
                    .take(2)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" "),
                target_dir("")
            )],
        };
        let mut message = format!(
            "COPY . before dependency install: `{command}` (line {}) runs after `{what}` (line {})",
            self.line(run),
            self.line(copy)
        );
        match files {
            Some(n) => message.push_str(&format!(
                ", so a change to any of the {n} files it copies runs it again"
            )),
            None => message.push_str(", so a change to any copied file runs it again"),
        }
        let names: Vec<String> = match &manifests {
            Some(list) => list.iter().map(|(p, _)| p.clone()).collect(),
            None => Vec::new(),
        };
        if install.manifests_only {
            message.push_str(&format!(
                "; copy {} first and install, then copy the rest: `{}` then `RUN {first_step}`",
                if names.is_empty() {
                    "the manifests".to_string()
                } else {
                    names.join(", ")
                },
                narrow.join("` and `"),
            ));
        } else {
            message.push_str(&format!(
                "; fetch the dependencies from {} first: `{}` then `RUN {first_step}` before `{what}`",
                if names.is_empty() {
                    "the manifests".to_string()
                } else {
                    names.join(", ")
                },
                narrow.join("` and `"),
            ));
        }
        if self.build.is_none() {
            message.push_str(" (no build context was read: check which of these files exist)");
        }
        let fix = manifests
            .as_ref()
            .and_then(|_| self.split_move(copy, run, install, &narrow, &first_step, folder));
        Some(Advice {
            code: "LL2001",
            instruction: copy,
            span: copy_i.span,
            message,
            fix,
        })
    }

    /// The edits that put the manifests' COPY and the install before the broad COPY.
    fn split_move(
        &self,
        copy: usize,
        run: usize,
        install: &Install,
        narrow: &[String],
        first_step: &str,
        folder: &str,
    ) -> Option<Move> {
        let nl = self.newline();
        let mut reasons: Vec<String> = Vec::new();
        let mut moved_env: Vec<usize> = Vec::new();
        for between in copy + 1..run {
            match self.instruction(between).keyword {
                Keyword::Env | Keyword::Arg | Keyword::User | Keyword::Shell => {
                    moved_env.push(between)
                }
                Keyword::Label
                | Keyword::Expose
                | Keyword::Cmd
                | Keyword::Entrypoint
                | Keyword::Healthcheck
                | Keyword::Stopsignal
                | Keyword::Maintainer => {}
                Keyword::Run | Keyword::Copy | Keyword::Add => reasons.push(format!(
                    "the {} at line {} ran before the install and would run after it",
                    self.instruction(between).keyword.as_str(),
                    self.line(between)
                )),
                _ => return None,
            }
        }
        if self.instruction(copy).original.contains('$') && !moved_env.is_empty() {
            return None;
        }
        let mut edits: Vec<Edit> = Vec::new();
        let mut inserted = String::new();
        for &e in &moved_env {
            inserted.push_str(&self.block_text(e));
            edits.push(Edit {
                span: self.block(e),
                replacement: String::new(),
            });
        }
        for line in narrow {
            inserted.push_str(line);
            inserted.push_str(nl);
        }
        if install.manifests_only {
            // The RUN moves whole, or only its first command when more follow with `&&`.
            let (span, _) = self.shell_text(run)?;
            let cmd_span = install.command.span;
            let before = &self.df().source[span.start..cmd_span.start];
            if !before.trim().is_empty() {
                return None;
            }
            let after = &self.df().source[cmd_span.end..span.end];
            let run_i = self.instruction(run);
            let flags: String = run_i.flags.iter().map(|f| format!("{} ", f.text)).collect();
            if after.trim().is_empty() {
                inserted.push_str(&self.block_text(run));
                edits.push(Edit {
                    span: self.block(run),
                    replacement: String::new(),
                });
            } else {
                let rest = after.trim_start_matches([' ', '\t', '\\', '\r', '\n']);
                let rest = rest.strip_prefix("&&")?;
                let rest = rest.trim_start_matches([' ', '\t', '\\', '\r', '\n']);
                inserted.push_str(&format!("RUN {flags}{}{nl}", self.df().text(cmd_span)));
                edits.push(Edit {
                    span: Span::new(cmd_span.start, span.end - rest.len()),
                    replacement: String::new(),
                });
            }
            if install.rewrites_lock {
                reasons.push(format!(
                    "`{}` may rewrite the lock file, and the later COPY puts the context's copy back",
                    Self::single_line(&self.cmd_text(install.command))
                ));
            }
        } else {
            inserted.push_str(&format!("RUN {first_step}{nl}"));
            reasons.push(format!(
                "adds `RUN {first_step}`, whose downloads stay in the image"
            ));
        }
        reasons.extend(self.install_reads_sources(install, folder));
        let block = self.block(copy);
        edits.push(Edit {
            span: Span::new(block.start, block.start),
            replacement: inserted,
        });
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let applicability = if reasons.is_empty() {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        Some(Move {
            message: format!(
                "copy the manifests and run `{first_step}` before line {}",
                self.line(copy)
            ),
            edits,
            dockerignore: Vec::new(),
            applicability,
            reason: (!reasons.is_empty()).then(|| reasons.join("; ")),
        })
    }

    /// Why an install might read more than its manifests, as far as the context shows.
    fn install_reads_sources(&self, install: &Install, folder: &str) -> Vec<String> {
        let Some(build) = self.build else {
            return vec!["no build context was read".into()];
        };
        let at = |name: &str| {
            if folder.is_empty() {
                name.to_string()
            } else {
                format!("{folder}/{name}")
            }
        };
        let mut reasons = Vec::new();
        for w in install.manager.writes {
            if build.is_sent(&at(w)) {
                reasons.push(format!(
                    "the context sends {}, and the later COPY lays it over what `{}` built",
                    at(w),
                    Self::single_line(&self.cmd_text(install.command))
                ));
            }
        }
        match install.manager.name {
            "npm" | "yarn" | "pnpm" | "bun" => {
                let text =
                    std::fs::read_to_string(build.path(&at("package.json"))).unwrap_or_default();
                let scripts = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| v.get("scripts").cloned());
                for hook in ["preinstall", "install", "postinstall", "prepare"] {
                    if scripts.as_ref().and_then(|s| s.get(hook)).is_some() {
                        reasons.push(format!(
                            "package.json runs a `{hook}` script, which may read files not copied yet"
                        ));
                    }
                }
            }
            "pip" => {
                for named in &install.named_manifests {
                    let text =
                        std::fs::read_to_string(build.path(&at(&clean(named)))).unwrap_or_default();
                    if text.lines().any(|l| {
                        let l = l.trim();
                        l.starts_with("-e") || l.starts_with('.') || l.starts_with("file:")
                    }) {
                        reasons.push(format!("{named} installs from a local path"));
                    }
                }
            }
            "composer" => reasons.push("composer builds its autoloader from the sources".into()),
            "bundler" => {
                let text = std::fs::read_to_string(build.path(&at("Gemfile"))).unwrap_or_default();
                if text.lines().any(|l| l.trim_start().starts_with("gemspec")) {
                    reasons.push("the Gemfile reads a .gemspec from the sources".into());
                }
            }
            _ => {}
        }
        reasons
    }

    // ---- LL2002 ---------------------------------------------------------------------

    pub fn cleanup_in_separate_run(&self) -> Vec<Advice> {
        let mut out = Vec::new();
        // What each RUN removes, found once: every cleanup looks back over the RUNs
        // before it.
        let table = RunFactsTable::new(self);
        for stage in &self.model.stages {
            if !self.model.ships(stage.index) {
                continue;
            }
            for run in stage.body.clone() {
                let Some(script) = self.model.script(run) else {
                    continue;
                };
                if self.instruction(run).keyword != Keyword::Run {
                    continue;
                }
                for cmd in &script.commands {
                    for target in cleanup_targets(cmd, self.workdir_at(run)) {
                        if let Some(advice) = self.cleanup_advice(run, cmd, &target, &table) {
                            out.push(advice);
                            break;
                        }
                    }
                }
            }
        }
        out
    }

    /// The earlier instruction that created what `target` names.
    fn creator_of(
        &self,
        run: usize,
        target: &Target,
        table: &RunFactsTable,
    ) -> Option<(usize, String)> {
        let creation = Creation::of(target);
        for (index, instruction) in self.model.lineage(run) {
            if index == run {
                continue;
            }
            if let Some(script) = self
                .model
                .script(index)
                .filter(|_| instruction.keyword == Keyword::Run)
            {
                let workdir = self.workdir_at(index);
                // Created and removed in that same RUN: nothing shipped.
                let facts = table.of(index);
                if facts.removed.iter().any(|t| t.covers(target)) {
                    return None;
                }
                for (n, cmd) in script.commands.iter().enumerate() {
                    if creation.by(cmd, workdir, &facts.fills[n], facts.updates_index[n]) {
                        return Some((index, shorten(&self.cmd_text(cmd), 60)));
                    }
                }
            } else if let Some((sources, dest)) = self.context_copy(index) {
                let dest = join(self.workdir_at(index), dest);
                for s in sources {
                    let name = clean(s).rsplit('/').next().unwrap_or("").to_string();
                    let landed = if dest.ends_with('/') || sources_len_gt1(instruction) {
                        join(&dest, &name)
                    } else {
                        dest.clone()
                    };
                    if let Target::Path(p) = target
                        && (landed == *p || is_below(&landed, p))
                        && !name.is_empty()
                    {
                        return Some((index, format!("{} {s}", instruction.keyword.as_str())));
                    }
                }
            }
        }
        None
    }

    fn cleanup_advice(
        &self,
        run: usize,
        cmd: &ShellCommand,
        target: &Target,
        table: &RunFactsTable,
    ) -> Option<Advice> {
        let (creator, what) = self.creator_of(run, target, table)?;
        let cleanup = Self::single_line(&self.cmd_text(cmd));
        let creator_i = self.instruction(creator);
        let mut message = format!(
            "cleanup in a separate RUN: `{cleanup}` removes what the {} at line {} created (`{what}`). Those bytes still ship in that layer, and this one only adds whiteouts over them",
            creator_i.keyword.as_str(),
            self.line(creator)
        );
        let fix = if creator_i.keyword == Keyword::Run {
            message.push_str("; do the cleanup in the RUN that created them");
            self.merge_cleanup(creator, run, target)
        } else {
            message.push_str(&format!(
                "; read it through `RUN --mount=type=bind,source={},target=...` instead of copying it{}",
                what.split_whitespace().nth(1).unwrap_or(""),
                if is_archive_name(&what) {
                    ", or let ADD extract the local archive"
                } else {
                    ""
                }
            ));
            None
        };
        Some(Advice {
            code: "LL2002",
            instruction: run,
            span: cmd.span,
            message,
            fix,
        })
    }

    /// Append the cleanup RUN's commands to the creating RUN, and drop the cleanup RUN.
    fn merge_cleanup(&self, creator: usize, cleanup: usize, target: &Target) -> Option<Move> {
        let (creator_span, _) = self.shell_text(creator)?;
        let (_, cleanup_text) = self.shell_text(cleanup)?;
        let script = self.model.script(cleanup)?;
        let workdir = self.workdir_at(cleanup);
        // Only a RUN that does nothing but clean up moves whole.
        if !script
            .commands
            .iter()
            .all(|c| !cleanup_targets(c, workdir).is_empty())
            || !self.instruction(cleanup).flags.is_empty()
            || self.workdir_at(creator) != workdir
        {
            return None;
        }
        // Nothing in between may still need what is removed.
        for between in creator + 1..cleanup {
            let i = self.instruction(between);
            if matches!(
                i.keyword,
                Keyword::Run
                    | Keyword::Copy
                    | Keyword::Add
                    | Keyword::Workdir
                    | Keyword::User
                    | Keyword::Onbuild
            ) {
                let uses = self
                    .model
                    .script(between)
                    .is_some_and(|s| s.commands.iter().any(|c| target.used_by(c)))
                    || target.mentioned_in(&i.original);
                if uses || i.keyword != Keyword::Run {
                    return None;
                }
            }
        }
        let nl = self.newline();
        Some(Move {
            message: format!(
                "move the cleanup of line {} into the RUN at line {}",
                self.line(cleanup),
                self.line(creator)
            ),
            edits: vec![
                Edit {
                    span: Span::new(creator_span.end, creator_span.end),
                    replacement: format!(" \\{nl}    && {}", cleanup_text.trim()),
                },
                Edit {
                    span: self.block(cleanup),
                    replacement: String::new(),
                },
            ],
            dockerignore: Vec::new(),
            applicability: Applicability::Safe,
            reason: None,
        })
    }

    // ---- LL2003 ---------------------------------------------------------------------

    pub fn update_without_install(&self) -> Vec<Advice> {
        let mut out = Vec::new();
        for (run, instruction) in self.df().instructions.iter().enumerate() {
            if instruction.keyword != Keyword::Run {
                continue;
            }
            let Some(script) = self.model.script(run) else {
                continue;
            };
            for cmd in &script.commands {
                let Some(manager) = installs::index_update(cmd) else {
                    continue;
                };
                if script
                    .commands
                    .iter()
                    .any(|c| installs::system_manager(c).is_some_and(|m| std::ptr::eq(m, manager)))
                {
                    continue;
                }
                let next = self.next_install(run, manager);
                let update = Self::single_line(&self.cmd_text(cmd));
                let mut message = format!(
                    "update without install: `{update}` runs alone, so its package lists are cached with this layer for ever"
                );
                match next {
                    Some(n) => message.push_str(&format!(
                        ", and the install at line {} uses lists as old as that cache; run `{update} && ...` in the RUN that installs",
                        self.line(n)
                    )),
                    None => message.push_str("; nothing installs after it in this stage"),
                }
                let fix = next.and_then(|n| self.merge_update(run, n, manager));
                out.push(Advice {
                    code: "LL2003",
                    instruction: run,
                    span: cmd.span,
                    message,
                    fix,
                });
                break;
            }
        }
        out
    }

    fn next_install(&self, run: usize, manager: &Manager) -> Option<usize> {
        self.rest_of_stage(run).find(|&i| {
            self.instruction(i).keyword == Keyword::Run
                && self.model.script(i).is_some_and(|s| {
                    s.commands.iter().any(|c| {
                        installs::system_manager(c).is_some_and(|m| std::ptr::eq(m, manager))
                    })
                })
        })
    }

    fn merge_update(&self, update: usize, install: usize, manager: &Manager) -> Option<Move> {
        let (_, update_text) = self.shell_text(update)?;
        let (install_span, _) = self.shell_text(install)?;
        let script = self.model.script(update)?;
        if !script
            .commands
            .iter()
            .all(|c| installs::index_update(c).is_some())
            || !self.instruction(update).flags.is_empty()
        {
            return None;
        }
        // A RUN in between that uses the manager would lose its lists.
        for between in update + 1..install {
            let i = self.instruction(between);
            if i.keyword == Keyword::Workdir || i.keyword == Keyword::Onbuild {
                return None;
            }
            if self.model.script(between).is_some_and(|s| {
                s.commands.iter().any(|c| {
                    installs::system_manager(c).is_some_and(|m| std::ptr::eq(m, manager))
                        || c.name.starts_with("apt")
                        || c.name == "dpkg"
                })
            }) {
                return None;
            }
        }
        Some(Move {
            message: format!(
                "run the update of line {} in the RUN at line {}",
                self.line(update),
                self.line(install)
            ),
            edits: vec![
                Edit {
                    span: self.block(update),
                    replacement: String::new(),
                },
                Edit {
                    span: Span::new(install_span.start, install_span.start),
                    replacement: format!("{} && ", update_text.trim()),
                },
            ],
            dockerignore: Vec::new(),
            applicability: Applicability::Safe,
            reason: None,
        })
    }

    // ---- LL2004 ---------------------------------------------------------------------

    pub fn early_volatile_arg(&self) -> Vec<Advice> {
        let mut out = Vec::new();
        // Where each name is used, indexed once: every ARG looks for its first use
        // after it, which in a long stage is far.
        let index: std::cell::OnceCell<ReferenceIndex> = std::cell::OnceCell::new();
        for stage in &self.model.stages {
            for arg in stage.body.clone() {
                let instruction = self.instruction(arg);
                let Args::ArgDecls(decls) = &instruction.args else {
                    continue;
                };
                let mut names: Vec<String> = decls
                    .iter()
                    .map(|d| d.name.value.to_string())
                    .filter(|n| !is_constant_arg(n))
                    .collect();
                if names.is_empty() {
                    continue;
                }
                let index = index.get_or_init(|| ReferenceIndex::new(&self.df().instructions));
                let end = self.rest_of_stage(arg).end;
                // ENVs built from it change with it; they move along.
                let mut derived: Vec<usize> = Vec::new();
                let mut after = arg;
                let first_use = loop {
                    match index.next_use(&names, after, end) {
                        Some(i) if self.instruction(i).keyword == Keyword::Env => {
                            if let Args::KeyValues(pairs) = &self.instruction(i).args {
                                names.extend(pairs.iter().map(|p| p.key.value.to_string()));
                            }
                            derived.push(i);
                            after = i;
                        }
                        found => break found,
                    }
                };
                // The RUNs before the first use do not use it (a RUN that did would be
                // the first use): they are the ones a new value rebuilds for nothing.
                let until = first_use.unwrap_or(end);
                let victim_count = index.runs_before[until] - index.runs_before[arg + 1];
                let victims: Vec<usize> = (arg + 1..until)
                    .filter(|&i| self.instruction(i).keyword == Keyword::Run)
                    .take(NAMED_VICTIMS)
                    .collect();
                if victim_count == 0 {
                    continue;
                }
                let shown: Vec<String> = victims
                    .iter()
                    .take(3)
                    .map(|&v| {
                        format!(
                            "`{}` (line {})",
                            shorten(&Self::single_line(&self.instruction(v).original), 40),
                            self.line(v)
                        )
                    })
                    .collect();
                let more = victim_count.saturating_sub(3);
                let mut message = format!(
                    "early volatile ARG: `{}` is in the key of every RUN after it, so a new value rebuilds {}{}, which {} not use it",
                    Self::single_line(&instruction.original),
                    shown.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    },
                    if victim_count == 1 { "does" } else { "do" }
                );
                match first_use {
                    Some(u) => message.push_str(&format!(
                        "; declare it just before line {}, where it is first used",
                        self.line(u)
                    )),
                    None => message.push_str("; nothing in this stage uses it, so declare it at the end of the stage or drop it"),
                }
                let fix = self.move_arg(arg, &derived, first_use, &victims, victim_count);
                out.push(Advice {
                    code: "LL2004",
                    instruction: arg,
                    span: instruction.span,
                    message,
                    fix,
                });
            }
        }
        out
    }

    fn move_arg(
        &self,
        arg: usize,
        derived: &[usize],
        first_use: Option<usize>,
        victims: &[usize],
        victim_count: usize,
    ) -> Option<Move> {
        let stage = self.model.stage_of(arg)?;
        let mut moving = vec![arg];
        moving.extend(derived);
        let mut text = String::new();
        let mut edits = Vec::new();
        for &m in &moving {
            text.push_str(&self.block_text(m));
            edits.push(Edit {
                span: self.block(m),
                replacement: String::new(),
            });
        }
        let at = match first_use {
            Some(u) => self.block(u).start,
            None => {
                let last = stage.body.end.checked_sub(1)?;
                if moving.contains(&last) {
                    return None;
                }
                let end = self.block(last).end;
                if !self.df().source[..end].ends_with('\n') {
                    text.insert_str(0, self.newline());
                }
                end
            }
        };
        edits.push(Edit {
            span: Span::new(at, at),
            replacement: text,
        });
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let mut lines = victims
            .iter()
            .map(|&v| self.line(v).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        if victim_count > victims.len() {
            lines.push_str(&format!(" and {} more", victim_count - victims.len()));
        }
        Some(Move {
            message: format!(
                "move `{}` down to {}",
                Self::single_line(&self.instruction(arg).original),
                match first_use {
                    Some(u) => format!("line {}", self.line(u)),
                    None => "the end of its stage".into(),
                }
            ),
            edits,
            dockerignore: Vec::new(),
            applicability: Applicability::Unsafe,
            reason: Some(format!(
                "the RUNs at lines {lines} no longer have it in their environment, and a program they run may read it",
            )),
        })
    }

    // ---- LL2007 ---------------------------------------------------------------------

    pub fn dockerfile_in_context(&self) -> Vec<Advice> {
        let Some(build) = self.build else {
            return Vec::new();
        };
        // The COPY first: the disk is asked only when one sends the whole context.
        let Some(copy) = (0..self.df().instructions.len())
            .find(|&i| self.model.stage_of(i).is_some() && self.copies_whole_context(i))
        else {
            return Vec::new();
        };
        let mut sent: Vec<String> = Vec::new();
        if let Some(df) = build.dockerfile()
            && build.is_sent(df)
        {
            sent.push(df.to_string());
        }
        if let Some(ignore) = build.ignore_file()
            && build.is_sent(ignore)
        {
            sent.push(ignore.to_string());
        }
        if sent.is_empty() {
            return Vec::new();
        }
        let after = self
            .rest_of_stage(copy)
            .filter(|&i| self.is_step(i))
            .count();
        let names = sent.join(" and ");
        Some(Advice {
            code: "LL2007",
            instruction: copy,
            span: self.instruction(copy).span,
            message: format!(
                "Dockerfile in context: `{}` copies {names}, so every edit to {}, even a comment, rebuilds this step{}; exclude {} in .dockerignore (BuildKit reads the Dockerfile and .dockerignore before it applies it)",
                Self::single_line(&self.instruction(copy).original),
                if sent.len() > 1 { "them" } else { "it" },
                match after {
                    0 => String::new(),
                    1 => " and the one after it".to_string(),
                    n => format!(" and the {n} after it"),
                },
                if sent.len() > 1 { "them" } else { "it" },
            ),
            fix: Some(Move {
                message: format!("add {names} to .dockerignore"),
                edits: Vec::new(),
                dockerignore: sent,
                applicability: Applicability::Unsafe,
                reason: Some(format!("the image no longer contains {names}")),
            }),
        })
        .into_iter()
        .collect()
    }
}

fn sources_len_gt1(i: &Instruction) -> bool {
    matches!(&i.args, Args::List { items, .. } if items.len() > 2)
}

/// What a cleanup command removes.
#[derive(Clone, Debug)]
pub enum Target {
    /// An absolute path (a trailing `/*` or `/` dropped).
    Path(String),
    /// A package manager's index or cache.
    Cache(&'static Manager),
}

impl Target {
    fn covers(&self, other: &Target) -> bool {
        match (self, other) {
            (Target::Path(a), Target::Path(b)) => a == b || is_below(b, a),
            (Target::Cache(a), Target::Cache(b)) => std::ptr::eq(*a, *b),
            (Target::Path(a), Target::Cache(m)) | (Target::Cache(m), Target::Path(a)) => m
                .cache_targets
                .iter()
                .any(|t| t == a || is_below(t, a) || is_below(a, t)),
        }
    }

    fn used_by(&self, cmd: &ShellCommand) -> bool {
        match self {
            Target::Cache(m) => {
                installs::system_manager(cmd).is_some_and(|x| std::ptr::eq(x, *m))
                    || installs::classify(cmd).is_some_and(|i| std::ptr::eq(i.manager, *m))
            }
            Target::Path(p) => {
                let manager = installs::system_manager(cmd)
                    .or_else(|| installs::index_update(cmd))
                    .or_else(|| installs::classify(cmd).map(|i| i.manager));
                manager.is_some_and(|m| Target::Cache(m).covers(self))
                    || cmd.args.iter().any(|a| {
                        a.value.contains(p.as_str()) || p.ends_with(&format!("/{}", a.value))
                    })
            }
        }
    }

    fn mentioned_in(&self, text: &str) -> bool {
        match self {
            Target::Path(p) => {
                let leaf = p.rsplit('/').next().unwrap_or(p);
                !leaf.is_empty() && text.contains(leaf)
            }
            Target::Cache(_) => false,
        }
    }
}

/// The paths and caches a command removes.
fn cleanup_targets(cmd: &ShellCommand, workdir: &str) -> Vec<Target> {
    // Asked of every command, most of which clean nothing: no list of its words is made.
    let has = |s: &str| cmd.has_arg(s);
    let cache = |m| vec![Target::Cache(m)];
    match cmd.name.as_str() {
        "rm" => cmd
            .args
            .iter()
            .map(|x| x.value.as_str())
            .filter(|x| !x.starts_with('-') && !x.contains('$'))
            .map(|x| {
                let trimmed = x.trim_end_matches('*').trim_end_matches('/');
                Target::Path(join(workdir, if trimmed.is_empty() { x } else { trimmed }))
            })
            .filter(|t| !matches!(t, Target::Path(p) if p == "/"))
            .collect(),
        "apt-get" | "apt" if has("clean") || has("autoclean") => cache(&installs::APT),
        "apk" if has("cache") && has("clean") => cache(&installs::APK),
        "yum" if has("clean") => cache(&installs::YUM),
        "dnf" | "microdnf" if has("clean") => cache(&installs::DNF),
        "zypper" if has("clean") => cache(&installs::ZYPPER),
        "npm" if has("cache") && has("clean") => cache(&installs::NPM),
        "yarn" if has("cache") && has("clean") => cache(&installs::YARN),
        "pip" | "pip3" if has("cache") && has("purge") => cache(&installs::PIP),
        "composer" if has("clear-cache") || has("clearcache") => cache(&installs::COMPOSER),
        _ => Vec::new(),
    }
}

/// What each RUN's commands remove and fill, by instruction index, found on first use:
/// every cleanup looks back over the RUNs before it, and asks the same of each; a RUN
/// no cleanup looks back at is never classified.
struct RunFactsTable<'l, 'm> {
    layers: &'l Layers<'m>,
    by_run: Vec<std::cell::OnceCell<RunFacts>>,
}

#[derive(Default)]
struct RunFacts {
    removed: Vec<Target>,
    /// By command: the managers whose index or cache it fills.
    fills: Vec<Vec<&'static Manager>>,
    /// By command: whether it updates a package index.
    updates_index: Vec<bool>,
}

impl<'l, 'm> RunFactsTable<'l, 'm> {
    fn new(layers: &'l Layers<'m>) -> Self {
        let count = layers.df().instructions.len();
        RunFactsTable {
            layers,
            by_run: (0..count).map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    fn of(&self, index: usize) -> &RunFacts {
        self.by_run[index].get_or_init(|| {
            let model = self.layers.model;
            let workdir = model.workdir_at(index);
            let commands = model.script(index).map_or(&[][..], |s| &s.commands[..]);
            RunFacts {
                removed: commands
                    .iter()
                    .flat_map(|c| cleanup_targets(c, workdir))
                    .collect(),
                fills: commands.iter().map(filled_caches).collect(),
                updates_index: commands
                    .iter()
                    .map(|c| installs::index_update(c).is_some())
                    .collect(),
            }
        })
    }
}

/// The package caches by their paths.
const CACHE_DIRS: [(&Manager, &[&str]); 6] = [
    (&installs::APT, &["/var/lib/apt/lists", "/var/cache/apt"]),
    (&installs::APK, &["/var/cache/apk"]),
    (&installs::YUM, &["/var/cache/yum"]),
    (&installs::DNF, &["/var/cache/dnf"]),
    (&installs::PIP, &["/root/.cache/pip", "/root/.cache"]),
    (&installs::NPM, &["/root/.npm"]),
];

/// The managers whose index or cache the command fills.
fn filled_caches(cmd: &ShellCommand) -> Vec<&'static Manager> {
    if cmd.has_any_flag(&["no-cache", "no-cache-dir"]) {
        return Vec::new();
    }
    let mut fills: Vec<&'static Manager> = Vec::new();
    let install = installs::classify(cmd);
    let found = [
        installs::system_manager_of(cmd, install.as_ref()),
        installs::index_update(cmd),
        install.map(|i| i.manager),
    ];
    for manager in found.into_iter().flatten() {
        if !fills.iter().any(|m| std::ptr::eq(*m, manager)) {
            fills.push(manager);
        }
    }
    fills
}

/// A target, with what its path means worked out once: a look back over a stage asks
/// about one target of many commands.
struct Creation<'t> {
    target: &'t Target,
    /// A path in apt's package index, which the update makes, not the install.
    in_apt_lists: bool,
    /// The managers whose caches the path is in or holds.
    caches: Vec<&'static Manager>,
}

impl<'t> Creation<'t> {
    fn of(target: &'t Target) -> Self {
        let (in_apt_lists, caches) = match target {
            Target::Path(p) => (
                p == "/var/lib/apt/lists" || is_below(p, "/var/lib/apt/lists"),
                CACHE_DIRS
                    .iter()
                    .filter(|(_, dirs)| {
                        dirs.iter()
                            .any(|d| d == p || is_below(p, d) || is_below(d, p))
                    })
                    .map(|(m, _)| *m)
                    .collect(),
            ),
            Target::Cache(_) => (false, Vec::new()),
        };
        Creation {
            target,
            in_apt_lists,
            caches,
        }
    }

    /// Whether the command (run in `workdir`, filling the caches of `fills`, updating
    /// an index or not) created what the target names.
    fn by(
        &self,
        cmd: &ShellCommand,
        workdir: &str,
        fills: &[&'static Manager],
        updates_index: bool,
    ) -> bool {
        let fills_cache = |m: &Manager| fills.iter().any(|f| std::ptr::eq(*f, m));
        let p = match self.target {
            Target::Cache(m) => return fills_cache(m),
            Target::Path(p) => p,
        };
        if self.in_apt_lists && !updates_index {
            return false;
        }
        if self.caches.iter().any(|m| fills_cache(m)) {
            return true;
        }
        if !matches!(
            cmd.name.as_str(),
            "curl" | "wget" | "git" | "mkdir" | "tar" | "unzip"
        ) {
            return false;
        }
        let args: Vec<&str> = cmd.args.iter().map(|a| a.value.as_str()).collect();
        let at = |i: usize| args.get(i).map(|v| join(workdir, v));
        let hit = |path: &str| path == p || is_below(path, p) || is_below(p, path);
        match cmd.name.as_str() {
            "curl" | "wget" => {
                for (i, a) in args.iter().enumerate() {
                    let out = match *a {
                        "-o" | "--output" | "-O" if cmd.name == "wget" || *a != "-O" => at(i + 1),
                        _ if a.starts_with("--output=") || a.starts_with("--output-document=") => {
                            a.split_once('=').map(|(_, v)| join(workdir, v))
                        }
                        _ if a.starts_with("-o") && a.len() > 2 && cmd.name == "curl" => {
                            Some(join(workdir, &a[2..]))
                        }
                        _ if a.contains("://") => {
                            let leaf = a.rsplit('/').next().unwrap_or("");
                            let leaf = leaf.split(['?', '#']).next().unwrap_or("");
                            let saves = cmd.name == "wget"
                                && !args.iter().any(|x| {
                                    x.starts_with("-O")
                                        || x.starts_with("--output-document")
                                        || *x == "-qO-"
                                })
                                || cmd.name == "curl"
                                    && (cmd.has_flag("O") || cmd.has_flag("remote-name"));
                            (saves && !leaf.is_empty()).then(|| join(workdir, leaf))
                        }
                        _ => None,
                    };
                    if out.is_some_and(|out| hit(&out)) {
                        return true;
                    }
                }
                false
            }
            "git" if args.first() == Some(&"clone") => {
                let plain: Vec<&str> = args[1..]
                    .iter()
                    .copied()
                    .filter(|x| !x.starts_with('-'))
                    .collect();
                let dest = match plain.as_slice() {
                    [url] => Some(join(
                        workdir,
                        url.trim_end_matches(".git")
                            .rsplit('/')
                            .next()
                            .unwrap_or(""),
                    )),
                    [_, dir, ..] => Some(join(workdir, dir)),
                    _ => None,
                };
                dest.is_some_and(|d| hit(&d))
            }
            "mkdir" => args
                .iter()
                .filter(|x| !x.starts_with('-'))
                .any(|x| join(workdir, x) == *p),
            "tar" | "unzip" => {
                let dir = args
                    .iter()
                    .position(|x| *x == "-C" || *x == "-d" || *x == "--directory")
                    .and_then(|i| at(i + 1));
                dir.is_some_and(|d| d == *p)
            }
            _ => false,
        }
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}...")
    }
}

fn is_archive_name(what: &str) -> bool {
    let name = what
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_ascii_lowercase();
    [
        ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".zip", ".tar.zst",
    ]
    .iter()
    .any(|ext| name.ends_with(ext))
}

/// ARGs with the same value in every build, or kept out of the key: moving them saves nothing.
fn is_constant_arg(name: &str) -> bool {
    super::PREDEFINED_ARGS.contains(&name)
        || matches!(
            name.to_ascii_lowercase().as_str(),
            "http_proxy" | "https_proxy" | "ftp_proxy" | "no_proxy" | "all_proxy"
        )
}

/// Whether the text expands any of the names (`$NAME`, `${NAME...}`).
/// The RUNs an early volatile ARG's fix names before "and N more".
const NAMED_VICTIMS: usize = 10;

/// Where each name is referred to with `$NAME` or `${NAME...`, by instruction, in
/// source order. A reference is the run of word characters after a `$` (possibly empty).
struct ReferenceIndex<'t> {
    by_name: HashMap<&'t str, Vec<usize>>,
    texts: Vec<&'t str>,
    /// By instruction index: how many RUNs come before it.
    runs_before: Vec<usize>,
}

impl<'t> ReferenceIndex<'t> {
    fn new(instructions: &'t [Instruction]) -> Self {
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut runs_before = Vec::with_capacity(instructions.len() + 1);
        let mut runs = 0;
        for (i, instruction) in instructions.iter().enumerate() {
            runs_before.push(runs);
            runs += usize::from(instruction.keyword == Keyword::Run);
            for after in after_dollars(&instruction.original) {
                let name = &after[..after.find(|c| !is_word_char(c)).unwrap_or(after.len())];
                let uses = by_name.entry(name).or_default();
                if uses.last() != Some(&i) {
                    uses.push(i);
                }
            }
        }
        runs_before.push(runs);
        ReferenceIndex {
            by_name,
            texts: instructions.iter().map(|i| i.original.as_ref()).collect(),
            runs_before,
        }
    }

    /// The first instruction in `after + 1..end` that names any of `names` with `$` or
    /// `${`, followed by anything but a word character. For a name of word characters
    /// that is a reference equal to it; any other name is searched for in the texts.
    fn next_use(&self, names: &[String], after: usize, end: usize) -> Option<usize> {
        names
            .iter()
            .filter_map(|n| {
                if n.chars().all(is_word_char) {
                    let uses = self.by_name.get(n.as_str())?;
                    let next = uses.partition_point(|&i| i <= after);
                    uses.get(next).copied().filter(|&i| i < end)
                } else {
                    (after + 1..end).find(|&i| uses(self.texts[i], n))
                }
            })
            .min()
    }
}

/// Whether `$name` or `${name` is written in the text, not followed by a word character.
fn uses(text: &str, name: &str) -> bool {
    after_dollars(text).any(|after| {
        after
            .strip_prefix(name)
            .is_some_and(|rest| !rest.starts_with(is_word_char))
    })
}

/// The text after each `$`, and after the `{` of a `${`.
fn after_dollars(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('$').map(|(at, _)| {
        let after = &text[at + 1..];
        after.strip_prefix('{').unwrap_or(after)
    })
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `-r other.txt` lines of a requirements file.
fn included_requirements(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix("-r ")
                .or_else(|| l.strip_prefix("--requirement "))
                .or_else(|| l.strip_prefix("-c "))
                .or_else(|| l.strip_prefix("--constraint "))
                .map(|f| f.trim().to_string())
        })
        .collect()
}

fn line_start(source: &str, offset: usize) -> usize {
    source[..offset].rfind('\n').map(|n| n + 1).unwrap_or(0)
}

/// A context path without `./`, `..` or slashes at the ends: `.` is ``.
pub fn clean(path: &str) -> String {
    crate::context::clean_path(path)
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map(|(p, _)| p).unwrap_or("")
}

fn join_context(folder: &str, rest: &str) -> String {
    match (folder.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_string(),
        (_, true) => folder.to_string(),
        _ => format!("{folder}/{rest}"),
    }
}

/// An absolute container path after `cd`-ing into `path` from `cwd` (no trailing `/`).
pub fn join(cwd: &str, path: &str) -> String {
    let mut joined = crate::context::container_path(cwd, path);
    // (Trimmed in place: the path is always absolute, so `/` stays.)
    while joined.len() > 1 && joined.ends_with('/') {
        joined.pop();
    }
    joined
}

/// Whether `path` is below the folder `folder` (`/a/b` below `/a`, not `/ab`).
pub fn is_below(path: &str, folder: &str) -> bool {
    let folder = folder.trim_end_matches('/');
    path.len() > folder.len() + 1
        && path.starts_with(folder)
        && path.as_bytes()[folder.len()] == b'/'
}

/// `path` relative to `base` (`""` when equal), or `None` when it is not below it.
fn relative_to(path: &str, base: &str) -> Option<String> {
    if path == base {
        return Some(String::new());
    }
    let base = base.trim_end_matches('/');
    if base.is_empty() {
        return Some(path.trim_start_matches('/').to_string());
    }
    path.strip_prefix(base)
        .and_then(|r| r.strip_prefix('/'))
        .map(String::from)
}
