//! The `kumiai` command line: arguments parsed by clap, each command run through the library,
//! results and diagnostics printed. The binary (`src/main.rs`) only sets up the process.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::messages::{self, build as build_msg, build::UnionLine};
use crate::{BuildOptions, UnionOutcome, diagnostic};

mod ids;
mod japanese;
mod tool;

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
        /// Remove the sites of unions no longer in unions/ even when they are many (more than
        /// 10 % of the unions, or all of them). Without it a build removes only a few at once
        /// and says which it kept, so that an emptied unions/ never wipes the published sites.
        #[arg(long, conflicts_with = "unions")]
        prune: bool,
        /// How long to wait, in seconds, for another build into the same output folder to
        /// finish (one build at a time per folder); then say who holds it and stop.
        #[arg(long, value_name = "SECONDS", default_value_t = 120)]
        wait: u64,
        /// Print only errors (no progress bar, no summary line).
        #[arg(long, short, conflicts_with = "verbose")]
        quiet: bool,
        /// Also print one line per union: rendered, unchanged or failed, and its pages.
        #[arg(long, short)]
        verbose: bool,
        /// The address the sites are published at, for this build only, instead of `base_url`
        /// in kumiai.toml (as Zola's and Hugo's --base-url); "" for none.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Fail (exit code 1) when `kumiai check` would report a warning, as well as on errors
        /// (for CI).
        #[arg(long)]
        deny_warnings: bool,
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
    /// List every contractor (外部委託先) with the unions and items that use it.
    ///
    /// Spellings of one company are one entry: （株）/㈱/株式会社, full- and half-width, spaces.
    /// A company given different phone numbers is marked. Reads the unions without building;
    /// a union whose file has errors is named on stderr and left out. Exit code 1 when QUERY
    /// matches no contractor.
    Contractors {
        /// Show only contractors whose name contains this, compared the same way
        /// (e.g. 日本システム技術(株) finds 日本システム技術株式会社).
        query: Option<String>,
        /// Output format: text for people, csv (UTF-8 with BOM, CRLF: opens in Excel) or json.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Show how one union's items differ from the base: removed, added, reworded (base text
    /// beside the union's, changed characters marked) and stale (old base, new base, union).
    ///
    /// Marks are coloured on a terminal; otherwise (pipes, NO_COLOR) written as
    /// [-removed-]{+inserted+}. Exit code 0 when the comparison worked, 1 when it could not be made.
    Diff {
        /// The union's slug (its file name without .toml).
        slug: String,
        /// Output format: text for people, or json.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Write the federation's deviation report: one HTML table of every union (deviations from
    /// the base, stale overrides, lint findings, missing legal items) and a page per union.
    ///
    /// For the federation's staff: write it outside the public output (kumiai refuses a folder
    /// inside a built site or public/).
    Report {
        /// Folder to write index.html, <slug>.html, report.css and report.js into.
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Print the JSON Schema of the override format (unions/*.toml), for editors, or of the
    /// open data (policy.json, unions.json).
    Schema {
        /// Which schema.
        #[arg(value_enum, default_value_t = SchemaKind::Override)]
        kind: SchemaKind,
    },
    /// Convert a union's current policy (saved web pages or text) into unions/SLUG.toml.
    ///
    /// Never overwrites a union and never drops text: what has no structured place is carried
    /// verbatim as Markdown; prints what became structure and what did not.
    Import {
        /// The saved pages (HTML in UTF-8, Shift_JIS or EUC-JP) or text files, in reading order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The new union's slug (its web folder).
        #[arg(long)]
        slug: String,
        /// The union's official name, when the page does not give it.
        #[arg(long)]
        name: Option<String>,
    },
    /// Create a new federation project in DIR (default: --root): kumiai.toml with every setting
    /// commented, the base copied into content/ (yours to edit), unions/ with a starter union.
    ///
    /// Refuses a folder that is not empty. The new project builds and passes `kumiai check`.
    Init {
        /// The folder to create the project in (made when missing; must be empty).
        dir: Option<PathBuf>,
        /// Also copy the default theme into themes/default/, to customise it.
        #[arg(long)]
        theme: bool,
    },
    /// The base built into kumiai, against the project's own copy in content/.
    Base {
        #[command(subcommand)]
        command: BaseCommand,
    },
    /// Print the shell completion script for bash, zsh, fish or powershell.
    ///
    /// e.g. `kumiai completions bash > ~/.local/share/bash-completion/completions/kumiai`
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// List the base's sections, groups and items with their ids and current text, in order:
    /// the ids a union's file names in [[section]], [[group]] and [[item]].
    ///
    /// Reads content/ (or the built-in base). Exit code 1 when QUERY matches nothing.
    Ids {
        /// Show only what contains this in its id or text (full- and half-width alike, spaces
        /// ignored); a matching section or group shows all its items. e.g. 健診
        query: Option<String>,
        /// Output format: text for people, or json (id, kind, text, section, group).
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Write a new override file unions/SLUG.toml with every option present but commented.
    New {
        /// The union's slug: lowercase ASCII letters, digits and hyphens (becomes its web folder).
        slug: String,
        /// The union's official name, e.g. 東京機器健康保険組合.
        #[arg(long)]
        name: String,
    },
}

/// What `kumiai base` does.
#[derive(Subcommand)]
enum BaseCommand {
    /// Show, item by item, what the base built into this kumiai changes against content/
    /// (the way to take law updates into an existing project). Exit code 0 when compared.
    Diff {
        /// Output format: text for people, or json.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
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

/// Output formats of `diff`.
#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    /// Sections per item, changed characters marked.
    Text,
    /// The deviation as one JSON object.
    Json,
}

/// The schemas `schema` prints.
#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    /// unions/*.toml (schema/override.schema.json).
    Override,
    /// policy.json of each union site (schema/policy-v1.schema.json).
    Policy,
    /// unions.json of the federation (schema/unions-v1.schema.json).
    Unions,
}

/// Output formats of `contractors`.
#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    /// Indented listing, for people.
    Text,
    /// The same rows as public/contractors.csv.
    Csv,
    /// The same as public/contractors.json.
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

/// Runs the command line of this process and says how it ended.
pub fn run() -> ExitCode {
    let (cli, lang) = japanese::parse();
    match cli.command {
        Command::Build {
            output,
            unions,
            force,
            prune,
            wait,
            quiet,
            verbose,
            base_url,
            deny_warnings,
        } => build(
            BuildOptions {
                root: cli.root,
                output,
                only: unions,
                force,
                progress: !quiet,
                prune,
                lock_wait: Some(std::time::Duration::from_secs(wait)),
                base_url,
                lang,
            },
            lang,
            Verbosity {
                quiet,
                verbose,
                deny_warnings,
            },
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
        } => match crate::serve::serve(crate::serve::ServeOptions {
            root: cli.root,
            union,
            bind,
            port,
            open,
            lang,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{}", messages::failure(lang, "error: ", &e));
                ExitCode::FAILURE
            }
        },
        Command::Diff { slug, format } => diff(&cli.root, &slug, format, lang),
        Command::Report { output } => report(&cli.root, &output, lang),
        Command::Contractors { query, format } => {
            contractors(&cli.root, query.as_deref(), format, lang)
        }
        Command::Schema { kind } => {
            match kind {
                SchemaKind::Override => print!("{}", crate::load::schema::override_schema_json()),
                SchemaKind::Policy => print!("{}", crate::open_data::policy_schema_json()),
                SchemaKind::Unions => print!("{}", crate::open_data::unions_schema_json()),
            }
            ExitCode::SUCCESS
        }
        Command::Import { files, slug, name } => import(
            crate::import::ImportOptions {
                root: cli.root,
                files,
                slug,
                name,
            },
            lang,
        ),
        Command::Init { dir, theme } => tool::init(&dir.unwrap_or(cli.root), theme, lang),
        Command::Base {
            command: BaseCommand::Diff { format },
        } => tool::base_diff(&cli.root, format, lang),
        Command::Completions { shell } => tool::completions(shell, lang),
        Command::Ids { query, format } => ids::ids(&cli.root, query.as_deref(), format, lang),
        Command::New { slug, name } => {
            match crate::staff::new_union::create(&cli.root, &slug, &name) {
                Ok(path) => {
                    let shown = path.strip_prefix(&cli.root).unwrap_or(&path).display();
                    let shown = shown.to_string();
                    println!("{}", messages::commands::new_created(lang, &shown, &slug));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{}: {}", messages::error_word(lang), e.message(lang));
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn import(options: crate::import::ImportOptions, lang: diagnostic::Lang) -> ExitCode {
    match crate::import::import(&options) {
        Ok(report) => {
            print!("{}", report.render(lang));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for d in &problems {
                eprintln!("{}", d.render(lang));
            }
            ExitCode::FAILURE
        }
    }
}

fn check(
    root: &std::path::Path,
    unions: &[String],
    format: Format,
    deny_warnings: bool,
    lang: diagnostic::Lang,
) -> ExitCode {
    let report = crate::check::check(root, unions);
    match format {
        Format::Human => {
            for d in &report.diagnostics {
                eprint!("{}", d.render(lang));
            }
            eprint!("{}", report.notes_text(lang));
            println!("{}", report.summary(lang));
        }
        Format::Json => {
            for d in &report.diagnostics {
                let json = crate::check::JsonDiagnostic::new(d, lang);
                match serde_json::to_string(&json) {
                    Ok(line) => println!("{line}"),
                    Err(e) => eprintln!("{e}"),
                }
            }
            eprint!("{}", report.notes_text(lang));
            eprintln!("{}", report.summary(lang));
        }
    }
    if report.passed(deny_warnings) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn diff(
    root: &std::path::Path,
    slug: &str,
    format: DiffFormat,
    lang: diagnostic::Lang,
) -> ExitCode {
    use crate::staff::diff::{diff, to_text};
    let deviation = match diff(root, slug) {
        Ok(d) => d,
        Err(problems) => return failed(problems, lang),
    };
    let text = match format {
        DiffFormat::Text => to_text(&deviation, marks(), lang),
        DiffFormat::Json => {
            String::from_utf8_lossy(&crate::open_data::to_json(&deviation)).into_owned()
        }
    };
    print!("{text}");
    ExitCode::SUCCESS
}

/// Colour marks on a terminal that wants them; plain marks in a pipe or with `NO_COLOR`.
fn marks() -> crate::staff::diff::Marks {
    use crate::staff::diff::Marks;
    use std::io::IsTerminal as _;
    if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Marks::Colour
    } else {
        Marks::Plain
    }
}

/// Prints the problems that stopped a command; the command failed.
fn failed(problems: Vec<diagnostic::Diagnostic>, lang: diagnostic::Lang) -> ExitCode {
    for problem in problems {
        eprint!("{}", problem.render(lang));
    }
    ExitCode::FAILURE
}

fn report(root: &std::path::Path, output: &std::path::Path, lang: diagnostic::Lang) -> ExitCode {
    match crate::staff::report::write(root, output) {
        Ok(summary) => {
            println!("{}", summary.line(lang));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", messages::failure(lang, "error: ", &e));
            ExitCode::FAILURE
        }
    }
}

fn contractors(
    root: &std::path::Path,
    query: Option<&str>,
    format: ListFormat,
    lang: diagnostic::Lang,
) -> ExitCode {
    use crate::federation::contractors::ContractorIndex;
    use crate::text::company::normalize_name;
    use std::io::Write as _;
    let project = match crate::staff::contractors::project_docs(root) {
        Ok(project) => project,
        Err(e) => {
            eprintln!("{}", messages::failure(lang, "", &e));
            return ExitCode::FAILURE;
        }
    };
    for slug in &project.failed {
        eprintln!("{}", messages::commands::contractors_left_out(lang, slug));
    }
    let all = ContractorIndex::build(&project.docs);
    let known = all.contractors.len();
    let index = match query {
        Some(q) => all.filter(q),
        None => all,
    };
    let bytes = match format {
        ListFormat::Text => index.to_text().into_bytes(),
        ListFormat::Csv => index.to_csv(project.config.base_url.as_deref()),
        ListFormat::Json => crate::open_data::to_json(&index),
    };
    if std::io::stdout().write_all(&bytes).is_err() {
        return ExitCode::FAILURE;
    }
    match query {
        Some(q) if index.contractors.is_empty() => {
            let compared = normalize_name(q);
            eprintln!(
                "{}",
                messages::commands::contractors_no_match(lang, q, &compared, known)
            );
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// How much `build` prints besides errors.
struct Verbosity {
    quiet: bool,
    verbose: bool,
    /// `--deny-warnings`: a warning fails the build too.
    deny_warnings: bool,
}

fn build(options: BuildOptions, lang: diagnostic::Lang, verbosity: Verbosity) -> ExitCode {
    match crate::build(&options) {
        Ok(report) => {
            for outcome in &report.outcomes {
                match outcome {
                    UnionOutcome::Failed { slug, problems } => {
                        for problem in problems {
                            eprint!("{}", problem.render(lang));
                        }
                        if verbosity.verbose {
                            println!("{}", build_msg::union_line(lang, slug, UnionLine::Failed));
                        }
                    }
                    UnionOutcome::Built {
                        slug,
                        pages,
                        unchanged,
                        ..
                    } if verbosity.verbose => {
                        let what = if *unchanged {
                            UnionLine::Unchanged(*pages)
                        } else {
                            UnionLine::Rendered(*pages)
                        };
                        println!("{}", build_msg::union_line(lang, slug, what));
                    }
                    UnionOutcome::Built { .. } => {}
                }
            }
            if let Some(e) = &report.federation_error {
                eprintln!("{}", build_msg::federation_failed(lang, e));
            }
            if let Some(note) = report.kept_note_in(lang) {
                eprintln!("{}: {note}", messages::warning_word(lang));
            }
            if !verbosity.quiet {
                println!("{}", report.summary_in(lang));
            }
            if report.succeeded_denying_warnings(verbosity.deny_warnings) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("{}", messages::failure(lang, "", &e));
            ExitCode::FAILURE
        }
    }
}
