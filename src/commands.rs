//! Running the headless subcommands and the merge driver from the command line: plain text or
//! JSON on stdout, a clear message and a non-zero exit on error.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::Command;
use crate::headless;
use crate::merge_driver::merge_files;

pub fn run(command: Command, workspace: &Path) -> Result<ExitCode, Box<dyn std::error::Error>> {
    match command {
        Command::List { board, json } => print(headless::list(workspace, board.as_deref(), json)?, json),
        Command::Show { id, json } => print(headless::show(workspace, &id, json)?, json),
        Command::Add { board, title, column, parent, kind } => {
            let id =
                headless::add_as(workspace, &board, &title, column.as_deref(), parent.as_deref(), kind.as_deref())?;
            println!("{id}");
        }
        Command::Renumber => {
            let renames = headless::renumber(workspace)?;
            if renames.is_empty() {
                println!("every id is used once; nothing to renumber");
            }
            for line in renames {
                println!("{}", crate::text::clean(&line));
            }
        }
        Command::Archive { board, before_iteration, before, ids } => {
            use crate::archiving::Selection;
            let selection = match (before_iteration, before) {
                (Some(iteration), _) => Selection::BeforeIteration(iteration),
                (None, Some(date)) => Selection::BeforeDate(date),
                (None, None) => Selection::Ids(ids),
            };
            let archived = crate::archiving::archive_items(workspace, &board, &selection)?;
            if archived.is_empty() {
                println!("no done item to archive; nothing was changed");
            }
            for id in archived {
                println!("archived {}", crate::text::clean(&id));
            }
        }
        Command::Restore { ids } => {
            for id in crate::archiving::restore_items(workspace, &ids)? {
                println!("restored {}", crate::text::clean(&id));
            }
        }
        Command::Move { id, column, strict } => {
            if let Some(warning) = headless::move_item(workspace, &id, &column, strict)? {
                eprintln!("warning: {}", crate::text::clean(&warning));
            }
        }
        Command::Rank { id, to } => headless::rank(workspace, &id, &to.rank())?,
        Command::Split { id, titles, board } => {
            for id in headless::split(workspace, &id, &titles, board.as_deref())? {
                println!("{id}");
            }
        }
        Command::MergeDriver { base, ours, theirs, path } => {
            let shown = path.as_ref().unwrap_or(&ours).display().to_string();
            return match merge_files(&base, &ours, &theirs, path.as_deref()) {
                Ok(outcome) => {
                    let summary = outcome.summary(&shown);
                    if !summary.is_empty() {
                        eprintln!("{}", crate::text::clean_block(&summary));
                    }
                    Ok(ExitCode::from(outcome.exit_code() as u8))
                }
                Err(err) => {
                    eprintln!("trainboard merge-driver: {}", crate::text::clean_block(&err.to_string()));
                    Ok(ExitCode::from(2))
                }
            };
        }
        Command::Export { board, format, output } => export(workspace, board.as_deref(), format, output.as_deref())?,
        Command::Import { source, file, dry_run, archived, map, types, team_field } => {
            let options = crate::import::Options {
                dry_run,
                archived,
                map: crate::import::table::pairs(&map, "--map")?,
                types: crate::import::table::pairs(&types, "--type")?,
                team_field,
            };
            let summary = crate::import::run(source, &file, workspace, &options)?;
            print!("{}", crate::text::clean_block(&summary));
        }
        Command::Init { .. }
        | Command::Check { .. }
        | Command::Bench { .. }
        | Command::GitSetup { .. }
        | Command::Doctor { .. }
        | Command::Completions { .. }
        | Command::Man { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints board text safely: plain text cleaned, JSON with hidden characters escaped.
fn print(text: String, json: bool) {
    let text = text.trim_end();
    if json {
        println!("{}", crate::text::json_for_terminal(text));
    } else {
        println!("{}", crate::text::clean_block(text));
    }
}

/// The workspace's folder name, as the PI report's title shows it (`.` resolved).
fn workspace_name(root: &Path) -> String {
    let resolved = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    resolved.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| resolved.display().to_string())
}

fn export(
    workspace: &Path,
    board: Option<&str>,
    format: crate::export::Format,
    output: Option<&Path>,
) -> Result<(), Box<dyn std::error::Error>> {
    let session = headless::Session::open(workspace)?;
    let boards = crate::export::select(&session.ws, board, format).ok_or_else(|| {
        format!("there is no board named \"{}\" (use `trainboard list` to see them)", board.unwrap_or(""))
    })?;
    let now = crate::clock::parse_rfc3339(&crate::clock::now_rfc3339()).unwrap_or(0);
    let text = crate::export::export_workspace(&session.ws, &workspace_name(&session.root), &boards, format, now);
    // Every format is already safe text (Markdown and CSV sanitized, HTML escaped); JSON gets
    // the characters a terminal would act on as `\uXXXX` escapes, the same JSON value. So a
    // file, a pipe (`| less -R`, `| cat`) and a terminal all get the same safe bytes.
    let text = if format == crate::export::Format::Json { crate::text::json_for_terminal(&text) } else { text };
    match output {
        Some(path) => crate::storage::atomic::write_atomic(path, text.as_bytes())?,
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) ends the export quietly.
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        }
    }
    Ok(())
}
