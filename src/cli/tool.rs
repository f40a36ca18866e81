//! The commands that make kumiai a tool of its own: `init`, `base diff`, `completions`.

use std::path::Path;
use std::process::ExitCode;

use super::DiffFormat;
use crate::diagnostic::Lang;

/// `kumiai init [DIR] [--theme]`.
pub(super) fn init(dir: &Path, theme: bool, lang: Lang) -> ExitCode {
    match crate::staff::init::init(dir, theme) {
        Ok(created) => {
            print!("{}", created.summary(lang));
            ExitCode::SUCCESS
        }
        Err(e) => {
            let word = crate::diagnostic::messages::error_word(lang);
            eprintln!("{word}: {}", e.message(lang));
            ExitCode::FAILURE
        }
    }
}

/// `kumiai base diff`.
pub(super) fn base_diff(root: &Path, format: DiffFormat, lang: Lang) -> ExitCode {
    use crate::staff::base_diff::{base_diff, to_text};
    let diff = match base_diff(root) {
        Ok(diff) => diff,
        Err(problems) => return super::failed(problems, lang),
    };
    let text = match format {
        DiffFormat::Text => to_text(&diff, super::marks(), lang),
        DiffFormat::Json => String::from_utf8_lossy(&crate::open_data::to_json(&diff)).into_owned(),
    };
    print!("{text}");
    ExitCode::SUCCESS
}

/// `kumiai completions SHELL`: the commands' and options' descriptions in the language.
pub(super) fn completions(shell: clap_complete::Shell, lang: Lang) -> ExitCode {
    use std::io::Write as _;
    let mut command = super::japanese::command(lang);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "kumiai", &mut script);
    // Written at once: a closed pipe (`| head`) is an ordinary end, not a panic.
    match std::io::stdout().write_all(&script) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
