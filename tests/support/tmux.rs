//! A real terminal for end-to-end tests: a private tmux server (its own
//! socket, default settings, no user config) running a shell in a pane of a
//! given size; keys go in with `send-keys`, the screen comes out with
//! `capture-pane -p`, copies with `show-buffer`. The server is killed on drop.
//! Its shell has a home of its own for careguide's config and state files
//! (`XDG_CONFIG_HOME`, `XDG_STATE_HOME`), so no test opens where another
//! left off.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    home: tempfile::TempDir,
}

impl Tmux {
    /// Starts a server with one `sh` pane of `width`×`height`, with extra
    /// environment for the shell and tmux options (e.g. `set-clipboard on`).
    pub fn start(
        name: &str,
        width: u16,
        height: u16,
        env: &[(&str, &str)],
        options: &[&str],
    ) -> Tmux {
        let tmux = Tmux {
            socket: format!("careguide-test-{name}-{}", std::process::id()),
            home: tempfile::tempdir().expect("a home for the test"),
        };
        let mut args: Vec<String> = vec![
            "-f".into(),
            "/dev/null".into(),
            "new-session".into(),
            "-d".into(),
            "-x".into(),
            width.to_string(),
            "-y".into(),
            height.to_string(),
        ];
        let config = tmux.config_home();
        let state = tmux.home.path().join("state");
        let own = [
            ("XDG_CONFIG_HOME", config.to_string_lossy().into_owned()),
            ("XDG_STATE_HOME", state.to_string_lossy().into_owned()),
        ];
        let given = env.iter().map(|(k, v)| (*k, v.to_string()));
        for (key, value) in own.into_iter().chain(given) {
            args.push("-e".into());
            args.push(format!("{key}={value}"));
        }
        args.push("env PS1='$ ' sh".into());
        let out = tmux.run(&args);
        assert!(
            out.status.success(),
            "tmux could not start (is tmux installed? .ci/run installs it): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for option in options {
            let parts: Vec<String> = option.split(' ').map(String::from).collect();
            let out = tmux.run(&parts);
            assert!(
                out.status.success(),
                "tmux {option}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        tmux
    }

    /// `XDG_CONFIG_HOME` of the shell: careguide's config file is
    /// `careguide/config.toml` in it.
    pub fn config_home(&self) -> std::path::PathBuf {
        self.home.path().join("config")
    }

    /// Where careguide saves where the user left off.
    pub fn state_file(&self) -> std::path::PathBuf {
        self.home.path().join("state/careguide/state.toml")
    }

    pub fn run(&self, args: &[String]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys".to_string(), "-t".into(), "0".into()];
        args.extend(keys.iter().map(|k| k.to_string()));
        let out = self.run(&args);
        assert!(out.status.success(), "send-keys {keys:?}");
    }

    /// Types text literally (no key names).
    pub fn type_text(&self, text: &str) {
        let args = ["send-keys", "-t", "0", "-l", text].map(String::from);
        assert!(self.run(&args).status.success());
    }

    pub fn screen(&self) -> String {
        let args = ["capture-pane", "-p", "-t", "0"].map(String::from);
        String::from_utf8_lossy(&self.run(&args).stdout).into_owned()
    }

    /// Waits until the screen satisfies `ready`, or fails with the screen.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The pane's terminal modes, as tmux keeps them: alternate screen,
    /// mouse reporting (any, button, standard, SGR), cursor and keypad.
    pub fn modes(&self) -> String {
        let format = "alt=#{alternate_on} mouse=#{mouse_any_flag}#{mouse_button_flag}\
                      #{mouse_standard_flag}#{mouse_sgr_flag} cursor=#{cursor_flag} \
                      keypad=#{keypad_cursor_flag}#{keypad_flag}";
        let args = ["display-message", "-p", "-t", "0", format].map(String::from);
        String::from_utf8_lossy(&self.run(&args).stdout)
            .trim()
            .to_string()
    }

    pub fn buffer(&self) -> Option<String> {
        let out = self.run(&["show-buffer".to_string()]);
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server".to_string()]);
    }
}

/// The binary under test: the one cargo built for this test run (release
/// with the README's `cargo test --release`).
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_careguide")
}
