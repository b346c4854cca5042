//! `layerlint cache --history N`: replay the last N first-parent commits as CI builds on
//! a builder that keeps every earlier result (a warm cache), and count, for each step
//! of the HEAD Dockerfile, how many of them rebuilt it.
//!
//! One `git log --raw` gives every commit's changed blobs; the context state is updated
//! from it commit by commit, so nothing is hashed or listed again (git's blob ids are
//! the identities). A Dockerfile edit is followed by matching each commit's steps to
//! HEAD's: equal texts first, then edited steps paired in order.

use super::git::{GitError, git};
use super::state::ContextState;
use super::steps::{BuildOptions, Plan, plan};
use super::{Baseline, Reason, Status, compare};
use crate::context::DockerIgnore;
use crate::model::Model;
use crate::syntax::{Keyword, ParsedFile};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Where the build's inputs live in the repository (`/`-separated, relative to its root).
pub struct Layout {
    /// The context folder (`""`: the root).
    pub context: String,
    pub dockerfile: String,
    /// `<Dockerfile>.dockerignore`, then the context's `.dockerignore`: the first present
    /// at a commit applies.
    pub ignore_files: Vec<String>,
}

impl Layout {
    /// Where a context folder and a Dockerfile lie in the repository rooted at `root`.
    pub fn of(root: &Path, context_dir: &Path, dockerfile_path: &Path) -> Result<Layout, String> {
        let rel = |p: &Path| -> Result<String, String> {
            let r = super::git::repo_relative(root, p).map_err(|e| e.to_string())?;
            Ok(if r == "." {
                String::new()
            } else {
                r.trim_matches('/').to_string()
            })
        };
        let context = rel(context_dir)?;
        let dockerfile = rel(dockerfile_path)?;
        let in_context = |name: &str| {
            if context.is_empty() {
                name.to_string()
            } else {
                format!("{context}/{name}")
            }
        };
        Ok(Layout {
            ignore_files: vec![
                format!("{dockerfile}.dockerignore"),
                in_context(".dockerignore"),
            ],
            context,
            dockerfile,
        })
    }
}

/// The last `n` first-parent commits of the repository holding `context_dir`, replayed
/// for the Dockerfile as committed at HEAD: (HEAD's sha, the counts).
pub fn replay_recent(
    context_dir: &Path,
    dockerfile_path: &Path,
    n: usize,
    options: &BuildOptions,
) -> Result<(String, Replay), String> {
    let root = super::git::repo_root(context_dir).map_err(|e| e.to_string())?;
    let layout = Layout::of(&root, context_dir, dockerfile_path)?;
    let (before, commits) = commits(&root, Some(n.max(1)), None).map_err(|e| e.to_string())?;
    let head = commits
        .last()
        .map(|c| c.sha.clone())
        .ok_or("no commit to replay")?;
    let head_text = super::git::file_at(&root, &head, &layout.dockerfile)
        .ok_or_else(|| format!("{}: not in commit {head}", layout.dockerfile))?;
    let history = History {
        root: &root,
        layout: &layout,
        before,
        commits,
    };
    let identity = |t: &str| (t.to_string(), Vec::new());
    let replay = replay(&history, &head_text, options, &identity, &mut |_, _| {})?;
    Ok((head, replay))
}

/// What to replay: the repository, where the build's inputs are, the tree before the
/// first commit, and the commits, oldest first.
pub struct History<'h> {
    pub root: &'h Path,
    pub layout: &'h Layout,
    pub before: BTreeMap<String, String>,
    pub commits: Vec<Commit>,
}

/// One commit of the replay.
pub struct Commit {
    pub sha: String,
    /// (repo path, identity, or `None` when deleted).
    changes: Vec<(String, Option<String>)>,
}

