//! The command line: open a workspace (the default), `init`, `check`, the headless item
//! commands, the git merge driver and its set-up, `doctor`, shell completions and the man
//! page, and the benchmark generator. Every command's `--help` ends with examples.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const MAIN_EXAMPLES: &str = "Examples:
  trainboard                      open the boards in this folder, or the demo workspace
  trainboard ~/train/boards       open the workspace in ~/train/boards
  trainboard --poll ~/share       open boards on a network share, checking every 2 s
  trainboard --plain              linear text for screen readers (also when TERM=dumb)
  trainboard init my-train        write a starter workspace
  trainboard check boards/        validate boards (exit 1 on problems), e.g. in CI
  trainboard list -w boards --board Alpha
  trainboard add -w boards --board Alpha --title \"Export to CSV\"";

#[derive(Debug, Parser)]
#[command(
    name = "trainboard",
    version,
    about = "A terminal Kanban board for SAFe portfolio, program and team boards kept in RON files",
    after_help = MAIN_EXAMPLES,
)]
pub struct Cli {
    /// The workspace folder to open (default: this folder if it holds boards, else the demo)
    pub path: Option<PathBuf>,

    /// The workspace folder (same as PATH; for the item commands it defaults to this folder)
    #[arg(short = 'w', long = "workspace", global = true, value_name = "PATH")]
    pub workspace: Option<PathBuf>,

    /// Read settings (keys, theme) from FILE instead of the usual config.ron
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Plain text for screen readers: no full screen, no box drawing (also when TERM=dumb)
    #[arg(long)]
    pub plain: bool,

    #[command(flatten)]
    pub watch: WatchArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How the screen notices changes made by others.
#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    /// Check files by polling only (no file system events), e.g. on network shares
    #[arg(long)]
    pub poll: bool,

