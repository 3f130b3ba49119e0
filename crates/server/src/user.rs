//! `conclave user add|list|remove`: the operator's tool for organiser
//! accounts, working on the same data directory as `serve` (which may be
//! running: SQLite in WAL mode lets both use the file).

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::accounts::{self, Password};
use crate::store::sqlite::SqliteStore;
use crate::store::{AccountStore, now};

#[derive(clap::Args)]
pub struct UserArgs {
    #[command(subcommand)]
    action: Action,
    /// The data directory `serve` uses [default: ./conclave-data, or the
    /// configuration file's].
    #[arg(long, global = true, env = "CONCLAVE_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// The configuration file `serve` uses (for its data_dir).
    #[arg(long, global = true, env = "CONCLAVE_CONFIG")]
    config: Option<PathBuf>,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Add an organiser. The password is asked for without echo on a
    /// terminal, or read as one line from standard input otherwise.
    Add { name: String },
    /// List organisers.
    List,
    /// Remove an organiser and end their sessions (their meetings stay).
    Remove { name: String },
}

pub fn run(args: UserArgs) -> anyhow::Result<()> {
    let dir = crate::config::data_dir(args.config.as_deref(), args.data_dir)?;
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("creating data directory {}", dir.display()))?;
    let store = SqliteStore::open(&dir.join("conclave.sqlite"))?;
    match args.action {
        Action::Add { name } => {
            let name = accounts::check_name(&name)?;
            let password = read_password()?;
            password.check_new()?;
            let hash = accounts::hash_password(&password)?;
            if !store.add_user(name, &hash, now())? {
                bail!("an organiser called {name:?} exists already");
            }
            println!("Added organiser {name}.");
        }
        Action::List => {
            for name in store.user_names()? {
                println!("{name}");
            }
        }
        Action::Remove { name } => {
            if !store.remove_user(&name)? {
                bail!("there is no organiser called {name:?}");
            }
            println!("Removed organiser {name}.");
        }
    }
    Ok(())
}

/// From the terminal without echo (twice, to catch typos), or one line of
/// standard input when it is not a terminal (scripts, tests).
fn read_password() -> anyhow::Result<Password> {
    read_secret("Password")
}

/// A secret typed at a prompt without echo (twice, to catch typos), or one
/// line of standard input when that is not a terminal. Never an argument:
/// other users of the machine can read a process's command line.
pub(crate) fn read_secret(what: &str) -> anyhow::Result<Password> {
    if std::io::stdin().is_terminal() {
        let first = Password::new(rpassword::prompt_password(format!("{what}: "))?);
        let again = Password::new(rpassword::prompt_password(format!("{what} again: "))?);
        if !first.same_as(&again) {
            bail!("the two entries differ");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let _ = std::io::stderr().flush();
    let trimmed = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(trimmed);
    Ok(Password::new(line))
}