/// A step of the HEAD Dockerfile and how often it rebuilt.
#[derive(Clone, Debug, Serialize)]
pub struct StepCount {
    pub stage: String,
    pub line: usize,
    pub instruction: &'static str,
    pub text: String,
    pub rebuilds: usize,
    /// Rebuilds that only follow a `COPY --from` of a rebuilt stage (they stay cached if
    /// that stage's output comes out byte-identical, which the model cannot know).
    pub conditional: usize,
    /// Seconds per run, from `--timings`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Replay {
    /// Oldest first.
    pub commits: Vec<String>,
    pub steps: Vec<StepCount>,
}

fn identity(mode: &str, blob: &str) -> Option<String> {
    match mode {
        "120000" => Some(format!("symlink blob:{blob}")),
        "100755" => Some(format!("file 755 blob:{blob}")),
        "100644" | "100664" => Some(format!("file 644 blob:{blob}")),
        // Submodules (160000) are not sent as files.
        _ => None,
    }
}

/// The commits to replay (oldest first) and the state before the first: the last `n`
/// first-parent commits of HEAD, or those of `range` (`A..B`).
pub fn commits(
    root: &Path,
    last: Option<usize>,
    range: Option<&str>,
) -> Result<(BTreeMap<String, String>, Vec<Commit>), GitError> {
    let spec: Vec<String> = match (last, range) {
        (_, Some(r)) => vec![r.to_string()],
        (Some(n), None) => vec![format!("-n{n}"), "HEAD".into()],
        (None, None) => vec!["-n1".into(), "HEAD".into()],
    };
    let mut args: Vec<&str> = vec![
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "-z",
        "--format=commit %H %P",
    ];
    args.extend(spec.iter().map(String::as_str));
    let out = git(root, &args)?;
    let mut newest_first: Vec<(Commit, Option<String>)> = Vec::new();
    let mut tokens = out
        .split(|b| *b == 0)
        .map(|t| String::from_utf8_lossy(t).into_owned());
    while let Some(token) = tokens.next() {
        let token = token.trim_start_matches('\n');
        if let Some(rest) = token.strip_prefix("commit ") {
            let mut words = rest.split_whitespace();
            let sha = words.next().unwrap_or("").to_string();
            let parent = words.next().map(String::from);
            newest_first.push((
                Commit {
                    sha,
                    changes: Vec::new(),
                },
                parent,
            ));
        } else if let Some(meta) = token.strip_prefix(':') {
            let fields: Vec<&str> = meta.split(' ').collect();
            let Some(path) = tokens.next() else { break };
            let (Some(mode), Some(blob), Some(kind)) =
                (fields.get(1), fields.get(3), fields.get(4))
            else {
                continue;
            };
            let value = if kind.starts_with('D') {
                None
            } else {
                identity(mode, blob)
            };
            if let Some((commit, _)) = newest_first.last_mut() {
                commit.changes.push((path, value));
            }
        }
    }
    if newest_first.is_empty() {
        return Err(GitError(match range {
            Some(r) => format!("no commits in {r}"),
            None => "no commits to replay".into(),
        }));
    }
    newest_first.reverse();
    let before = match &newest_first[0].1 {
        Some(parent) => tree(root, parent)?,
        None => BTreeMap::new(),
    };
    Ok((before, newest_first.into_iter().map(|(c, _)| c).collect()))
}

/// Every blob of a commit's tree: repo path -> identity.
fn tree(root: &Path, commit: &str) -> Result<BTreeMap<String, String>, GitError> {
    let out = git(root, &["ls-tree", "-r", "-z", "--full-tree", commit])?;
    let mut files = BTreeMap::new();
    for record in out.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let record = String::from_utf8_lossy(record);
        let Some((meta, path)) = record.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = meta.split(' ').collect();
        if let (Some(mode), Some(blob)) = (fields.first(), fields.get(2))
            && let Some(id) = identity(mode, blob)
        {
            files.insert(path.to_string(), id);
        }
    }
    Ok(files)
}

