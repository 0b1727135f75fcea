//! Shell completion scripts and the man page, generated from the clap definition in
//! [`crate::cli`] so they always match the commands.

use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::roff::{Roff, bold, italic, roman};

use crate::cli::Cli;

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "trainboard", &mut out);
    out
}

/// The man page in roff: name, synopsis, description and options of the main command, then a
/// COMMANDS section with each subcommand's usage, options and examples, then the examples.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    commands_section(&mut command).to_writer(&mut out)?;
    man.render_extra_section(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(ascii_roff(&tidy(&String::from_utf8_lossy(&out))).into_bytes())
}

/// Non-ASCII characters (arrows, dashes, accented names in help texts) as roff's `\[uXXXX]`
/// escapes, which every troff reads whatever its input encoding.
fn ascii_roff(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// Each rendered part repeats roff's two-line apostrophe preamble; keep one, right after `.TH`,
/// so the page starts with its title.
fn tidy(page: &str) -> String {
    let is_preamble = |line: &str| line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
    let preamble: Vec<&str> = page.lines().filter(|l| is_preamble(l)).take(2).collect();
    let mut out = String::new();
    for line in page.lines().filter(|l| !is_preamble(l)) {
        out.push_str(line);
        out.push('\n');
        if line.starts_with(".TH ") {
            for p in &preamble {
                out.push_str(p);
                out.push('\n');
            }
        }
    }
    out
}

fn commands_section(command: &mut clap::Command) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    let names: Vec<String> =
        command.get_subcommands().filter(|s| !s.is_hide_set()).map(|s| s.get_name().to_string()).collect();
    for name in names {
        let Some(sub) = command.find_subcommand_mut(&name) else { continue };
        roff.control("SS", [format!("trainboard {name}").as_str()]);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            roff.text([roman(about.to_string())]);
        }
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        roff.control("PP", []);
        roff.text([bold(usage.to_string())]);
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set() && !a.is_global_set()) {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            roff.control("TP", []);
            roff.text(arg_label(arg));
            if let Some(help) = arg.get_long_help().or_else(|| arg.get_help()) {
                roff.text([roman(help.to_string())]);
            }
        }
        if let Some(after) = sub.get_after_long_help().or_else(|| sub.get_after_help()) {
            // Examples keep their lines and indentation.
            roff.control("PP", []);
            roff.control("nf", []);
            for line in after.to_string().lines() {
                roff.text([roman(line.to_string())]);
            }
            roff.control("fi", []);
        }
    }
    roff
}

/// `-o, --output FILE` or `PATH`, as the options list shows an argument.
fn arg_label(arg: &clap::Arg) -> Vec<clap_mangen::roff::Inline> {
    let value = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map(|name| name.to_string())
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    let mut label = Vec::new();
    match (arg.get_short(), arg.get_long()) {
        (None, None) => return vec![italic(value)],
        (short, long) => {
            let flags: Vec<String> =
                short.map(|s| format!("-{s}")).into_iter().chain(long.map(|l| format!("--{l}"))).collect();
            label.push(bold(flags.join(", ")));
        }
    }
    if takes_value {
        label.push(roman(" "));
        label.push(italic(value));
    }
    label
}