    /// Seconds between checks of each board's size and time (0 switches polling off)
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0)]
    pub poll_interval: f64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a starter workspace: a portfolio, a program and a team board with examples
    #[command(
        after_help = "Examples:\n  trainboard init my-train\n  trainboard init my-train --teams Alpha,Beta,Gamma\n  trainboard init .   (an empty folder)\n  trainboard init --git boards   (in a git repository: set up the merge driver too)"
    )]
    Init {
        /// The folder to write (created when missing; must not hold boards yet)
        path: PathBuf,
        /// Also set up git's merge driver for board files (as `trainboard git-setup` does)
        #[arg(long)]
        git: bool,
        /// One team board per name instead of a single team board, e.g. --teams Alpha,Beta
        #[arg(long, value_delimiter = ',', value_name = "NAMES")]
        teams: Vec<String>,
    },
    /// Validate a workspace without opening the screen; prints file:line:column: message
    #[command(
        after_help = "Exit status: 0 when every board is valid, 1 otherwise.\n\nExamples:\n  trainboard check\n  trainboard check boards/\n  trainboard check -w boards/"
    )]
    Check {
        /// The workspace folder (default: this folder)
        path: Option<PathBuf>,
    },
    /// List boards and their items in rank order
    #[command(
        after_help = "Examples:\n  trainboard list\n  trainboard list --board Alpha\n  trainboard list -w boards --json | jq '.[].items[].id'"
    )]
    List {
        /// Only this board (its name or file name)
        #[arg(long)]
        board: Option<String>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Show one item with its parent and children
    #[command(after_help = "Examples:\n  trainboard show F-12\n  trainboard show S-104 --json")]
    Show {
        /// The item's id, e.g. F-12
        id: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Add an item; prints its new id
    #[command(
        after_help = "Examples:\n  trainboard add --board Alpha --title \"Export to CSV\"\n  trainboard add --board ART --title \"Wishlists\" --column Funnel --parent E-2"
    )]
    Add {
        /// The board (its name or file name)
        #[arg(long)]
        board: String,
        /// The new item's title
        #[arg(long)]
        title: String,
        /// The column (default: the board's first column)
        #[arg(long)]
        column: Option<String>,
        /// The id of the parent item (an epic or feature)
        #[arg(long)]
        parent: Option<String>,
        /// The kind, one the board's level takes (portfolio: Epic, Capability, Enabler; program:
        /// Feature, Capability, Enabler, Risk; team: Story, Enabler, Spike, Defect, Risk; default:
        /// the board's `default_kind`, else by its level)
        #[arg(long)]
        kind: Option<String>,
    },
    /// Move an item to another column of its board, at the top of it (recorded in its history)
    #[command(
        name = "move",
        after_help = "A move that takes the column over its WIP limit is made with a warning on stderr;\nwith --strict it is refused (exit code 1) and nothing is written.\n\nExamples:\n  trainboard move S-104 \"In Progress\"\n  trainboard move F-3 Implementing -w boards\n  trainboard move S-104 \"In Progress\" --strict"
    )]
    Move {
        /// The item's id, e.g. S-104
        id: String,
        /// The column to move it to, by name
        column: String,
        /// Refuse the move when it would take the column over its WIP limit
        #[arg(long)]
        strict: bool,
    },
    /// Reprioritize an item within its column
    #[command(after_help = "Examples:\n  trainboard rank S-104 --top\n  trainboard rank S-104 --before S-101")]
    Rank {
        /// The item's id, e.g. S-104
        id: String,
        #[command(flatten)]
        to: RankTo,
    },
    /// Split an epic or feature into children on the level below; prints the new ids
    #[command(
        after_help = "Examples:\n  trainboard split F-12 \"Search box\" \"Filters\" \"Ranking\"\n  trainboard split E-3 \"Feature A\" --board \"Mobile Shopping ART\""
    )]
    Split {
        /// The id of the epic or feature to split
        id: String,
        /// One title per child
        #[arg(required = true)]
        titles: Vec<String>,
        /// The board the children go to (default: the feature's team board, else the first below)
        #[arg(long)]
        board: Option<String>,
    },
    /// Export boards: Markdown, CSV, JSON, one self-contained HTML file, or CSV for Jira / Azure DevOps
    #[command(
        after_help = "Examples:\n  trainboard export --format html -o pi-review.html\n  trainboard export -w boards --board Alpha --format markdown\n  trainboard export --format csv -o items.csv\n  trainboard export --format jira-csv -o to-jira.csv"
    )]
    Export {
        /// Only this board (its name or file name)
        #[arg(long)]
        board: Option<String>,
        /// What to write
        #[arg(long, value_enum)]
        format: crate::export::Format,
        /// Write to FILE instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Move done items of a board to its archive file (NAME.archive.ron, created beside it)
    #[command(
        after_help = "The archive is a board file too (`archive_of: \"NAME.ron\"`): git and `trainboard check` read it,\nids stay taken, links stay valid, and roll-ups keep counting its items as done.\nItems planned for no iteration are not taken by --before-iteration; items whose history\ndoes not show them arriving in the done column are not taken by --before.\n\nExamples:\n  trainboard archive -w boards --board Alpha S-101 S-102\n  trainboard archive -w boards --board Alpha --before-iteration I3\n  trainboard archive -w boards --board Alpha --before 2026-10-01"
    )]
    Archive {
        /// The board (its name or file name)
        #[arg(long)]
        board: String,
        /// Every done item planned for an iteration before this one
        #[arg(long, value_name = "ITERATION", conflicts_with_all = ["before", "ids"])]
        before_iteration: Option<String>,
        /// Every done item that last moved into the done column before this date
        #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "ids")]
        before: Option<String>,
        /// These done items
        #[arg(required_unless_present_any = ["before_iteration", "before"])]
        ids: Vec<String>,
    },
    /// Bring archived items back to the done column of their board
    #[command(
        after_help = "Examples:\n  trainboard restore -w boards S-101\n  trainboard restore -w boards S-101 S-102"
    )]
    Restore {
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Give items that share an id the next free number (links follow); prints what changed
    #[command(
        after_help = "Two clones that both added an item can both have used one id. Every trainboard command\nfixes that when it opens the workspace: the item already published (on the upstream branch)\nkeeps the id. The git hooks `trainboard git-setup` installs run this after merges and rebases.\n\nExamples:\n  trainboard renumber\n  trainboard renumber -w boards"
    )]
    Renumber,
    /// Merge a board file for git: writes the result to OURS; exit 0 clean, 1 conflict
    #[command(
        name = "merge-driver",
        after_help = "Set up once per repository:\n  git config merge.trainboard.driver \"trainboard merge-driver %O %A %B %P\"\n  echo '*.ron merge=trainboard' >> .gitattributes"
    )]
    MergeDriver { base: PathBuf, ours: PathBuf, theirs: PathBuf, path: Option<PathBuf> },
    /// Set up git to merge board files with trainboard: .gitattributes and the repo's config
    #[command(
        name = "git-setup",
        after_help = "Run it in (or point it at) a git repository; running it again changes nothing.\n\nExamples:\n  trainboard git-setup\n  trainboard git-setup ~/train"
    )]
    GitSetup {
        /// A folder inside the repository (default: this folder)
        path: Option<PathBuf>,
    },
    /// Tell what trainboard sees: config, folders, workspace, watcher, git, terminal
    #[command(
        after_help = "Examples:\n  trainboard doctor\n  trainboard doctor ~/train/boards\n  trainboard --poll doctor"
    )]
    Doctor {
        /// The workspace folder to look at (default: the one opening would use)
        path: Option<PathBuf>,
    },
    /// Print the shell completion script for bash, zsh, fish, elvish or powershell
    #[command(
        after_help = "Examples:\n  trainboard completions bash > ~/.local/share/bash-completion/completions/trainboard\n  trainboard completions zsh > ~/.zfunc/_trainboard\n  trainboard completions fish > ~/.config/fish/completions/trainboard.fish"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write it to FILE
    #[command(
        after_help = "Examples:\n  trainboard man | man -l -\n  trainboard man -o ~/.local/share/man/man1/trainboard.1"
    )]
    Man {
        /// Write to FILE instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write a generated workspace for benchmarks and scale tests
    #[command(
        after_help = "Examples:\n  trainboard bench --generate /tmp/big --items 10000\n  trainboard bench --generate /tmp/one --items 10000 --single"
    )]
    Bench {
        /// The folder to write
        #[arg(long, value_name = "DIR")]
        generate: PathBuf,
        /// How many items in all
        #[arg(long, default_value_t = 10_000)]
        items: usize,
        /// One board of N items instead of a linked workspace
        #[arg(long)]
        single: bool,
    },
    /// Import a backlog from a Jira CSV, an Azure DevOps CSV or a Trello JSON export
    #[command(
        after_help = "Re-importing a newer export updates the items by id; items added in trainboard stay.\n\nExamples:\n  trainboard import jira jira-export.csv -w boards\n  trainboard import azure query.csv -w boards --dry-run\n  trainboard import trello board.json -w boards --archived\n  trainboard import jira export-fr.csv --map 'Résumé=Summary' --map 'Type de demande=Issue Type' --map 'Etat=Status' --type 'Épopée=Epic' --type 'Récit=Story'"
    )]
    Import {
        /// The tool the export comes from
        #[arg(value_enum)]
        source: crate::import::Source,
        /// The export file
        file: PathBuf,
        /// Print what would be created, updated and skipped; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Trello: import archived lists and cards too
        #[arg(long)]
        archived: bool,
        /// Which header of the file holds which field, by the tool's English field name
        #[arg(long = "map", value_name = "HEADER=FIELD")]
        map: Vec<String>,
        /// Which type name of the file is which issue type (Epic, Feature, Story, Bug, …)
        #[arg(long = "type", value_name = "NAME=TYPE")]
        types: Vec<String>,
        /// The column whose values name the team boards (default: Team, else Area Path in Azure)
        #[arg(long, value_name = "HEADER")]
        team_field: Option<String>,
    },
}

/// Where `rank` puts the item; exactly one is given.
#[derive(Debug, Clone, Args)]
#[group(required = true, multiple = false)]
pub struct RankTo {
    /// To the top of its column
    #[arg(long)]
    pub top: bool,
    /// To the bottom of its column
    #[arg(long)]
    pub bottom: bool,
    /// One place up
    #[arg(long)]
    pub up: bool,
    /// One place down
    #[arg(long)]
    pub down: bool,
    /// Just above this item of the same column
    #[arg(long, value_name = "OTHER_ID")]
    pub before: Option<String>,
}

impl RankTo {
    pub fn rank(&self) -> crate::model::ops::Rank {
        use crate::model::ops::Rank;
        match (self.top, self.bottom, self.up, self.down, &self.before) {
            (true, ..) => Rank::Top,
            (_, true, ..) => Rank::Bottom,
            (_, _, true, ..) => Rank::Up,
            (_, _, _, true, _) => Rank::Down,
            (.., Some(other)) => Rank::Before(other.clone()),
            _ => Rank::Down,
        }
    }
}