/// The context as the builder would receive it, kept up to date change by change.
struct Tracked {
    /// Every tracked file of the repository: path -> identity.
    files: BTreeMap<String, String>,
    layout_context: String,
    ignore: Option<DockerIgnore>,
    /// The filtered context, with the folders of the files it holds.
    state: ContextState,
    /// Files sent below each folder of `state`.
    folder_counts: HashMap<String, usize>,
}

impl Tracked {
    fn context_path(&self, repo_path: &str) -> Option<String> {
        if self.layout_context.is_empty() {
            Some(repo_path.to_string())
        } else {
            repo_path
                .strip_prefix(&self.layout_context)
                .and_then(|p| p.strip_prefix('/'))
                .map(String::from)
        }
    }

    fn rebuild(&mut self) {
        self.state.entries.clear();
        self.folder_counts.clear();
        let files: Vec<(String, String)> = self
            .files
            .iter()
            .filter_map(|(p, id)| Some((self.context_path(p)?, id.clone())))
            .collect();
        for (path, id) in files {
            self.add(&path, id);
        }
    }

    fn add(&mut self, path: &str, id: String) {
        if self.ignore.as_ref().is_some_and(|i| i.is_excluded(path)) {
            return;
        }
        if self.state.entries.insert(path.to_string(), id).is_none() {
            let mut folder = path;
            while let Some((parent, _)) = folder.rsplit_once('/') {
                *self.folder_counts.entry(parent.to_string()).or_default() += 1;
                self.state
                    .entries
                    .entry(parent.to_string())
                    .or_insert_with(|| "dir".into());
                folder = parent;
            }
        }
    }

    fn remove(&mut self, path: &str) {
        if self.state.entries.remove(path).is_some() {
            let mut folder = path;
            while let Some((parent, _)) = folder.rsplit_once('/') {
                let count = self.folder_counts.entry(parent.to_string()).or_default();
                *count = count.saturating_sub(1);
                if *count == 0 {
                    self.folder_counts.remove(parent);
                    self.state.entries.remove(parent);
                }
                folder = parent;
            }
        }
    }
}

/// A Dockerfile of some commit, parsed once per distinct text.
struct Texts {
    parsed: Vec<ParsedFile>,
    /// The `.dockerignore` lines the rewrite adds, by index in `parsed`.
    ignore_lines: Vec<Vec<String>>,
    by_text: HashMap<String, usize>,
    /// Blob id -> index in `parsed` (None: not a Dockerfile BuildKit accepts).
    by_blob: HashMap<String, Option<usize>>,
}

impl Texts {
    fn index(&mut self, (text, ignore_lines): (String, Vec<String>)) -> Option<usize> {
        if let Some(&i) = self.by_text.get(&text) {
            return Some(i);
        }
        let df = ParsedFile::parse(text.clone());
        if df.tree().parser_errors().next().is_some() {
            return None;
        }
        self.parsed.push(df);
        self.ignore_lines.push(ignore_lines);
        self.by_text.insert(text, self.parsed.len() - 1);
        Some(self.parsed.len() - 1)
    }
}

/// The Dockerfile text each commit builds, and lines added to its `.dockerignore`, given
/// as a function so that a suggestion can stand in for the file as written.
pub type Rewrite<'r> = &'r dyn Fn(&str) -> (String, Vec<String>);

