//! The command line in the user's language: which language (known before clap parses), clap's
//! tree with every text in Japanese from the catalogue, and clap's errors said in Japanese.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command, CommandFactory as _, FromArgMatches as _};

use super::Cli;
use crate::diagnostic::Lang;
use crate::diagnostic::messages::help;

/// The command line of this process, parsed in the user's language (`--lang`, else the
/// locale): clap's help and errors are in it too.
pub(super) fn parse() -> (Cli, Lang) {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = asked(&args).unwrap_or_else(Lang::from_locale);
    // Parsed by the English tree: the Japanese one costs a few milliseconds to make, and is
    // needed only to say something (help, an error), which the same arguments then say again.
    let parsed = Cli::command()
        .try_get_matches_from(&args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches))
        .map_err(|e| match lang {
            Lang::En => e,
            Lang::Ja => command(Lang::Ja)
                .try_get_matches_from(&args)
                .err()
                .unwrap_or(e),
        });
    match parsed {
        Ok(cli) => {
            let lang = match cli.lang {
                Some(super::Lang::Ja) => Lang::Ja,
                Some(super::Lang::En) => Lang::En,
                None => lang,
            };
            (cli, lang)
        }
        Err(e) => exit(e, lang),
    }
}

/// The language asked for by `--lang ja|en` / `--lang=…` (before any `--`), if any: known
/// before clap parses, so that its help and errors are in it too.
pub(super) fn asked(args: &[OsString]) -> Option<Lang> {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        let value = match arg.as_ref() {
            "--" => return None,
            "--lang" => args.next().map(|v| v.into_owned()),
            other => other.strip_prefix("--lang=").map(str::to_string),
        };
        match value.as_deref() {
            Some("ja") => return Some(Lang::Ja),
            Some("en") => return Some(Lang::En),
            Some(_) => return None,
            None => {}
        }
    }
    None
}

/// The clap command of kumiai in the language: as derived in English, every text from the
/// catalogue in Japanese.
pub(super) fn command(lang: Lang) -> Command {
    let mut command = Cli::command();
    if lang == Lang::Ja {
        command.build();
        command = localise(command, "kumiai");
    }
    command
}

/// The key of a command in the catalogue: the copies of the commands under `help` (clap's,
/// for completion) share the texts of the commands themselves.
fn command_key(path: &str) -> String {
    if path.ends_with(" help") {
        return "kumiai help".to_string();
    }
    let words: Vec<&str> = path.split(' ').filter(|w| *w != "help").collect();
    words.join(" ")
}

fn find<'a>(
    table: &'a [(&'a str, &'a str, Option<&'a str>)],
    key: &str,
) -> Option<(&'a str, Option<&'a str>)> {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, short, long)| (*short, *long))
}

/// The key of an argument in the catalogue: a global option by the root's path.
fn arg_key(path: &str, arg: &Arg) -> String {
    if arg.is_global_set() {
        format!("kumiai {}", arg.get_id())
    } else {
        format!("{path} {}", arg.get_id())
    }
}

const TEMPLATE: &str =
    "{before-help}{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";

fn localise(mut cmd: Command, path: &str) -> Command {
    if let Some((about, long)) = find(help::COMMANDS, &command_key(path)) {
        cmd = cmd.about(about).long_about(long);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading(help::COMMANDS_HEADING)
        .subcommand_value_name(help::COMMANDS_HEADING);
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |arg| localise_arg(arg, path));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = format!("{path} {name}");
        cmd = cmd.mut_subcommand(&name, |sub| localise(sub, &sub_path));
    }
    let mut usage = cmd.render_usage().to_string();
    usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_string();
    for (en, ja) in help::USAGE_WORDS {
        usage = usage.replace(en, ja);
    }
    cmd.override_usage(usage)
}

