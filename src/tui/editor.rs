//! Running the user's editor for `e`: `$VISUAL`, else `$EDITOR`, else `vi`,
//! split like a shell would (`EDITOR="code -w"` works) and given `+LINE
//! PATH`. The loop restores the terminal first and takes it back after, as
//! for Ctrl-Z; while the editor runs, careguide reads no input.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// The program and its arguments for opening `path` at `line`, from the
/// values of `$VISUAL` and `$EDITOR`.
pub fn command_line(
    visual: Option<&str>,
    editor: Option<&str>,
    path: &Path,
    line: usize,
) -> Result<(String, Vec<OsString>), String> {
    let chosen = [visual, editor]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|v| !v.is_empty())
        .unwrap_or("vi");
    let words = shlex::split(chosen)
        .filter(|w| !w.is_empty())
        .ok_or_else(|| format!("cannot read the editor command {chosen:?} (unbalanced quotes?)"))?;
    let mut words = words.into_iter();
    let program = words
        .next()
        .ok_or_else(|| "the editor command is empty".to_string())?;
    let mut args: Vec<OsString> = words.map(OsString::from).collect();
    args.push(format!("+{line}").into());
    args.push(path.as_os_str().to_owned());
    Ok((program, args))
}

/// Runs the editor from the environment and waits for it. The terminal must
/// already be restored.
pub fn run(path: &Path, line: usize) -> Result<(), String> {
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    let (program, args) = command_line(visual.as_deref(), editor.as_deref(), path, line)?;
    let status = Command::new(&program).args(&args).status().map_err(|e| {
        format!("could not run the editor {program:?}: {e}; set $VISUAL or $EDITOR")
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the editor {program:?} exited with {status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(visual: Option<&str>, editor: Option<&str>) -> (String, Vec<String>) {
        let (program, args) =
            command_line(visual, editor, Path::new("data/cities/x.ron"), 12).expect("a command");
        let args = args
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        (program, args)
    }

    #[test]
    fn visual_wins_then_editor_then_vi() {
        assert_eq!(line(Some("nano"), Some("emacs")).0, "nano");
        assert_eq!(line(Some(" "), Some("emacs")).0, "emacs");
        assert_eq!(line(None, None).0, "vi");
    }

    #[test]
    fn the_command_is_split_like_a_shell_does() {
        let (program, args) = line(None, Some("code -w --reuse-window"));
        assert_eq!(program, "code");
        assert_eq!(args, ["-w", "--reuse-window", "+12", "data/cities/x.ron"]);
        let (program, args) = line(None, Some("'/opt/my editor/bin/ed' -x"));
        assert_eq!(program, "/opt/my editor/bin/ed");
        assert_eq!(args, ["-x", "+12", "data/cities/x.ron"]);
    }

    #[test]
    fn unbalanced_quotes_are_an_error() {
        let result = command_line(None, Some("vim 'oops"), Path::new("x"), 1);
        assert!(result.is_err());
    }
}