/// Replay the commits and count each HEAD step's rebuilds. `rewrite` turns each commit's
/// Dockerfile into the one that is built (the identity, or `cache --suggest`'s output);
/// `head_text` is HEAD's Dockerfile after the same rewrite, whose steps are counted.
pub fn replay(
    history: &History,
    head_text: &str,
    options: &BuildOptions,
    rewrite: Rewrite,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Replay, String> {
    let History {
        root,
        layout,
        before,
        commits,
    } = history;
    let root: &Path = root;
    let before = before.clone();
    let blob_text = |id: &str| -> Option<String> {
        let blob = id.rsplit("blob:").next()?;
        git(root, &["cat-file", "blob", blob])
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
    };
    // The ignore file in force: which blob, and the lines the rewrite adds to it.
    type IgnoreKey = (Option<String>, Vec<String>);
    let ignore_key = |files: &BTreeMap<String, String>, extra: &[String]| -> IgnoreKey {
        let id = layout
            .ignore_files
            .iter()
            .find_map(|f| files.get(f).cloned());
        (id, extra.to_vec())
    };
    let parse_ignore = |key: &IgnoreKey| -> Result<Option<DockerIgnore>, String> {
        let mut text = key.0.as_deref().and_then(blob_text).unwrap_or_default();
        if key.0.is_none() && key.1.is_empty() {
            return Ok(None);
        }
        for line in &key.1 {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(line);
            text.push('\n');
        }
        DockerIgnore::parse(&text)
            .map(Some)
            .map_err(|e| format!(".dockerignore:{e}"))
    };
    let mut tracked = Tracked {
        files: before,
        layout_context: layout.context.clone(),
        ignore: None,
        state: ContextState::default(),
        folder_counts: HashMap::new(),
    };

    let mut texts = Texts {
        ignore_lines: Vec::new(),
        parsed: Vec::new(),
        by_text: HashMap::new(),
        by_blob: HashMap::new(),
    };
    let head = crate::syntax::parse(head_text);
    let head_model = Model::build(&head);
    let head_plan = plan(&head_model, &ContextState::default(), options)?;
    let head_steps: Vec<usize> = (0..head_plan.steps.len())
        .filter(|&i| {
            let s = &head_plan.steps[i];
            s.keyword != Keyword::From && head_plan.reachable[s.stage]
        })
        .collect();
    let mut rebuilds = vec![0usize; head_plan.steps.len()];
    let mut conditional = vec![0usize; head_plan.steps.len()];

    // The warm cache: what the build before the first replayed commit left, and every
    // build after it.
    let mut cache = Baseline {
        records: Vec::new(),
        context: None,
    };
    let mut known: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut keep = |cache: &mut Baseline, p: &Plan| {
        for r in p.records() {
            if known.insert(r.key.clone()) {
                cache.records.push(r);
            }
        }
    };
    let dockerfile_of = |files: &BTreeMap<String, String>, texts: &mut Texts| {
        let id = files.get(&layout.dockerfile)?;
        if let Some(known) = texts.by_blob.get(id) {
            return *known;
        }
        let index = blob_text(id).and_then(|t| texts.index(rewrite(&t)));
        texts.by_blob.insert(id.clone(), index);
        index
    };
    let first = dockerfile_of(&tracked.files, &mut texts);
    let extra = |i: Option<usize>, texts: &Texts| -> Vec<String> {
        i.map(|i| texts.ignore_lines[i].clone()).unwrap_or_default()
    };
    let mut current_ignore = ignore_key(&tracked.files, &extra(first, &texts));
    tracked.ignore = parse_ignore(&current_ignore)?;
    tracked.rebuild();
    if let Some(i) = first {
        let model = Model::build(texts.parsed[i].tree());
        if let Ok(p) = plan(&model, &tracked.state, options) {
            keep(&mut cache, &p);
        }
    }
    for (n, commit) in commits.iter().enumerate() {
        progress(n + 1, commits.len());
        for (path, id) in &commit.changes {
            match id {
                Some(id) => {
                    tracked.files.insert(path.clone(), id.clone());
                }
                None => {
                    tracked.files.remove(path);
                }
            }
        }
        let index = dockerfile_of(&tracked.files, &mut texts);
        let wanted = ignore_key(&tracked.files, &extra(index, &texts));
        if wanted != current_ignore {
            tracked.ignore = parse_ignore(&wanted)?;
            current_ignore = wanted;
            tracked.rebuild();
        } else {
            for (path, id) in &commit.changes {
                let Some(cpath) = tracked.context_path(path) else {
                    continue;
                };
                tracked.remove(&cpath);
                if let Some(id) = id {
                    tracked.add(&cpath, id.clone());
                }
            }
        }
        let Some(i) = index else {
            // No Dockerfile (or one BuildKit rejects) at this commit: no build.
            continue;
        };
        let model = Model::build(texts.parsed[i].tree());
        let commit_plan = plan(&model, &tracked.state, options)?;
        let verdicts = compare(&commit_plan, &tracked.state, &cache);
        let pairs = match_steps(&commit_plan, &head_plan);
        let mut conditional_stage: HashMap<usize, bool> = HashMap::new();
        for (k, (s, v)) in commit_plan.steps.iter().zip(&verdicts).enumerate() {
            let is_conditional = matches!(
                v.reason,
                Reason::StageRebuilt {
                    conditional: true,
                    ..
                }
            ) || (v.reason == Reason::ParentRebuilt
                && conditional_stage.get(&s.stage) == Some(&true));
            conditional_stage.insert(s.stage, is_conditional);
            if v.status != Status::Rebuild {
                continue;
            }
            if let Some(&h) = pairs.get(&k) {
                rebuilds[h] += 1;
                if is_conditional {
                    conditional[h] += 1;
                }
            }
        }
        keep(&mut cache, &commit_plan);
    }
    Ok(Replay {
        commits: commits.iter().map(|c| c.sha.clone()).collect(),
        steps: head_steps
            .into_iter()
            .map(|i| {
                let s = &head_plan.steps[i];
                StepCount {
                    stage: head_plan.stage_names[s.stage]
                        .clone()
                        .unwrap_or_else(|| s.stage.to_string()),
                    line: s.line,
                    instruction: s.keyword.as_str(),
                    text: s.text.clone(),
                    rebuilds: rebuilds[i],
                    conditional: conditional[i],
                    seconds: None,
                }
            })
            .collect(),
    })
}

/// Each step of `old` paired with the HEAD step it stands for: per stage (by name, else
/// by index), equal texts first, then the edited steps between them in order.
fn match_steps(old: &Plan, head: &Plan) -> HashMap<usize, usize> {
    let stage_key = |p: &Plan, stage: usize| {
        p.stage_names[stage]
            .clone()
            .unwrap_or_else(|| format!("#{stage}"))
    };
    let mut pairs = HashMap::new();
    let head_stages: Vec<String> = (0..head.stage_names.len())
        .map(|s| stage_key(head, s))
        .collect();
    for old_stage in 0..old.stage_names.len() {
        let key = stage_key(old, old_stage);
        let Some(head_stage) = head_stages.iter().position(|k| *k == key) else {
            continue;
        };
        let steps_of = |p: &Plan, stage: usize| -> Vec<usize> {
            (0..p.steps.len())
                .filter(|&i| p.steps[i].stage == stage && p.steps[i].keyword != Keyword::From)
                .collect()
        };
        let a = steps_of(old, old_stage);
        let b = steps_of(head, head_stage);
        let texts = |p: &Plan, v: &[usize]| -> Vec<String> {
            v.iter().map(|&i| normalized(&p.steps[i].text)).collect()
        };
        let (ta, tb) = (texts(old, &a), texts(head, &b));
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &ta, &tb) {
            match op {
                similar::DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => {
                    for k in 0..len {
                        pairs.insert(a[old_index + k], b[new_index + k]);
                    }
                }
                similar::DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => {
                    for k in 0..old_len.min(new_len) {
                        pairs.insert(a[old_index + k], b[new_index + k]);
                    }
                }
                _ => {}
            }
        }
    }
    pairs
}