fn localise_arg(arg: Arg, path: &str) -> Arg {
    let heading = if arg.is_positional() {
        help::ARGUMENTS_HEADING
    } else {
        help::OPTIONS_HEADING
    };
    let arg = arg.help_heading(heading);
    match arg.get_id().as_str() {
        "help" if arg.get_long_help().is_some() => {
            return arg.help(help::HELP_SHORT).long_help(help::HELP_LONG);
        }
        "help" => return arg.help(help::HELP_PLAIN),
        "version" => return arg.help(help::VERSION),
        _ => {}
    }
    let key = arg_key(path, &arg);
    let Some((short, long)) = find(help::ARGS, &key) else {
        return arg;
    };
    let values: Vec<(String, Option<String>)> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| {
            let value = v.get_name().to_string();
            let text = find(help::ARGS, &format!("{key}={value}")).map(|(t, _)| t.to_string());
            (value, text)
        })
        .collect();
    let mut short_parts = vec![short.to_string()];
    let mut long_parts = vec![long.unwrap_or(short).to_string()];
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        let names: Vec<(String, Option<String>)> =
            values.iter().map(|(v, _)| (v.clone(), None)).collect();
        short_parts.push(help::possible_values(&names));
        long_parts.push(help::possible_values(&values));
    }
    let takes_value = arg.get_action().takes_values();
    if takes_value && !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        let text = help::default_value(&defaults.join(" "));
        short_parts.push(text.clone());
        long_parts.push(text);
    }
    // A longer text only where there is more to say: otherwise `--help` stays as compact
    // as `-h`, as in English.
    let more = long.is_some() || values.iter().any(|(_, text)| text.is_some());
    let arg = arg.help(short_parts.join(" "));
    let arg = if more {
        arg.long_help(long_parts.join("\n"))
    } else {
        arg.long_help(None::<&'static str>)
    };
    arg.hide_default_value(true).hide_possible_values(true)
}

/// Prints a clap error (or the help or version clap was asked for) and ends the process: in
/// English as clap says it, in Japanese from the catalogue.
pub(super) fn exit(error: clap::Error, lang: Lang) -> ! {
    let shown_as_is = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if lang == Lang::En || shown_as_is {
        error.exit();
    }
    eprint!("{}", render(&error));
    std::process::exit(error.exit_code());
}

