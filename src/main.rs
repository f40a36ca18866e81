//! The `kumiai` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use kumiai::{BuildOptions, UnionOutcome};

/// kumiai (組合): builds the privacy-policy sites of health insurance societies from one shared
/// base policy and one override file per society.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// Project folder (holds kumiai.toml, content/, unions/, themes/).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build every union's site (in parallel) and the portal into public/.
    ///
    /// A union whose override has errors is reported and skipped; its previous output is left
    /// as it was, and the other unions are still built. The exit code is 1 if any union failed.
    Build {
        /// Output folder (default: public/ under the project folder).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Build only this union (by slug, the file name without .toml); repeatable.
        /// The portal page is not rewritten then.
        #[arg(long = "union", value_name = "SLUG")]
        unions: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { output, unions } => {
            let options = BuildOptions {
                root: cli.root,
                output,
                only: unions,
            };
            match kumiai::build(&options) {
                Ok(report) => {
                    for outcome in &report.outcomes {
                        if let UnionOutcome::Failed { problems, .. } = outcome {
                            for problem in problems {
                                eprint!("{problem}");
                            }
                        }
                    }
                    println!("{}", report.summary());
                    if report.failed().is_empty() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::FAILURE
                    }
                }
                Err(e) => {
                    eprintln!("{e:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