/// A step's text with its white space folded, so a re-indented step is the same step.
fn normalized(text: &str) -> String {
    crate::syntax::fold_whitespace(text)
}

/// Seconds per step from a BuildKit progress log, `--progress=plain` (`#N [stage i/n]
/// TEXT`, then `#N DONE 1.2s`) or `--progress=rawjson` (one JSON status a line, with the
/// vertices' `started` and `completed` times). Keyed by the step's text, folded; a step
/// the log shows CACHED is left out (its time would be nothing).
pub fn timings(log: &str) -> HashMap<String, f64> {
    let mut names: HashMap<String, String> = HashMap::new();
    let mut out: HashMap<String, f64> = HashMap::new();
    for line in log.lines().filter(|l| l.starts_with('{')) {
        let Ok(status) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        for v in status["vertexes"].as_array().into_iter().flatten() {
            let name = v["name"].as_str().unwrap_or("");
            let Some((label, step)) = name.strip_prefix('[').and_then(|n| n.split_once("] "))
            else {
                continue;
            };
            if !label.contains('/') || v["cached"].as_bool() == Some(true) {
                continue;
            }
            if let (Some(a), Some(b)) = (
                v["started"].as_str().and_then(rfc3339_seconds),
                v["completed"].as_str().and_then(rfc3339_seconds),
            ) {
                out.insert(normalized(step), (b - a).max(0.0));
            }
        }
    }
    for line in log.lines() {
        let Some(rest) = line.strip_prefix('#') else {
            continue;
        };
        let Some((id, text)) = rest.split_once(' ') else {
            continue;
        };
        if let Some(inner) = text.strip_prefix('[')
            && let Some((label, step)) = inner.split_once("] ")
            && label.contains('/')
        {
            names.insert(id.to_string(), normalized(step));
        } else if let Some(secs) = text.strip_prefix("DONE ")
            && let Some(step) = names.get(id)
            && let Ok(s) = secs.trim_end_matches('s').parse::<f64>()
        {
            out.insert(step.clone(), s);
        }
    }
    out
}

