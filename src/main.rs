//! The `kumiai` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use kumiai::{BuildOptions, UnionOutcome, diagnostic};

/// A build allocates and frees many small strings and template values on every thread;
/// mimalloc's per-thread heaps do that with less work and less contention than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// kumiai (組合): builds the privacy-policy sites of health insurance societies from one shared
/// base policy and one override file per society.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// Project folder (holds kumiai.toml, content/, unions/, themes/).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// Language of messages: ja or en (default: from the locale).
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
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
        /// Render every union, even those whose inputs did not change since the last build.
        #[arg(long)]
        force: bool,
        /// Print only errors (no progress bar, no summary line).
        #[arg(long, short, conflicts_with = "verbose")]
        quiet: bool,
        /// Also print one line per union: rendered, unchanged or failed, and its pages.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Check everything a build reads, and lint every union, without writing anything.
    ///
    /// Reports every problem in every file, then one summary line. Exit code 0 when there is no
    /// error (warnings pass unless --deny-warnings), 1 otherwise.
    Check {
        /// Check only this union; repeatable.
        #[arg(long = "union", value_name = "SLUG")]
        unions: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Preview the sites on http://127.0.0.1:1111/, rebuilt and reloaded in the browser on every save.
    ///
    /// Serves from memory (nothing is written to public/). Watches kumiai.toml, content/, unions/
    /// and themes/: saving a union's file rebuilds only that union; the base, the theme or the
    /// settings rebuild every union. Open tabs reload by themselves; when a save breaks the build,
    /// the page shows the same diagnostics as `kumiai check` until the file is fixed.
    Serve {
        /// Serve only this union, at /, exactly as it looks when hosted alone.
        #[arg(long = "union", value_name = "SLUG")]
        union: Option<String>,
        /// Address to listen on. The default is this machine only; 0.0.0.0 shows the preview to
        /// the whole network.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Print the JSON Schema of the override format (unions/*.toml), for editors.
    Schema,
    /// Write a new override file unions/SLUG.toml with every option present but commented.
    New {
        /// The union's slug: lowercase ASCII letters, digits and hyphens (becomes its web folder).
        slug: String,
        /// The union's official name, e.g. 東京機器健康保険組合.
        #[arg(long)]
        name: String,
    },
}

/// Output formats of `check`.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Messages with code frames, for people.
    Human,
    /// One JSON object per diagnostic, one per line, for tools.
    Json,
}

/// Message languages.
#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    /// 日本語
    Ja,
    /// English
    En,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        Some(Lang::Ja) => diagnostic::Lang::Ja,
        Some(Lang::En) => diagnostic::Lang::En,
        None => diagnostic::Lang::from_locale(),
    };
    match cli.command {
        Command::Build {
            output,
            unions,
            force,
            quiet,
            verbose,
        } => build(
            BuildOptions {
                root: cli.root,
                output,
                only: unions,
                force,
                progress: !quiet,
            },
            lang,
            Verbosity { quiet, verbose },
        ),
        Command::Check {
            unions,
            format,
            deny_warnings,
        } => check(&cli.root, &unions, format, deny_warnings, lang),
        Command::Serve {
            union,
            bind,
            port,
            open,
        } => match kumiai::serve::serve(kumiai::serve::ServeOptions {
            root: cli.root,
            union,
            bind,
            port,
            open,
            lang,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        },
        Command::Schema => {
            print!("{}", kumiai::schema::override_schema_json());
            ExitCode::SUCCESS
        }
        Command::New { slug, name } => match kumiai::new_union::create(&cli.root, &slug, &name) {
            Ok(path) => {
                let shown = path.strip_prefix(&cli.root).unwrap_or(&path).display();
                match lang {
                    diagnostic::Lang::Ja => println!(
                        "{shown} を作成しました。例の行の「# 」を消して編集し、kumiai check --union {slug} で確認してください"
                    ),
                    diagnostic::Lang::En => println!(
                        "created {shown}: delete the \"# \" of the examples you need, then run kumiai check --union {slug}"
                    ),
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {}", e.message(lang));
                ExitCode::FAILURE
            }
        },
    }
}

fn check(
    root: &std::path::Path,
    unions: &[String],
    format: Format,
    deny_warnings: bool,
    lang: diagnostic::Lang,
) -> ExitCode {
    let report = kumiai::check::check(root, unions);
    match format {
        Format::Human => {
            for d in &report.diagnostics {
                eprint!("{}", d.render(lang));
            }
            println!("{}", report.summary(lang));
        }
        Format::Json => {
            for d in &report.diagnostics {
                let json = kumiai::check::JsonDiagnostic::new(d, lang);
                match serde_json::to_string(&json) {
                    Ok(line) => println!("{line}"),
                    Err(e) => eprintln!("{e}"),
                }
            }
            eprintln!("{}", report.summary(lang));
        }
    }
    if report.passed(deny_warnings) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// How much `build` prints besides errors.
struct Verbosity {
    quiet: bool,
    verbose: bool,
}

fn build(options: BuildOptions, lang: diagnostic::Lang, verbosity: Verbosity) -> ExitCode {
    match kumiai::build(&options) {
        Ok(report) => {
            for outcome in &report.outcomes {
                match outcome {
                    UnionOutcome::Failed { slug, problems } => {
                        for problem in problems {
                            eprint!("{}", problem.render(lang));
                        }
                        if verbosity.verbose {
                            println!("{slug}: failed");
                        }
                    }
                    UnionOutcome::Built {
                        slug,
                        pages,
                        unchanged,
                        ..
                    } if verbosity.verbose => {
                        let what = if *unchanged { "unchanged" } else { "rendered" };
                        println!("{slug}: {what} ({pages} pages)");
                    }
                    UnionOutcome::Built { .. } => {}
                }
            }
            if !verbosity.quiet {
                println!("{}", report.summary());
            }
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