fn string(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(list.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn quoted_list(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(format!("`{s}`")),
        ContextValue::Strings(list) if !list.is_empty() => Some(
            list.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join("、"),
        ),
        _ => None,
    }
}

/// A clap error in Japanese: what is wrong, a tip where clap has one, the usage, where to look.
pub(super) fn render(error: &clap::Error) -> String {
    use help::errors as e;
    let arg = || string(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = || string(error, ContextKind::InvalidValue).unwrap_or_default();
    let mut tips = Vec::new();
    let message = match error.kind() {
        ErrorKind::InvalidSubcommand => {
            if let Some(similar) = quoted_list(error, ContextKind::SuggestedSubcommand) {
                tips.push(e::similar_subcommand(&similar));
            }
            e::unknown_subcommand(
                &string(error, ContextKind::InvalidSubcommand).unwrap_or_default(),
            )
        }
        ErrorKind::UnknownArgument => {
            if let Some(similar) = quoted_list(error, ContextKind::SuggestedArg) {
                tips.push(e::similar_argument(&similar));
            }
            if let Some(similar) = quoted_list(error, ContextKind::SuggestedSubcommand) {
                tips.push(e::similar_subcommand(&similar));
            }
            if error.get(ContextKind::Suggested).is_some() && tips.is_empty() {
                tips.push(e::escape_tip(&arg()));
            }
            e::unknown_argument(&arg())
        }
        ErrorKind::InvalidValue if value().is_empty() => e::empty_value(&arg()),
        ErrorKind::InvalidValue => {
            if let Some(similar) = quoted_list(error, ContextKind::SuggestedValue) {
                tips.push(e::similar_value(&similar));
            }
            let mut message = e::invalid_value(&value(), &arg());
            if let Some(valid) = quoted_list(error, ContextKind::ValidValue) {
                message.push('\n');
                message.push_str("  ");
                message.push_str(&e::possible(&valid));
            }
            message
        }
        ErrorKind::ValueValidation => e::wrong_value(&value(), &arg()),
        ErrorKind::MissingRequiredArgument => {
            e::missing_required(&quoted_list(error, ContextKind::InvalidArg).unwrap_or_default())
        }
        ErrorKind::MissingSubcommand => {
            let mut message = e::missing_subcommand(
                &string(error, ContextKind::InvalidSubcommand).unwrap_or_default(),
            );
            if let Some(valid) = quoted_list(error, ContextKind::ValidSubcommand) {
                message.push_str("\n  ");
                message.push_str(&e::possible(&valid));
            }
            message
        }
        ErrorKind::ArgumentConflict => {
            let prior = string(error, ContextKind::PriorArg).unwrap_or_default();
            if prior == arg() {
                e::used_twice(&arg())
            } else {
                e::conflict(&arg(), &prior)
            }
        }
        ErrorKind::TooManyValues => e::too_many_values(&value(), &arg()),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => e::too_few_values(&arg()),
        ErrorKind::NoEquals => e::no_equals(&arg()),
        ErrorKind::InvalidUtf8 => e::not_utf8(),
        _ => e::other(),
    };
    let mut text = format!("{}{message}\n", e::LEAD);
    if !tips.is_empty() {
        text.push('\n');
        for tip in tips {
            text.push_str(&format!("  {}{tip}\n", e::TIP));
        }
    }
    if let Some(usage) = string(error, ContextKind::Usage) {
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        text.push_str(&format!("\n{} {usage}\n", help::USAGE));
    }
    text.push_str(&format!("\n{}\n", e::MORE));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command, argument and explained possible value of the tree, by catalogue key.
    fn keys(cmd: &Command, path: &str, out: &mut Vec<String>) {
        out.push(command_key(path));
        for arg in cmd.get_arguments() {
            if matches!(arg.get_id().as_str(), "help" | "version") {
                continue;
            }
            let key = arg_key(path, arg);
            for value in arg.get_possible_values() {
                if value.get_help().is_some() && key != "kumiai lang" {
                    out.push(format!("{key}={}", value.get_name()));
                }
            }
            out.push(key);
        }
        for sub in cmd.get_subcommands() {
            keys(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }

    fn tree() -> Vec<String> {
        let mut cmd = Cli::command();
        cmd.build();
        let mut out = Vec::new();
        keys(&cmd, "kumiai", &mut out);
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn every_command_and_argument_has_a_japanese_text() {
        let missing: Vec<String> = tree()
            .into_iter()
            .filter(|key| find(help::COMMANDS, key).is_none() && find(help::ARGS, key).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "no Japanese text in src/diagnostic/messages/help.rs for: {missing:?}"
        );
    }

    #[test]
    fn the_catalogue_has_no_text_for_what_is_gone() {
        let tree = tree();
        let stale: Vec<&str> = help::COMMANDS
            .iter()
            .chain(help::ARGS)
            .map(|(key, _, _)| *key)
            .filter(|key| !tree.iter().any(|k| k == key))
            .collect();
        assert!(stale.is_empty(), "texts of no command or option: {stale:?}");
    }

    #[test]
    fn the_japanese_tree_is_valid_and_has_no_english_heading() {
        let mut cmd = command(Lang::Ja);
        cmd.clone().debug_assert();
        let help = cmd.render_long_help().to_string();
        for english in ["Usage:", "Options:", "Commands:", "Print help", "[default:"] {
            assert!(!help.contains(english), "{english} in:\n{help}");
        }
        assert!(
            help.contains("使い方: kumiai [オプション] <コマンド>"),
            "{help}"
        );
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |list: &[&str]| -> Vec<OsString> { list.iter().map(OsString::from).collect() };
        assert_eq!(
            asked(&args(&["kumiai", "--lang", "ja", "build"])),
            Some(Lang::Ja)
        );
        assert_eq!(
            asked(&args(&["kumiai", "build", "--lang=en"])),
            Some(Lang::En)
        );
        assert_eq!(asked(&args(&["kumiai", "build"])), None);
        assert_eq!(asked(&args(&["kumiai", "--lang", "fr"])), None);
        assert_eq!(
            asked(&args(&["kumiai", "import", "--", "--lang", "ja"])),
            None
        );
    }
}