/// Seconds since the epoch of an RFC 3339 time (`2024-05-01T10:00:00.25Z`, or with an
/// offset), as BuildKit writes them.
fn rfc3339_seconds(text: &str) -> Option<f64> {
    let (date, time) = text.split_once('T')?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let (clock, offset) = match time.find(['Z', '+', '-']) {
        Some(i) => (&time[..i], &time[i..]),
        None => (time, "Z"),
    };
    let mut c = clock.split(':');
    let (h, min) = (
        c.next()?.parse::<f64>().ok()?,
        c.next()?.parse::<f64>().ok()?,
    );
    let sec = c.next()?.parse::<f64>().ok()?;
    let offset_secs = match offset.as_bytes().first() {
        Some(b'+') | Some(b'-') => {
            let sign = if offset.starts_with('-') { -1.0 } else { 1.0 };
            let (oh, om) = offset[1..].split_once(':')?;
            sign * (oh.parse::<f64>().ok()? * 3600.0 + om.parse::<f64>().ok()? * 60.0)
        }
        _ => 0.0,
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days as f64 * 86_400.0 + h * 3600.0 + min * 60.0 + sec - offset_secs)
}

#[cfg(test)]
mod tests {
    #[test]
    fn progress_logs_give_step_times() {
        let plain =
            "#5 [build 2/3] RUN   npm ci\n#5 DONE 12.5s\n#6 [build 3/3] COPY . .\n#6 CACHED\n";
        let t = super::timings(plain);
        assert_eq!(t.get("RUN npm ci"), Some(&12.5));
        assert_eq!(t.get("COPY . ."), None);
        let raw = r#"{"vertexes":[{"digest":"sha256:1","name":"[2/3] RUN npm ci","started":"2024-05-01T10:00:00.5Z","completed":"2024-05-01T10:00:03Z"}]}"#;
        assert_eq!(super::timings(raw).get("RUN npm ci"), Some(&2.5));
        assert_eq!(
            super::rfc3339_seconds("1970-01-02T00:00:01+01:00"),
            Some(86_400.0 + 1.0 - 3600.0)
        );
    }
}
