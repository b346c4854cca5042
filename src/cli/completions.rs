//! `layerlint completions SHELL` and `layerlint man`: both generated from the same clap
//! definition as the parser, so they cannot drift from the flags.

use super::{Cli, EXIT_ERROR, emit};
use clap::CommandFactory;

pub(super) fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "layerlint", &mut out);
    finish(&out)
}

/// The man page, in roff, for `layerlint man > layerlint.1`: the top page, then one
/// section per subcommand with its flags.
pub(super) fn man() -> u8 {
    let command = Cli::command();
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(command.clone());
    // One page for the whole tool: the subcommands follow as sections below, not as
    // references to layerlint-check(1) pages that nobody installs.
    let top = page
        .render_title(&mut out)
        .and_then(|_| page.render_name_section(&mut out))
        .and_then(|_| page.render_synopsis_section(&mut out))
        .and_then(|_| page.render_description_section(&mut out))
        .and_then(|_| page.render_options_section(&mut out))
        .and_then(|_| page.render_extra_section(&mut out));
    if top.is_err() {
        return EXIT_ERROR;
    }
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub = sub
            .clone()
            .bin_name(format!("layerlint {}", sub.get_name()));
        let mut section = Vec::new();
        let man = clap_mangen::Man::new(sub.clone());
        let written = man
            .render_name_section(&mut section)
            .and_then(|_| man.render_synopsis_section(&mut section))
            .and_then(|_| man.render_description_section(&mut section))
            .and_then(|_| man.render_options_section(&mut section))
            .and_then(|_| {
                if sub.get_after_help().is_some() || sub.get_after_long_help().is_some() {
                    man.render_extra_section(&mut section)
                } else {
                    Ok(())
                }
            });
        if written.is_err() {
            return EXIT_ERROR;
        }
        // Each subcommand's sections under a heading of its own, on the same page.
        out.extend_from_slice(
            format!(".SH \"LAYERLINT {}\"\n", sub.get_name().to_uppercase()).as_bytes(),
        );
        out.extend(as_subsections(&section));
    }
    if page.render_version_section(&mut out).is_err() {
        return EXIT_ERROR;
    }
    finish(&out)
}

/// A subcommand's sections as subsections of its heading: `.SH NAME` dropped (the
/// heading says it), every other `.SH` made `.SS`.
fn as_subsections(section: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(section);
    let mut out = String::new();
    for line in text.lines().filter(|line| !line.starts_with(".SH NAME")) {
        match line.strip_prefix(".SH ") {
            Some(heading) => out.push_str(&format!(".SS {heading}\n")),
            None => out.push_str(&format!("{line}\n")),
        }
    }
    out.into_bytes()
}

fn finish(out: &[u8]) -> u8 {
    match emit(&String::from_utf8_lossy(out)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("layerlint: error: {e}");
            EXIT_ERROR
        }
    }
}
